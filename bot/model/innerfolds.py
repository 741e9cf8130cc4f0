"""The inner folds of the trees' out-of-fold text vote (``StackedClassifier``).

v1-v4 split rows (``StratifiedKFold``). Two other splits are measured in CV: by repository group
(``GroupKFold``, ninth session), and by record, so a copy made from a record (``bot.model.relaid``)
lands in its record's fold; with a key of its own each row is split exactly as by rows.
"""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import GroupKFold, StratifiedKFold

N_SPLITS = 4


def splits(y, random_state, groups=None, records=None) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(train, test)`` row indices of each inner fold: by ``groups`` if given, else by ``records``
    if given, else by rows."""
    y = np.asarray(y)
    rows = np.zeros(len(y))
    if groups is not None:
        return list(GroupKFold(n_splits=N_SPLITS).split(rows, y, groups))
    if records is not None:
        return by_record(y, np.asarray(records), random_state)
    return list(StratifiedKFold(n_splits=N_SPLITS, shuffle=True, random_state=random_state).split(rows, y))


def by_record(y: np.ndarray, records: np.ndarray, random_state) -> list[tuple[np.ndarray, np.ndarray]]:
    """``StratifiedKFold`` over each record's first row; every other row of a record follows it."""
    _, first, key = np.unique(records, return_index=True, return_inverse=True)
    first = np.sort(first)
    fold_of_key = np.zeros(first.size, dtype=int)
    folds = StratifiedKFold(n_splits=N_SPLITS, shuffle=True, random_state=random_state)
    for k, (_, test) in enumerate(folds.split(np.zeros(first.size), y[first])):
        fold_of_key[key[first[test]]] = k
    fold = fold_of_key[key]
    return [(np.flatnonzero(fold != k), np.flatnonzero(fold == k)) for k in range(N_SPLITS)]
