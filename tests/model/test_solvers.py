"""The linear models are solved to convergence, so a fit does not depend on where the solver
happens to stop: at scikit-learn's default tolerance, last-bit differences between CPUs moved
the text scores by up to 1e-3 and the trees turned that into a different model."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from bot.model.blend import LinearHead
from bot.model.estimator import PlattCalibrated, StackedClassifier


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(0)
    X = sp.random(2000, 3000, density=0.01, random_state=1, format="csr")
    X.data = np.log1p(X.data * 5)
    y = ((X @ rng.normal(size=3000)) + rng.normal(size=2000) > 0).astype(int)
    return X, y


def _optimum(X, y, **kw) -> np.ndarray:
    exact = LogisticRegression(C=1.0, solver="liblinear", tol=1e-12, max_iter=5000, **kw).fit(X, y)
    return exact.decision_function(X)


def test_the_default_tolerance_stops_measurably_short_of_the_optimum(problem):
    X, y = problem  # what the tests below guard against: scikit-learn's tol=1e-4
    loose = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced").fit(X, y)
    assert np.abs(loose.decision_function(X) - _optimum(X, y, class_weight="balanced")).max() > 1e-4


def test_linear_heads_reach_the_optimum(problem):
    X, y = problem
    head = LinearHead(1.0).fit(X, y)
    weights = head.coef_.astype(np.float64)  # stored as float32: compare at that precision
    assert np.abs(X @ weights + head.intercept_ - _optimum(X, y, class_weight="balanced")).max() < 1e-4
    exact = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced", tol=1e-12, max_iter=5000)
    exact_coef = exact.fit(X, y).coef_.ravel()
    assert np.abs(head.coef_ - exact_coef.astype(np.float32)).max() <= 2 * np.spacing(np.float32(np.abs(exact_coef).max()))


def test_the_stacked_text_model_reaches_the_optimum(problem):
    X, y = problem
    text = StackedClassifier()._text_model().fit(X, y)
    assert np.abs(text.decision_function(X) - _optimum(X, y)).max() < 1e-6


def test_platt_scaling_reaches_the_optimum():
    rng = np.random.default_rng(1)
    p = rng.random(3000)
    y = (rng.random(3000) < p ** 2).astype(int)
    slope, intercept = PlattCalibrated.fit_map(p, y)
    exact = LogisticRegression(C=1e6, max_iter=10000, tol=1e-14).fit(PlattCalibrated.logit(p).reshape(-1, 1), y)
    assert slope == pytest.approx(exact.coef_[0, 0], abs=1e-6)
    assert intercept == pytest.approx(exact.intercept_[0], abs=1e-6)
