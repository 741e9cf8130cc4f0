"""``StackedClassifier.fit(groups=...)``: the text vote the trees learn from is scored by models
that never saw the row's repository, so a word that only one repository uses cannot carry it."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from bot.model.estimator import StackedClassifier


def _repositories(n_groups: int = 8, per_group: int = 40):
    """Each repository has its own word (one column) on its agent rows and nothing else: the word
    predicts the label inside the repository and says nothing about any other."""
    rows, labels, groups = [], [], []
    for g in range(n_groups):
        for i in range(per_group):
            label = i % 2
            text = np.zeros(n_groups)
            text[g] = float(label)
            rows.append(np.concatenate([[0.0], text]))  # one constant numeric column, then the text
            labels.append(label)
            groups.append(f"repo-{g}")
    return sp.csr_matrix(np.array(rows)), np.array(labels), np.array(groups)


def test_grouped_inner_folds_score_each_repository_with_models_that_never_saw_it():
    X, y, groups = _repositories()
    model = StackedClassifier(n_numeric=1, max_iter=10)
    _, text = model._split(X)
    by_rows = model._oof_text(text, y, None)
    by_groups = model._oof_text(text, y, None, groups)
    agents = y == 1
    # split by rows, each repository's word was seen: agents score far above humans
    assert by_rows[agents].mean() - by_rows[~agents].mean() > 1.0
    # split by repository, the word is unknown when its rows are scored: no separation at all
    assert abs(by_groups[agents].mean() - by_groups[~agents].mean()) < 1e-6


def test_fit_passes_groups_to_the_inner_folds_and_stays_as_before_without():
    X, y, groups = _repositories()
    plain = StackedClassifier(n_numeric=1, max_iter=10).fit(X, y)
    again = StackedClassifier(n_numeric=1, max_iter=10).fit(X, y, groups=None)
    grouped = StackedClassifier(n_numeric=1, max_iter=10).fit(X, y, groups=groups)
    assert np.array_equal(plain.predict_proba(X), again.predict_proba(X))
    assert not np.array_equal(plain.predict_proba(X), grouped.predict_proba(X))
