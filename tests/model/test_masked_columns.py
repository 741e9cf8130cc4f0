"""``StackedClassifier(masked_columns=...)``: the trees never use a masked numeric column."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from bot.model.estimator import StackedClassifier


def _problem():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    numeric = np.c_[y + 0.1 * rng.random(400), rng.random(400) + 0.3 * y, rng.random(400)]
    return sp.csr_matrix(np.c_[numeric, rng.random((400, 4))]), y


def test_a_masked_column_does_not_move_any_prediction():
    X, y = _problem()
    model = StackedClassifier(n_numeric=3, max_iter=20, masked_columns=(0,), use_text=False).fit(X, y)
    flipped = X.toarray()
    flipped[:, 0] = 1 - flipped[:, 0]  # the column that gives the label away, turned upside down
    assert np.array_equal(model.predict_proba(X), model.predict_proba(sp.csr_matrix(flipped)))
    assert 0.5 < (model.predict(X) == y).mean() < 0.95  # column 1 still carries some signal


def test_without_a_mask_the_same_column_decides():
    X, y = _problem()
    model = StackedClassifier(n_numeric=3, max_iter=20, use_text=False).fit(X, y)
    assert (model.predict(X) == y).mean() > 0.99


def test_models_saved_before_masked_columns_was_a_parameter_mask_nothing():
    old = StackedClassifier.__new__(StackedClassifier)  # what loading an older model file builds
    old.__dict__.update({"n_numeric": 3})
    assert old.masked_columns == ()
