"""Train the classifier end to end: training split -> grouped CV -> calibration -> model file.

Cross-validation is grouped by repository: each of the four training git repositories is a
fold of its own (so its figures are leave-one-repository-out), AIDev repositories are spread
over the five folds by hash. The out-of-fold component scores (``bot.model.blend``) give the
blend's standardisation; the blended out-of-fold scores give the CV report, the Platt
calibration and the band thresholds (probability at 5 % / 1 % false positives on human PRs).
No figure from the evaluation split is read here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.pipeline import Pipeline

from bot.model import balance, data, markersback, metadata, oof
from bot.model.blend import LOG_BODY, TITLE_ONLY, BlendedClassifier, floor_setting
from bot.model.estimator import (CONVERGED_TOL, DEFAULT_TOL, FULL_WORD_FEATURES, PLATT_CONVERGED_TOL, PlattCalibrated,
                                  SnapshotFeaturizer, StackedClassifier)
from bot.model.features import STRUCTURAL_NAMES
from bot.model.oof import out_of_fold_views
from bot.model.persist import save_model

N_FOLDS = 5
MIN_SAMPLES_LEAF = 100  # v4: coarser leaves generalise better to held-out repositories (MODEL_CARD.md)
# v6 (models/HISTORY.md, "Eighteenth session"): human PRs re-laid under headings (v5: 4, fourteenth session),
# and the same PRs' heading copies followed by a ticked checklist or by how their author tested, at these weights
HEADED_WEIGHT = 8.0
TICKED_WEIGHT = 4.0
TESTED_WEIGHT = 4.0
BODIED_WEIGHT = 4.0  # v10 (twenty-seventh session): people's small changes with their first commit's body
BODIED_MAX_LINES = 20
# the blend's weight on the rejection head (v7: 1.5, models/HISTORY.md "Nineteenth session"; v2-v6: 1.0)
REJECTION_WEIGHT = 1.5
# ... and the floor under its downward push (v8: 0.5, counting half below it; "Twenty-first session"; v2-v7: none)
REJECTION_FLOOR, REJECTION_FLOOR_SOFT = 0.5, 0.5
GIT_FOLDS = {name: i for i, name in enumerate(data.TRAIN_GIT_REPOS)}
HEADERS, BULLETS = STRUCTURAL_NAMES.index("header_count"), STRUCTURAL_NAMES.index("bullet_count")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainOptions:
    out_dir: Path
    shared: Path
    small: bool = False
    seed: int = 0
    hold_out: str | None = None  # leave this training repository out (held-out measurements)
    length_balance: bool = True  # bot.model.balance: description length carries no label on its own
    min_samples_leaf: int = MIN_SAMPLES_LEAF  # the trees' smallest leaf (v1-v3: 20)
    converged_solvers: bool = False  # logistic regressions to convergence: the same model on any CPU
    # bot.model.data's file-blind copies of the git rows: their weight factor (0: scored out of fold for
    # the file-blind band thresholds, never fitted; None: no copies)
    file_blind_weight: float | None = 0.0
    char_bare_titles: bool = True  # title char n-grams for bare titles only (ninth session lead; v6)
    ai_words_masked: bool = False  # the text blocks never read the AI vocabulary (models/HISTORY.md, eleventh session)
    code_masked: bool = True  # the text blocks read inline code spans as one placeholder (eighteenth session; v6)
    # bot.model.relaid's human PRs under headings: the training copies' weight factor (v6: 8, v5: 4; 0:
    # only the out-of-fold probes are scored, v4's design; None: no copies)
    headed_weight: float | None = HEADED_WEIGHT
    record_folds: bool = False  # a copy shares its record's inner text fold (CV lead, not v5's setting)
    fit_as_scored: bool = False  # every row read as score() reads a PR: as_written, AI signals at 0
    # bot.model.relaid's checklist and testing-paragraph copies: their weight factors (None: none; 0:
    # built, never fitted), and whether each is the record's heading copy followed by the addition (v6)
    ticked_weight: float | None = TICKED_WEIGHT
    ticked_under_headings: bool = True
    tested_weight: float | None = TESTED_WEIGHT
    tested_under_headings: bool = True
    rejection_weight: float = REJECTION_WEIGHT  # the blend's lambda: how far the rejection head reaches
    rejection_down: float | None = None  # its weight on merged-looking PRs (z(r) <= 0); None: rejection_weight
    rejection_floor: float | None = REJECTION_FLOOR  # below this base, a downward push counts
    rejection_floor_soft: float = REJECTION_FLOOR_SOFT  # ... this much per unit (1: all of it, no floor)
    tests_only_lower: bool = False  # the trees' test columns (TEST_COLUMNS) can only lower the score (v1-v8: no)
    # bot.model.commitbody's human PRs with their first commit's body as the description: the copies' weight
    # factor (v10: 4; None: none, v1-v9; 0: scored out of fold, never fitted, which fits v9's design)
    bodied_weight: float | None = BODIED_WEIGHT
    # only the copies of at most this many changed lines fitted, the rest scored (v10: 20; None: all)
    bodied_max_lines: int | None = BODIED_MAX_LINES

    @property
    def tol(self) -> float:
        return tolerances(self.converged_solvers)[0]

    @property
    def platt_tol(self) -> float:
        return tolerances(self.converged_solvers)[1]


# what says a PR changes tests: with ``tests_only_lower`` the trees may only read it as care, never
# against the PR (twenty-second session's audit: a 12-line test file raised 464 of 1,600 scores)
TEST_COLUMNS = ("touches_tests", "test_file_share")


def tolerances(converged_solvers: bool) -> tuple[float, float]:
    """The logistic regressions' and Platt scaling's stopping tolerances."""
    return (CONVERGED_TOL, PLATT_CONVERGED_TOL) if converged_solvers else (DEFAULT_TOL, DEFAULT_TOL)


def fold_of(group: str, n_folds: int = N_FOLDS) -> int:
    if group in GIT_FOLDS:
        return GIT_FOLDS[group] % n_folds
    return int(hashlib.md5(group.encode()).hexdigest(), 16) % n_folds


def classifier(feats: SnapshotFeaturizer, small: bool, seed: int, min_samples_leaf: int = MIN_SAMPLES_LEAF,
               tol: float = DEFAULT_TOL, masked: tuple[str, ...] = (),
               rejection_weight: float = REJECTION_WEIGHT, rejection_down: float | None = None,
               rejection_floor: tuple[float, float] | None = None,
               decreasing: tuple[str, ...] = ()) -> BlendedClassifier:
    """The blend; ``masked``: structural inputs the trees do not see (by name); ``decreasing``: inputs
    that can only lower the trees' score (by name; ``TEST_COLUMNS``: a test never counts against a
    PR); ``rejection_weight``:
    the blend's lambda; ``rejection_down``: its lambda on merged-looking PRs (None: the same);
    ``rejection_floor``: (floor, soft) under the downward push (``BlendedClassifier.pushed``; None: none)."""
    names = feats.feature_names()
    columns, lowering = (tuple(names.index(name) for name in chosen) for chosen in (masked, decreasing))
    stacked = StackedClassifier(n_numeric=feats.n_numeric, random_state=seed, min_samples_leaf=min_samples_leaf,
                                tol=tol, masked_columns=columns, decreasing_columns=lowering,
                                **({"max_iter": 40} if small else {}))
    floor, floor_soft = rejection_floor or (None, 0.0)
    return BlendedClassifier(n_numeric=feats.n_numeric, n_stack_text=feats.word_features + feats.char_features,
                             stacked=stacked, tol=tol, lam=rejection_weight, lam_down=rejection_down,
                             floor=floor, floor_soft=floor_soft)


def featurizer(small: bool, char_bare_titles: bool = False, ai_words_masked: bool = False,
               headings_masked: bool = False, code_masked: bool = False) -> SnapshotFeaturizer:
    from bot.signals import signal_names

    size = 2**12 if small else 2**16
    return SnapshotFeaturizer(tuple(signal_names()), word_features=size, char_features=size,
                              full_word_features=2**12 if small else FULL_WORD_FEATURES,
                              char_bare_titles=char_bare_titles, ai_words_masked=ai_words_masked,
                              headings_masked=headings_masked, code_masked=code_masked)


def training_set(options: TrainOptions) -> list[data.Example]:
    """The training examples, without ``options.hold_out``'s repository (its git and AIDev rows)."""
    examples = data.training_examples(options.shared, small=options.small,
                                      file_blind_weight=options.file_blind_weight,
                                      headed_weight=options.headed_weight, ticked_weight=options.ticked_weight,
                                      ticked_under_headings=options.ticked_under_headings,
                                      tested_weight=options.tested_weight,
                                      tested_under_headings=options.tested_under_headings,
                                      bodied_weight=options.bodied_weight,
                                      bodied_max_lines=options.bodied_max_lines)
    return [e for e in examples if e.group != options.hold_out] if options.hold_out else examples


