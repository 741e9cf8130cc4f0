"""``StackedClassifier(decreasing_columns=...)``: a column that can only lower the trees' score.

``sieve train --tests-only-lower`` puts the trees' test columns here, so that adding a test never
counts against a PR (models/HISTORY.md, twenty-third session)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from bot.model.estimator import StackedClassifier
from bot.model.train import TEST_COLUMNS, classifier, featurizer


def _problem():
    """Column 0 raises the label's odds (the thing a decreasing constraint must refuse to learn)."""
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 600)
    numeric = np.c_[y * rng.random(600) + 0.2 * rng.random(600), rng.random(600) + 0.4 * y]
    return sp.csr_matrix(np.c_[numeric, rng.random((600, 3))]), y


def _raised(model, X) -> np.ndarray:
    higher = X.toarray()
    higher[:, 0] += 0.5
    return model.predict_proba(sp.csr_matrix(higher))[:, 1] - model.predict_proba(X)[:, 1]


def test_raising_a_decreasing_column_never_raises_the_score():
    X, y = _problem()
    model = StackedClassifier(n_numeric=2, max_iter=30, decreasing_columns=(0,), use_text=False).fit(X, y)
    assert _raised(model, X).max() <= 1e-12


def test_without_the_constraint_the_same_column_raises_scores():
    X, y = _problem()
    model = StackedClassifier(n_numeric=2, max_iter=30, use_text=False).fit(X, y)
    assert _raised(model, X).max() > 0.05


def test_models_saved_before_the_parameter_constrain_nothing():
    old = StackedClassifier.__new__(StackedClassifier)  # what loading an older model file builds
    old.__dict__.update({"n_numeric": 2})
    assert old.decreasing_columns == () and old._monotonic() is None


def test_the_training_option_names_the_test_columns():
    feats = featurizer(small=True)
    stacked = classifier(feats, True, 0, decreasing=TEST_COLUMNS).stacked
    names = feats.feature_names()
    assert {names[c] for c in stacked.decreasing_columns} == {"touches_tests", "test_file_share"}
    assert [stacked._monotonic()[c] for c in stacked.decreasing_columns] == [-1, -1]


def test_the_model_version_says_so(tmp_path):
    from datetime import datetime, timezone

    from bot.model.metadata import version
    from bot.model.train import TrainOptions

    when = datetime(2026, 11, 28, tzinfo=timezone.utc)
    with_it, without = (version(when, "abcdef012345", TrainOptions(out_dir=tmp_path, shared=tmp_path,
                                                                    tests_only_lower=flag)) for flag in (True, False))
    assert "-tested-bodied20-testslower-reach1.5-floor0.5s0.5" in with_it and "testslower" not in without
