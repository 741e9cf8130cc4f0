"""The design selection, reproducible: the shipped design and its measured variants in CV.

Run: ``.venv/bin/python benchmarks/cv_variants.py [VARIANT ...] [--shared ../shared]`` (about
2 minutes per variant on 2 cores; no variant named: all of them). Each variant is trained
through ``bot.model.train``'s repository-grouped folds on the training split only (the
evaluation split is not read) and reported with the figures its selection used
(``models/HISTORY.md``, "Cross-validation, v3 against v4"): pooled E1-like to E4-like AUCs, the
mean per-repository E1-like and E2-like AUCs (each repository held out as a whole), and the
share of out-of-fold humans with a written description (``WRITTEN`` characters or more) above
the 1 % / 5 % false-positive thresholds of all humans.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # cv_designs, also when loaded by path

from cv_designs import LAYOUTS, MASKS, VARIANTS  # noqa: E402

WRITTEN = 200


def selection_figures(examples, scores: np.ndarray, seen: np.ndarray, body_chars: np.ndarray) -> dict:
    """The CV report of ``bot.model.metadata`` plus per-repository means and written-description humans."""
    from bot.model import metadata

    report = metadata.cv_report(examples, scores, seen)  # with file-blind figures: copies are always scored
    humans = seen & np.array([e.source == "git_prs" and e.label == 0 and e.weight == 1.0 for e in examples])
    written = humans & (np.asarray(body_chars) >= WRITTEN)
    high, medium = (np.quantile(scores[humans], 1 - fpr) for fpr in (metadata.FPR_HIGH, metadata.FPR_MEDIUM))
    return {"E1_like": report["E1_like"]["auc"], "E2_like": report["E2_like_auc"],
            "E3_like": report["E3_like_auc"], "E4_like": report["E4_like_auc"],
            **_repo_means(report["per_repo"]),
            "per_repo": report["per_repo"], "file_blind": _blind_summary(report.get("file_blind")),
            "bare_titles": report.get("bare_titles"), "headed_probes": report.get("headed_probes"),
            "commit_body_copies": report.get("commit_body_copies"),
            "written_description_humans": {"n": int(written.sum()),
                                           "above_1pct_threshold": _share(scores[written] > high),
                                           "above_5pct_threshold": _share(scores[written] > medium)}}


def _repo_means(per_repo: dict) -> dict:
    """The mean per-repository E1-like and E2-like AUCs (repositories without a figure left out)."""
    out = {}
    for figure in ("E1_like", "E2_like"):
        values = [r[f"{figure}_auc"] for r in per_repo.values() if r[f"{figure}_auc"] is not None]
        out[f"mean_per_repo_{figure}"] = round(float(np.mean(values)), 4) if values else None
    return out


def _blind_summary(blind: dict | None) -> dict | None:
    return {**blind, **_repo_means(blind["per_repo"])} if blind else None


def _share(flags: np.ndarray) -> float | None:
    return round(float(flags.mean()), 4) if flags.size else None


def run(name: str, prepared: dict, progress=print) -> dict:
    from bot.model import data, oof, train
    from bot.model.commitbody import churn

    v = VARIANTS[name]
    tol, _ = train.tolerances(v.converged)
    keys = ("examples", "X", "y", "w", "reject", "folds", "feats")
    examples, X, y, w, reject, folds, feats = (prepared[k] for k in keys)
    scored_view = prepared["X_as_scored"]
    X = scored_view if v.fit_as_scored else train.ai_zeroed(X, feats) if v.ai_zeroed else X
    blind = np.array([e.source.endswith(data.FILE_BLIND) for e in examples])
    early = np.array([e.source.endswith(data.EARLY) for e in examples])
    headed = np.array([e.source.endswith(data.HEADED) for e in examples])
    tick = np.array([e.source.endswith(data.TICKED) for e in examples])
    tried = np.array([e.source.endswith(data.TESTED) for e in examples])
    copies = np.array([e.source.endswith(data.BODIED) for e in examples])
    bodied = copies & np.array([v.bodied_max_lines is None or churn(e.snapshot) <= v.bodied_max_lines
                                for e in examples])
    scored_only = copies & ~bodied
    bodies = np.array([v.aidev_weight if e.source == "aidev_agent" else v.blind_factor if b
                       else v.early_unlabeled if r else v.headed if h else v.ticked if t else v.tested if d
                       else v.bodied if c else 0.0 if o else 1.0
                       for e, b, r, h, t, d, c, o in zip(examples, blind, early, headed, tick, tried, bodied, scored_only)])
    bodies *= repo_capped(examples, v.aidev_repo_cap)
    real = ~np.array([data.is_copy(e) for e in examples])
    fitted = ~(blind & (v.blind_factor == 0)) & ~(early & (v.early_unlabeled == 0)) & (w * bodies > 0)
    fit_w, _ = train.fit_weights(X, y, w * bodies, v.balanced, fitted=fitted, layout=v.layout,
                                 balanced=None if v.copies_in_balance else ~(headed | tick | tried | bodied | scored_only))

    X, n_stack_text = laid_out(X, feats, v.blocks)
    scored_view, _ = laid_out(scored_view, feats, v.blocks)
    markers_view, _ = laid_out(prepared["X_markers_back"], feats, v.blocks)

    def make():
        clf = train.classifier(feats, False, 0, v.leaf, tol, MASKS.get(v.mask, ()), rejection_weight=v.lam,
                               rejection_floor=v.floor, decreasing=train.TEST_COLUMNS if v.tests_only_lower else ())
        return clf.set_params(n_stack_text=n_stack_text, reject_c=v.reject_c, reject_numeric=v.reject_numeric)

    groups = np.array([e.group for e in examples]) if v.grouped_text else None
    views = {}  # other readings of the same rows, each scored by the same fold models
    if v.min_vocab_groups:
        parts = vocab_filtered_oof(X, y, fit_w, reject, folds, make, fitted, vocab_groups(examples),
                                   v.min_vocab_groups, feats.n_numeric)
    else:
        records = np.array([data.record_key(e) for e in examples]) if v.record_folds else None
        readings = {"as_scored": scored_view, "markers_back": markers_view,
                    **({"as_scored_care_zeroed": care_zeroed(scored_view, feats)} if v.care_view else {})}
        parts, *more = oof.out_of_fold_views(
            X, (X, *readings.values()), y, fit_w, reject, folds, make, progress, fit_mask=fitted, groups=groups,
            records=records)
        views.update(zip(readings, more))
    blend = make().set_stats(parts[~np.isnan(parts).any(axis=1) & fitted & real])
    result = {**figures(blend, parts, examples, prepared),
              **{name: figures(blend, view, examples, prepared) for name, view in views.items()}}
    if v.blends:
        result["r_only_E3_like"] = figures(RejectionOnly(), parts, examples, prepared)["E3_like"]
        result["floor_shares"] = floor_shares(blend, parts, y, real, {b[3] for b in v.blends if len(b) > 3})
    result["reaches"] = {reach_name(*b): {**figures(reached(blend, *b), parts, examples, prepared),
                                          **{name: figures(reached(blend, *b), view, examples, prepared)
                                             for name, view in views.items()}}
                         for b in v.blends}
    return result


def floor_shares(blend, parts: np.ndarray, y: np.ndarray, real: np.ndarray, floors) -> dict[str, dict]:
    """Where each floor sits: the share of non-agent and of agent rows whose ``base`` is at or above it."""
    seen = ~np.isnan(parts).any(axis=1) & real
    base = reached(blend, 0.0, blend.gate_c).combine(parts[seen])  # lam 0: base alone
    return {f"{f:g}": {label: round(float(np.mean(base[y[seen] == cls] >= f)), 4)
                       for label, cls in (("people", 0), ("agents", 1))} for f in sorted(floors)}


class RejectionOnly:
    """Scores a PR by its rejection-head score alone (a diagnostic beside the blends)."""

    def combine(self, parts):
        return parts[:, 2]


def reach_name(lam: float, c: float, down: float | None = None, floor: float | None = None,
               soft: float = 0.0) -> str:
    name = f"lam{lam:g}-c{c:g}" if down is None else f"up{lam:g}-down{down:g}-c{c:g}"
    return name if floor is None else f"{name}-floor{floor:g}-s{soft:g}"


def reached(blend, lam: float, c: float, down: float | None = None, floor: float | None = None,
            soft: float = 0.0):
    """``blend`` with the rejection head's weight ``lam`` (``down`` at or below its mean; None: ``lam``),
    gate centre ``c`` and downward-push floor ``floor``/``soft`` (BlendedClassifier.pushed; same statistics)."""
    from sklearn.base import clone

    other = clone(blend).set_params(lam=lam, gate_c=c, lam_down=down, floor=floor, floor_soft=soft)
    other.stats_ = blend.stats_
    return other


def care_zeroed(X, feats):
    """``X`` with the ``care`` signal columns (explains_testing) at 0: the model does not read them,
    and score() still takes their points off (a diagnostic view, sixteenth session)."""
    from bot.model import train
    from bot.signals import run_signals
    from bot.snapshot import PRSnapshot

    care = {f"signal:{h.name}" for h in run_signals(PRSnapshot(title="")) if h.kind == "care"}
    return train.zeroed(X, feats, care.__contains__)


AIDEV_AGENT_SOURCES = ("aidev_agent", "aidev_agent_title_only")


def repo_capped(examples, cap: int) -> np.ndarray:
    """Weight factors that let no repository's AIDev agent rows count for more than ``cap`` rows:
    ``min(1, cap / n)`` for a repository with ``n`` of them (its title-only copies share the
    factor), 1 for every other row. A few repositories send hundreds of one agent's PRs, and the
    model would learn their words as the agents' words."""
    factors = np.ones(len(examples))
    if not cap:
        return factors
    per_repo = Counter(e.group for e in examples if e.source == "aidev_agent")
    for i, e in enumerate(examples):
        if e.source in AIDEV_AGENT_SOURCES:
            factors[i] = min(1.0, cap / per_repo[e.group])
    return factors


