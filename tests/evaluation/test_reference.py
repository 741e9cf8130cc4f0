"""``benchmarks/reference.py``'s own pieces: the reference's texts and its out-of-fold loop."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

from bot.snapshot import Commit, PRSnapshot
from tests.benchmark_scripts import load


def _marked() -> PRSnapshot:
    trailer = "Co-Authored-By: Claude <noreply@anthropic.com>"
    return PRSnapshot(title="Add retry to the uploader", body=f"Retries twice.\n\n{trailer}",
                      commits=(Commit(f"Add retry\n\n{trailer}"),))


def test_training_text_drops_attribution_and_scoring_text_keeps_it():
    ref, snap = load("reference"), _marked()
    assert "Claude" not in ref.stored_text(snap)
    assert "Retries twice." in ref.stored_text(snap) and "Add retry" in ref.stored_text(snap)
    assert ref.raw_text(snap).count("Co-Authored-By: Claude") == 2


def _docs(n: int) -> tuple[list[str], np.ndarray]:
    agent = "This PR implements comprehensive enhancements to the {} module with robust error handling"
    human = "fix typo in {} docs"
    names = [f"name{i % 7}" for i in range(n)]
    y = np.array([i % 2 for i in range(n)])
    return [(agent if label else human).format(name) for name, label in zip(names, y)], y


def test_out_of_fold_scores_each_fold_with_a_model_fitted_without_it():
    ref = load("reference")
    docs, y = _docs(60)
    folds = np.arange(60) % 3
    oof = ref.out_of_fold(docs, y, np.ones(60), folds)
    assert np.isfinite(oof).all()
    assert roc_auc_score(y, oof) == 1.0


def test_out_of_fold_fits_only_the_given_rows_and_skips_one_class_folds():
    ref = load("reference")
    docs, y = _docs(60)
    folds = np.arange(60) % 3
    rows = ~((folds != 0) & (y == 0))  # fold 0's model would see positives only
    oof = ref.out_of_fold(docs, y, np.ones(60), folds, rows)
    assert np.isnan(oof[folds == 0]).all()
    assert np.isfinite(oof[folds != 0]).all()