def record_snapshots(examples: list[data.Example]) -> list:
    """The snapshots the text vocabulary (IDF) is fitted on: each record once, not its copies."""
    return [e.snapshot for e in examples if not data.is_copy(e)]


def features(feats: SnapshotFeaturizer, examples: list[data.Example], as_scored: bool = False):
    """The examples' feature matrix. Probe rows (``data.PROBE``) are read as ``score()`` reads a PR
    (``bot.written.as_written``, AI signals at 0), so the CV report's probes measure what the App
    would do; training rows are read as they are, or (``as_scored``) every row as a probe is."""
    from bot.scoring import without_ai
    from bot.signals import run_signals
    from bot.written import as_written

    probe = [as_scored or data.PROBE in e.source for e in examples]
    hits = [without_ai(run_signals(e.snapshot)) if p else None for e, p in zip(examples, probe)]
    return feats.transform([as_written(e.snapshot) if p else e.snapshot for e, p in zip(examples, probe)], hits=hits)


def ai_zeroed(X, feats: SnapshotFeaturizer):
    """``X`` with the ``ai`` signal columns (attribution, disclosure) at 0 on every row, as
    ``score()`` gives them to the model."""
    return zeroed(X, feats, lambda name: name.startswith("signal:ai_"))


def zeroed(X, feats: SnapshotFeaturizer, named):
    """``X`` with every column whose feature name satisfies ``named`` at 0 on every row."""
    import scipy.sparse as sp

    keep = np.ones(X.shape[1])
    keep[[i for i, name in enumerate(feats.feature_names()) if named(name)]] = 0.0
    return (sp.csr_matrix(X) @ sp.diags(keep)).tocsr()


