"""Out-of-fold scores: each held-out fold scored by components fitted on the others
(``BlendedClassifier.components``), then blended and put through the Platt map. The CV report,
the calibration and the band thresholds read these, never a row's own fit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bot.model.estimator import PlattCalibrated

Progress = Callable[[str], None]


def out_of_fold(X, y, w, reject, folds, make, progress: Progress, fit_mask=None, groups=None,
                records=None) -> np.ndarray:
    """Out-of-fold raw components (n x 5, ``BlendedClassifier.components``; NaN rows: unfitted folds).
    ``fit_mask``: only these rows are fitted on (every row of the held-out fold is still scored);
    ``groups`` / ``records``: each row's repository group / record key, for the trees' inner text folds."""
    return out_of_fold_views(X, (X,), y, w, reject, folds, make, progress, fit_mask, groups, records)[0]


def out_of_fold_views(X, views, y, w, reject, folds, make, progress: Progress, fit_mask=None, groups=None,
                      records=None) -> list[np.ndarray]:
    """``out_of_fold`` fitted on ``X``, with each held-out fold scored in every one of ``views``
    (the same rows read another way, such as ``features(..., as_scored=True)``)."""
    oofs = [np.full((len(y), 5), np.nan) for _ in views]
    fit_mask = np.ones(len(y), dtype=bool) if fit_mask is None else fit_mask
    for k in np.unique(folds):
        train, test = (folds != k) & fit_mask, folds == k
        if len(np.unique(y[train])) < 2:
            continue
        progress(f"CV fold {k + 1}/{len(np.unique(folds))}: fit on {int(train.sum())}, score {int(test.sum())}")
        inner = {} if groups is None else {"groups": np.asarray(groups)[train]}
        if records is not None:
            inner["records"] = np.asarray(records)[train]
        model = make().fit(X[train], y[train], sample_weight=w[train], reject=reject[train], **inner)
        for oof, view in zip(oofs, views):
            oof[test] = model.components(view[test])
    return oofs


def calibrated(blend, parts, y, w, used, tol: float):
    """Platt-calibrated out-of-fold probabilities of every scored row (NaN rows: 0.5 before the map),
    with the map fitted on the ``used`` rows only; returns ``(probabilities, (slope, intercept))``."""
    oof = blended(blend, parts)
    slope, intercept = PlattCalibrated.fit_map(oof[used], y[used], w[used], tol=tol)
    return mapped(blend, parts, slope, intercept), (slope, intercept)


def blended(blend, parts) -> np.ndarray:
    scored = ~np.isnan(parts).any(axis=1)
    oof = np.full(len(parts), np.nan)
    oof[scored] = 1 / (1 + np.exp(-blend.combine(parts[scored])))
    return oof


def mapped(blend, parts, slope: float, intercept: float) -> np.ndarray:
    """``parts`` blended and put through the Platt map (NaN rows: 0.5 before the map)."""
    oof = blended(blend, parts)
    return 1 / (1 + np.exp(-(slope * PlattCalibrated.logit(np.nan_to_num(oof)) + intercept)))