def figures(blend, parts: np.ndarray, examples, prepared: dict) -> dict:
    """The selection figures of out-of-fold components ``parts``, blended with ``blend``'s statistics
    (those of the view the model was fitted on, as the shipped model applies them to every PR)."""
    seen = ~np.isnan(parts).any(axis=1)
    scores = np.full(len(parts), np.nan)
    scores[seen] = blend.combine(parts[seen])
    return selection_figures(examples, scores, seen, prepared["body_chars"])


def vocab_groups(examples) -> np.ndarray:
    """The repository each row speaks for, for ``min_vocab_groups``: its CV group, except an AIDev
    human title (grouped by a hash of its id, its repository not given), which counts on its own."""
    return np.array([e.record_id if e.source == "aidev_human_titles" else e.group for e in examples])


def kept_columns(X, groups: np.ndarray, k: int, n_numeric: int) -> np.ndarray:
    """1.0 for the numeric columns and the text columns non-zero in rows of ``k`` or more groups."""
    import scipy.sparse as sp

    _, row_group = np.unique(groups, return_inverse=True)
    member = sp.csr_matrix((np.ones(len(row_group)), (row_group, np.arange(len(row_group)))))
    present = sp.csr_matrix(X, copy=True)
    present.data = (present.data != 0).astype(np.float64)
    per_group = member @ present
    per_group.data = (per_group.data > 0).astype(np.float64)
    keep = np.asarray(per_group.sum(axis=0)).ravel() >= k
    keep[:n_numeric] = True
    return keep.astype(np.float64)