def example_columns(examples: list[data.Example], n_folds: int = N_FOLDS) -> tuple[np.ndarray, ...]:
    """``(label, weight, rejection label, fold)`` of each example: what every fit and CV run reads."""
    return (np.array([e.label for e in examples]), np.array([e.fit_weight for e in examples]),
            np.array([data.reject_label(e) for e in examples]),
            np.array([fold_of(e.group, n_folds) for e in examples]))


def train(options: TrainOptions, progress: Progress = print) -> Path:
    progress(f"loading the training split from {options.shared / 'data'}")
    examples = training_set(options)
    progress(f"{len(examples)} training examples: {data.counts(examples)}")
    y, w, reject, folds = example_columns(examples, 3 if options.small else N_FOLDS)
    fitted = w > 0  # copies at weight factor 0 (file-blind, probes) are scored out of fold, never fitted
    real = ~np.array([data.is_copy(e) for e in examples])  # the blend's statistics and calibration read records only

    progress("extracting features (signals, structure, text)")
    feats = featurizer(options.small, options.char_bare_titles, options.ai_words_masked,
                       code_masked=options.code_masked).fit(record_snapshots(examples))
    X = features(feats, examples, as_scored=options.fit_as_scored)
    lessons = np.array([e.source.endswith(data.LESSONS) for e in examples])  # not in the balance
    fit_w, factors = fit_weights(X, y, w, options.length_balance, fitted=fitted, balanced=~lessons)
    progress(f"description-length balance: {f'factor on positives by bin {factors}' if factors else 'off'}")

    def make() -> BlendedClassifier:
        return classifier(feats, options.small, options.seed, options.min_samples_leaf, options.tol,
                          rejection_weight=options.rejection_weight, rejection_down=options.rejection_down,
                          rejection_floor=floor_setting(options.rejection_floor, options.rejection_floor_soft),
                          decreasing=TEST_COLUMNS if options.tests_only_lower else ())

    records = np.array([data.record_key(e) for e in examples]) if options.record_folds else None
    markers = markersback.view(X, feats, examples, options.shared, options.small, as_features=features)
    parts, parts_markers = out_of_fold_views(X, (X, markers), y, fit_w, reject, folds, make, progress,
                                             fit_mask=fitted, records=records)
    used = fitted & real & ~np.isnan(parts).any(axis=1)
    blend = make().set_stats(parts[used])
    calibrated, (slope, intercept) = oof.calibrated(blend, parts, y, w, used, options.platt_tol)
    report = metadata.cv_report(examples, calibrated, ~np.isnan(parts).any(axis=1))
    report["markers_back"] = markersback.report(examples, oof.mapped(blend, parts_markers, slope, intercept),
                                                ~np.isnan(parts_markers).any(axis=1))
    progress(f"CV (out-of-fold, grouped by repository): {metadata.short_report(report)}")

    progress("fitting the final model on the whole training split")
    base = blend.fit(X[fitted], y[fitted], sample_weight=fit_w[fitted], reject=reject[fitted],
                     records=None if records is None else records[fitted]).set_stats(parts[used])
    clf = PlattCalibrated(base=base, slope=slope, intercept=intercept).fit(X[fitted], y[fitted])
    pipeline = Pipeline([("features", feats), ("clf", clf)])
    meta = metadata.build(examples, feats, report, options=options,
                          params={**_params(base), "platt_slope": slope, "platt_intercept": intercept,
                                  "platt_tol": options.platt_tol},
                          length_balance=_balance_meta(options.length_balance, factors))
    path = save_model(pipeline, meta, options.out_dir)
    progress(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) and its metadata")
    return path


