"""``FlatForest`` gives exactly scikit-learn's probabilities, NaN routing included."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from bot.model.fasttrees import flatten


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3000, 8))
    X[rng.random(X.shape) < 0.05] = np.nan  # missing values: trees learn where NaN goes
    y = ((np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 1]) * X[:, 2].clip(-1, 1)) > 0).astype(int)
    model = HistGradientBoostingClassifier(max_iter=60, max_leaf_nodes=31, random_state=0).fit(X, y)
    return model, rng.normal(size=(500, 8))


def test_same_probabilities_as_scikit_learn(fitted):
    model, X = fitted
    X[::3, 1] = np.nan
    X[::4, 0] = np.nan
    assert np.array_equal(flatten(model).predict_proba(X), model.predict_proba(X))
    assert np.array_equal(flatten(model).predict_proba(X[:1]), model.predict_proba(X[:1]))


def test_the_flat_copy_is_made_once(fitted):
    model, _ = fitted
    assert flatten(model) is flatten(model)


def test_models_it_cannot_flatten_keep_scikit_learns_path():
    X = np.array([[0.0], [1.0], [2.0], [1.0]] * 50)
    y = np.array([0, 1, 2, 1] * 50)  # three classes: three trees per iteration
    assert flatten(HistGradientBoostingClassifier(max_iter=3).fit(X, y)) is None