def vocab_filtered_oof(X, y, w, reject, folds, make, fitted, groups, k: int, n_numeric: int) -> np.ndarray:
    """``oof.out_of_fold`` with the text columns of fewer than ``k`` training-fold repositories
    zeroed (a zero column gets a zero weight in every linear model, so scoring needs no change)."""
    import scipy.sparse as sp

    oof = np.full((len(y), 5), np.nan)
    X = sp.csr_matrix(X)
    for fold in np.unique(folds):
        train_rows, test = (folds != fold) & fitted, folds == fold
        Xf = X @ sp.diags(kept_columns(X[train_rows], groups[train_rows], k, n_numeric))
        model = make().fit(Xf[train_rows], y[train_rows], sample_weight=w[train_rows], reject=reject[train_rows])
        oof[test] = model.components(Xf[test])
    return oof


def laid_out(X, feats, layout: str):
    """``X`` (numeric | word | char | full columns) with the blocks of ``LAYOUTS[layout]``, and the
    width of the trees' text columns."""
    import scipy.sparse as sp

    n, sizes = feats.n_numeric, {"word": feats.word_features, "char": feats.char_features,
                                 "full": feats.full_word_features}
    starts = {"word": n, "char": n + sizes["word"], "full": n + sizes["word"] + sizes["char"]}
    stack, head = LAYOUTS[layout]
    if layout == "v4":
        return X, sizes["word"] + sizes["char"]
    if layout == "char-bare-titles":  # v4's columns, the char block zeroed on every row that is not a bare title
        bare = X[:, feats.feature_names().index("title_only")].toarray().ravel() > 0.5
        chars = np.zeros(X.shape[1])
        chars[starts["char"]:starts["char"] + sizes["char"]] = 1.0
        X = sp.csr_matrix(X)
        return X - sp.diags((~bare).astype(float)) @ X @ sp.diags(chars), sizes["word"] + sizes["char"]
    X = sp.csc_matrix(X)
    cols = [X[:, :n]] + [X[:, starts[b]:starts[b] + sizes[b]] for b in (*stack, head)]
    return sp.hstack(cols, format="csr"), sum(sizes[b] for b in stack)