def fit_weights(X, y, w, length_balance: bool, fitted=None, layout: bool = False,
                balanced=None) -> tuple[np.ndarray, dict]:
    """The weights the models are fitted with: ``w``, length-balanced unless turned off
    (``layout``: each length bin also split by the description's layout). ``fitted``: the rows
    that are fitted on, every other row gets 0. ``balanced``: the fitted rows the balance is
    computed on and applied to (default: all of them); the others keep ``w``. Copies made for a
    lesson of their own (``bot.model.relaid``) stay out, or their negatives would give the long
    descriptions' agent rows back the weight the balance takes away."""
    fitted = np.ones(len(y), dtype=bool) if fitted is None else fitted
    out = np.where(fitted, w, 0.0)
    if not length_balance:
        return out, {}
    rows = fitted if balanced is None else fitted & balanced
    numeric = X[:, :max(LOG_BODY, TITLE_ONLY, HEADERS, BULLETS) + 1].toarray()[rows]
    bins = balance.length_bins(numeric[:, LOG_BODY], numeric[:, TITLE_ONLY])
    if layout:
        bins = balance.layout_bins(bins, numeric[:, HEADERS], numeric[:, BULLETS])
    out[rows], factors = balance.length_balanced(np.asarray(y)[rows], np.asarray(w)[rows], bins)
    return out, factors


def _balance_meta(on: bool, factors: dict) -> dict:
    if not on:
        return {"on": False}
    return {"on": True, "edges_chars": list(balance.EDGES), "floor": balance.FLOOR,
            "positive_factor_by_bin": {str(k): round(v, 4) for k, v in factors.items()},
            "bins": "-1 bare title; i: description shorter than edges_chars[i] (last: longer than all)"}


def _params(base: BlendedClassifier) -> dict:
    stacked = {f"stacked_{k}": v for k, v in base.stacked_.get_params().items()}
    blend = {k: v for k, v in base.get_params(deep=False).items()
             if k != "stacked" and not (k == "floor_soft" and base.floor is None)}  # no floor: nothing to soften
    stats = dict(zip(("mean_a", "std_a", "mean_b", "std_b", "mean_r", "std_r"), map(float, base.stats_)))
    return {**stacked, **blend, **stats}
