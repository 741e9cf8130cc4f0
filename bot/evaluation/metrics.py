"""Figures for the evaluation protocol. ``y`` is 1 for the positive class, scores are
"higher = more likely a low-effort agent PR". A PR is *flagged* when ``score >= threshold``.

Definitions (fixed so every model version is measured the same way):

- ``auc``: ROC-AUC (``sklearn.metrics.roc_auc_score``); None when a class is missing.
- ``tpr_at_fpr(y, s, target)``: the largest TPR over all score thresholds ``t`` (each
  distinct score, plus +inf) whose FPR = #neg(score >= t) / #neg is at most ``target``.
  Ties are never split: all PRs with the same score are flagged together.
- ``fpr_at(y, s, t)``: #neg(score >= t) / #neg.

A threshold ``t`` is one number, or an array with one threshold per PR (aligned with the scores:
``score()`` reads a PR without files against its own thresholds).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve

FPR_TARGETS = (0.01, 0.05)


def _arrays(y, scores) -> tuple[np.ndarray, np.ndarray]:
    y, s = np.asarray(y, dtype=int), np.asarray(scores, dtype=float)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError(f"labels {y.shape} and scores {s.shape} must be 1-d of equal length")
    return y, s


def has_both_classes(y) -> bool:
    y = np.asarray(y, dtype=int)
    return bool((y == 1).any() and (y == 0).any())


def auc(y, scores) -> float | None:
    y, s = _arrays(y, scores)
    return float(roc_auc_score(y, s)) if has_both_classes(y) else None


def tpr_at_fpr(y, scores, target: float) -> tuple[float, float] | None:
    """``(tpr, threshold)``: the best TPR with FPR <= ``target``, and the score threshold
    that reaches it (``inf`` when only "flag nothing" qualifies)."""
    y, s = _arrays(y, scores)
    if not has_both_classes(y):
        return None
    fpr, tpr, thresholds = roc_curve(y, s, drop_intermediate=False)
    ok = fpr <= target + 1e-12
    best = int(np.flatnonzero(ok)[np.argmax(tpr[ok])])
    return float(tpr[best]), float(thresholds[best])


Threshold = float | np.ndarray


def _at(threshold: Threshold, rows: np.ndarray) -> Threshold:
    """The threshold(s) of the selected rows (a single number applies to every row)."""
    return threshold if np.ndim(threshold) == 0 else np.asarray(threshold, dtype=float)[rows]


def fpr_at(y, scores, threshold: Threshold) -> float | None:
    y, s = _arrays(y, scores)
    negatives = y == 0
    return float((s[negatives] >= _at(threshold, negatives)).mean()) if negatives.any() else None


def tpr_at(y, scores, threshold: Threshold) -> float | None:
    y, s = _arrays(y, scores)
    positives = y == 1
    return float((s[positives] >= _at(threshold, positives)).mean()) if positives.any() else None


def roc_points(y, scores) -> tuple[np.ndarray, np.ndarray] | None:
    y, s = _arrays(y, scores)
    if not has_both_classes(y):
        return None
    fpr, tpr, _ = roc_curve(y, s)
    return fpr, tpr


def summary(y, scores, threshold: Threshold) -> dict:
    """Counts, AUC, TPR at each ``FPR_TARGETS`` and the rates at ``threshold``."""
    y, s = _arrays(y, scores)
    out = {"n": int(y.size), "n_pos": int((y == 1).sum()), "n_neg": int((y == 0).sum()),
           "auc": _round(auc(y, s))}
    for target in FPR_TARGETS:
        hit = tpr_at_fpr(y, s, target)
        key = f"fpr{round(target * 100)}"
        out[f"tpr_at_{key}"] = _round(hit[0]) if hit else None
        out[f"threshold_at_{key}"] = _finite(hit[1]) if hit else None  # the cut itself: 4 decimals made 0.99996 1.0
    out["fpr_at_threshold"] = _round(fpr_at(y, s, threshold))
    out["tpr_at_threshold"] = _round(tpr_at(y, s, threshold))
    return out


def per_group_auc(y, scores, groups: Sequence) -> dict:
    """AUC per group (e.g. repository); groups lacking either class are skipped and counted."""
    y, s = _arrays(y, scores)
    index = defaultdict(list)
    for i, g in enumerate(groups):
        if g is not None and g != "":
            index[g].append(i)
    out, skipped = {}, 0
    for g in sorted(index):
        rows = np.asarray(index[g])
        if not has_both_classes(y[rows]):
            skipped += 1
            continue
        out[g] = {"n_pos": int((y[rows] == 1).sum()), "n_neg": int((y[rows] == 0).sum()),
                  "auc": _round(auc(y[rows], s[rows]))}
    return {"groups": out, "skipped_one_class": skipped}


def slice_fpr(y, scores, flags: Iterable, threshold: Threshold) -> dict | None:
    """FPR at ``threshold`` among negatives whose flag is True (None flags = unknown, ignored)."""
    y, s = _arrays(y, scores)
    flags = list(flags)
    mask = np.array([f is True for f in flags], dtype=bool)
    known = np.array([f is not None for f in flags], dtype=bool)
    neg_in = mask & (y == 0)
    if not neg_in.any():
        return None
    return {"n_neg": int(neg_in.sum()), "n_neg_known": int((known & (y == 0)).sum()),
            "fpr": _round(float((s[neg_in] >= _at(threshold, neg_in)).mean()))}


def _finite(value: float | None) -> float | None:
    """``value`` unrounded, for a threshold to re-apply (``--threshold``); None when infinite."""
    return None if value is None or not np.isfinite(value) else float(value)


def _round(value: float | None, digits: int = 4) -> float | None:
    """Rounded for reports; None for a missing or infinite value (keeps the JSON strict)."""
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits)
