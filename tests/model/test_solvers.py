"""``--converged-solvers``: the linear models are solved to convergence, so a fit does not
depend on where the solver happens to stop. At the default tolerance (the shipped model's),
last-bit differences between CPUs moved the text scores by up to 1e-3 and the trees turned
that into a different model (models/HISTORY.md, "Numerical noise")."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from bot.model.blend import BlendedClassifier, LinearHead
from bot.model.estimator import CONVERGED_TOL, PLATT_CONVERGED_TOL, PlattCalibrated, StackedClassifier


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


def test_the_default_tolerance_is_scikit_learns_and_stops_short_of_the_optimum(problem):
    X, y = problem  # the shipped model's setting: retraining it reproduces it on the same CPU
    text = StackedClassifier()._text_model()
    assert text.tol == LogisticRegression().tol
    text.fit(X, y)
    assert np.abs(text.decision_function(X) - _optimum(X, y)).max() > 1e-4


def test_converged_linear_heads_reach_the_optimum(problem):
    X, y = problem
    head = LinearHead(1.0, tol=CONVERGED_TOL).fit(X, y)
    exact = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced", tol=1e-12, max_iter=5000)
    exact_coef = exact.fit(X, y).coef_.ravel()
    assert np.abs(head.coef_ - exact_coef.astype(np.float32)).max() <= 2 * np.spacing(np.float32(np.abs(exact_coef).max()))


def test_converged_stacked_text_model_reaches_the_optimum(problem):
    X, y = problem
    text = StackedClassifier(tol=CONVERGED_TOL)._text_model().fit(X, y)
    assert np.abs(text.decision_function(X) - _optimum(X, y)).max() < 1e-6


def test_the_blend_hands_its_tolerance_to_both_heads(problem):
    X, y = problem
    stacked = StackedClassifier(n_numeric=5, max_iter=3, tol=CONVERGED_TOL)
    blend = BlendedClassifier(n_numeric=5, n_stack_text=100, stacked=stacked, tol=CONVERGED_TOL)
    blend.fit(X, y, reject=np.where(np.arange(len(y)) % 3 == 0, y, -1))
    assert blend.agent_.tol == blend.reject_.tol == CONVERGED_TOL


def test_converged_platt_scaling_reaches_the_optimum():
    rng = np.random.default_rng(1)
    p = rng.random(3000)
    y = (rng.random(3000) < p ** 2).astype(int)
    slope, intercept = PlattCalibrated.fit_map(p, y, tol=PLATT_CONVERGED_TOL)
    exact = LogisticRegression(C=1e6, max_iter=10000, tol=1e-14).fit(PlattCalibrated.logit(p).reshape(-1, 1), y)
    assert slope == pytest.approx(exact.coef_[0, 0], abs=1e-6)
    assert intercept == pytest.approx(exact.intercept_[0], abs=1e-6)


def test_models_saved_before_tol_was_a_parameter_report_the_default():
    head = LinearHead.__new__(LinearHead)  # what loading an older model file builds: no ``tol`` attribute
    head.__dict__.update({"c": 1.0})
    assert head.get_params()["tol"] == LogisticRegression().tol
