"""``predict_proba`` of a fitted binary ``HistGradientBoostingClassifier``, for a few rows fast.

scikit-learn walks one tree at a time, each through a Python-level call: 150 calls per PR,
about 1.5 ms of the 4 ms ``score()`` took on a slow machine. ``FlatForest`` copies the fitted
trees' node arrays into one set of flat arrays. For one row it decides every split of every
tree at once (one vectorised comparison over all nodes gives each node's next node), then
follows all 150 trees together, one ``take`` per depth level. Same rules as scikit-learn's
``_predict_from_raw_data`` for numeric splits (NaN follows ``missing_go_to_left``, else
``x <= num_threshold`` goes left), leaf values added to the baseline tree by tree in the same
order (a sequential ``cumsum``), and the same ``expit``: the same numbers.

It wins for a few rows only (it decides all nodes, not just the visited ones): from about
8 rows on, scikit-learn's compiled loop is faster, so callers use it for at most ``MAX_ROWS``
rows (one PR scored by the App).

Models with categorical splits or several trees per iteration are not flattened
(``flatten`` returns None) and keep scikit-learn's own path.
"""

from __future__ import annotations

import weakref

import numpy as np
from scipy.special import expit

MAX_ROWS = 8
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_columns: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class FlatForest:
    def __init__(self, nodes: list[np.ndarray], baseline: float) -> None:
        sizes = np.array([len(n) for n in nodes])
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        flat = np.concatenate(nodes)
        shift = np.repeat(offsets, sizes)
        leaf, here = flat["is_leaf"].astype(bool), np.arange(len(flat))
        self.roots = offsets
        self.feature = flat["feature_idx"].astype(np.intp)
        self.threshold = flat["num_threshold"].astype(np.float64)
        self.nan_left = flat["missing_go_to_left"].astype(bool)
        self.left = np.where(leaf, here, flat["left"] + shift)  # a leaf points to itself
        self.right = np.where(leaf, here, flat["right"] + shift)
        self.value = flat["value"].astype(np.float64)
        self.depth = int(flat["depth"].max())
        self.baseline = float(baseline)

    def raw(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        return np.array([self._raw_row(x) for x in X], dtype=np.float64)

    def _raw_row(self, x: np.ndarray) -> float:
        at = x[self.feature]  # each node's feature value (leaves: unused, they point to self)
        go_left = np.where(np.isnan(at), self.nan_left, at <= self.threshold)
        next_node = np.where(go_left, self.left, self.right)
        node = self.roots
        for _ in range(self.depth):
            node = next_node.take(node)
        return float(np.cumsum(np.concatenate([[self.baseline], self.value.take(node)]))[-1])

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = expit(self.raw(X))
        return np.column_stack([1 - p, p])


def flatten(model) -> FlatForest | None:
    """The flat copy of a fitted binary ``HistGradientBoostingClassifier`` (cached), or None."""
    if model in _cache:
        return _cache[model]
    predictors = getattr(model, "_predictors", None)
    flat = None
    if predictors and all(len(p) == 1 for p in predictors) and not any(
            p[0].nodes["is_categorical"].any() for p in predictors):
        flat = FlatForest([p[0].nodes for p in predictors], model._baseline_prediction.ravel()[0])
    _cache[model] = flat
    return flat


def columns_read(model) -> frozenset[int] | None:
    """The input columns that some split of a fitted ``HistGradientBoostingClassifier`` reads
    (cached), or None when its trees cannot be read. A column no split reads cannot move a
    prediction: scikit-learn's ``_predict_from_raw_data`` (like ``FlatForest``) looks at a row's
    value only at a split node, on that node's ``feature_idx``, categorical splits included."""
    if model in _columns:
        return _columns[model]
    predictors = getattr(model, "_predictors", None)
    read = None
    if predictors:
        nodes = [p.nodes for trees in predictors for p in trees]
        read = frozenset(int(c) for n in nodes for c in np.unique(n["feature_idx"][~n["is_leaf"].astype(bool)]))
    _columns[model] = read
    return read