def prepare(shared: Path, ai_words_masked: bool = False, headings_masked: bool = False, headed_salt: str = "",
            ticked_headed: bool = False, tested_headed: bool = False, code_masked: bool = False) -> dict:
    """Training examples and their features, built once for every variant that reads the text alike."""
    from bot.model import data, markersback, train
    from bot.model.features import texts_of

    # each variant sets the weights of the file-blind copies and of the 2022 `unlabeled` rows
    examples = data.training_examples(shared, file_blind_weight=1.0, early_unlabeled_weight=1.0, headed_weight=1.0,
                                      headed_salt=headed_salt, ticked_weight=1.0, ticked_under_headings=ticked_headed,
                                      tested_weight=1.0, tested_under_headings=tested_headed, bodied_weight=1.0)
    snaps = [e.snapshot for e in examples]
    # the vocabulary of v4's own training rows, so the v4 variant here is v4 (2022 rows left out)
    v4_rows = [e for e in examples if not e.source.endswith(data.EARLY)]  # (record_snapshots leaves copies out)
    feats = train.featurizer(False, ai_words_masked=ai_words_masked, headings_masked=headings_masked,
                             code_masked=code_masked).fit(train.record_snapshots(v4_rows))
    columns = dict(zip(("y", "w", "reject", "folds"), train.example_columns(examples)))
    X = train.features(feats, examples)
    return {"examples": examples, "feats": feats, "X": X,
            "X_as_scored": train.features(feats, examples, as_scored=True), **columns,
            # the E1+ reading: merged records with their attribution lines put back (bot.model.markersback)
            "X_markers_back": markersback.view(X, feats, examples, shared, as_features=train.features),
            "body_chars": np.array([len(texts_of(s).body) for s in snaps])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", metavar="VARIANT", help=f"any of: {', '.join(VARIANTS)}")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    unknown = sorted(set(args.variants) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}; known: {', '.join(VARIANTS)}")
    prepared = {}
    for name in args.variants or VARIANTS:
        v = VARIANTS[name]
        masked = (v.ai_words_masked, v.headings_masked, v.headed_salt, v.ticked_headed, v.tested_headed,
                  v.code_masked)
        if masked not in prepared:
            prepared[masked] = prepare(args.shared, *masked)
        result = run(name, prepared[masked], progress=lambda _m: None)
        reaches = result.pop("reaches")
        print(json.dumps({"variant": name, **result}), flush=True)
        for reach, figures_of in reaches.items():
            print(json.dumps({"variant": f"{name}@{reach}", **figures_of}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
