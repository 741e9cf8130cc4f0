"""``model-metadata.json``: what the model is, what it was trained on, how well it did in CV.

The CV report measures training-split look-alikes of the evaluation figures on out-of-fold
scores (each training git repository held out as a whole): E1-like (merged ``ai_agent`` vs
``human``), E2-like (``ai_agent`` vs same-era ``unlabeled``), E3-like (closed-unmerged vs merged
AIDev agent PRs; not-merged vs squash-merged agent pull refs), E4-like (title only).
"""

from __future__ import annotations

import platform
from datetime import datetime, timezone

import numpy as np
from sklearn.metrics import roc_auc_score

from bot.model import data, machine
from bot.model.blend import floor_setting
from bot.model.probes import copies_report, headed_report

MODEL_NAME = "pr-sieve-blend"
# v2 "blend", v3 "blend-lenbal", v4 "blend-lenbal-leaf100"; v1 (pr-sieve-stacked) was "<date>-<dataset id>"
VERSION_TAG = "blend"
LENGTH_BALANCE_TAG = "-lenbal"  # v3: bot.model.balance on
V3_MIN_SAMPLES_LEAF = 20  # v4 tags its leaf size ("-leaf100"); v1-v3 used this one
CONVERGED_TAG = "-conv"  # --converged-solvers: logistic regressions solved to convergence
CHAR_BARE_TAG = "-charbare"  # --char-bare-titles: title char n-grams for bare titles only
AI_MASKED_TAG = "-aimasked"  # --ai-words-masked: the text blocks never read the AI vocabulary
CODE_MASKED_TAG = "-codemasked"  # the text blocks read inline code spans as one placeholder
HEADED_TAG = "-headed"  # --headed-weight > 0: human PRs re-laid under headings are fitted (bot.model.relaid)
BODIED_TAG = "-bodied"  # --bodied-weight > 0: human PRs with their first commit's body as the description are fitted
TESTED_TAG = "-tested"  # --tested-weight > 0: human PRs followed by how they were tested are fitted
TICKED_TAG = "-ticked"  # --ticked-weight > 0: human PRs followed by a ticked checklist are fitted (bot.model.relaid)
REACH_TAG = "-reach"  # --rejection-weight other than 1: the blend's weight on the rejection head
DOWN_TAG = "-down"  # --rejection-down: that weight on merged-looking PRs, when it differs (twentieth session)
FLOOR_TAG = "-floor"  # --rejection-floor F --rejection-floor-soft S: "-floor<F>s<S>" (twenty-first session)
TESTS_LOWER_TAG = "-testslower"  # --tests-only-lower: the trees' test columns can only lower the score
AS_SCORED_TAG = "-asscored"  # --fit-as-scored: training rows read as score() reads a PR (as_written, AI signals at 0)
# Which reading of the signals and texts a model was trained on. The trees read signal values and
# the text blocks read cleaned texts, so a model must be scored with the reading it was fitted on:
# 1 for v1-v8; 2 since the twenty-third session's audited fixes (models/HISTORY.md). Raise it with
# any change to what a model reads, and retrain; ``persist`` refuses a model of another reading.
FEATURE_READING = 2
READING_TAG = "-read"  # "-read2": left out for reading 1, the versions v1-v8 were given
FPR_MEDIUM = 0.05
FPR_HIGH = 0.01


def _auc(y, p) -> float | None:
    y = np.asarray(y)
    return round(float(roc_auc_score(y, p)), 4) if len(np.unique(y)) == 2 else None


def tpr_at_fpr(y, p, fpr: float) -> float | None:
    y, p = np.asarray(y), np.asarray(p)
    if not (y == 0).any() or not (y == 1).any():
        return None
    threshold = np.quantile(p[y == 0], 1 - fpr)
    return round(float((p[y == 1] > threshold).mean()), 4)


def _column(examples, attr) -> np.ndarray:
    return np.array([getattr(e, attr) for e in examples])


def cv_report(examples: list[data.Example], p: np.ndarray, seen: np.ndarray) -> dict:
    src, grp, out = _column(examples, "source"), _column(examples, "group"), _column(examples, "outcome")
    y, w = _column(examples, "label"), _column(examples, "weight")
    e1 = seen & (src == "git_prs") & (w == 1.0)
    e2 = seen & (src == "git_prs") & ((y == 1) | (w < 1.0))
    report = {"E1_like": _figures(y[e1], p[e1]), "E2_like_auc": _auc(y[e2], p[e2]), "per_repo": {}}
    for repo in data.TRAIN_GIT_REPOS:
        r1, r2 = e1 & (grp == repo), e2 & (grp == repo)
        report["per_repo"][repo] = {"E1_like_auc": _auc(y[r1], p[r1]), "E2_like_auc": _auc(y[r2], p[r2])}
    ag = seen & (src == "aidev_agent") & np.isin(out, ["merged", "closed_unmerged"])
    pr = seen & (src == "git_pull_refs") & (y == 1) & np.isin(out, ["not_merged", "merged_squash"])
    report["E3_like_auc_aidev"] = _auc(out[ag] == "closed_unmerged", p[ag])
    report["E3_like_auc_pull_refs"] = _auc(out[pr] == "not_merged", p[pr])
    both = ag | pr
    report["E3_like_auc"] = _auc(np.isin(out[both], ["closed_unmerged", "not_merged"]), p[both])
    e4 = seen & np.isin(src, ["aidev_agent_title_only", "aidev_human_titles"])
    report["E4_like_auc"] = _auc(y[e4], p[e4])
    report["band_probability_thresholds"] = thresholds(p[e1], y[e1])
    blind = seen & (src == "git_prs" + data.FILE_BLIND)
    if blind.any():
        report["file_blind"] = file_blind_report(examples, p, blind, report["band_probability_thresholds"])
        blind_at = report["file_blind"]["band_probability_thresholds"]
        report["bare_titles"] = bare_title_report(y[e4], p[e4], report["band_probability_thresholds"], blind_at)
    if any(data.PROBE in s for s in src):
        report["headed_probes"] = headed_report(examples, p, seen, report["band_probability_thresholds"])
    bodied = np.array([s.endswith(data.BODIED) for s in src]) & seen
    if bodied.any():
        report["commit_body_copies"] = copies_report(examples, p, np.flatnonzero(bodied),
                                                     report["band_probability_thresholds"])
    return report


def _bodied(options) -> dict:
    """The commit-body copies' weight, only when they were built: a default training's metadata keeps
    the layout it had before they existed."""
    weight, lines = getattr(options, "bodied_weight", None), getattr(options, "bodied_max_lines", None)
    if weight is None:
        return {}
    limited = lines is not None and weight > 0  # with none fitted, no limit applies
    return {"commit_body_human_copies": weight, **({"commit_body_copies_max_lines": lines} if limited else {})}


def _bodied_tag(options) -> str:
    """``-bodied`` when the commit-body copies are fitted; ``-bodied20`` when only those of at most 20 lines are."""
    if not getattr(options, "bodied_weight", None):
        return ""
    lines = getattr(options, "bodied_max_lines", None)
    return BODIED_TAG + ("" if lines is None else str(lines))


def bare_title_report(y: np.ndarray, p: np.ndarray, at: dict, blind_at: dict) -> dict:
    """Bare titles (AIDev human titles, agent title copies) above each band threshold: a bare title
    has no file information, so ``score()`` reads it against the file-blind pair (``blind_at``)."""
    out = {}
    for name, rows in (("humans", y == 0), ("agents", y == 1)):
        out[name] = {"n": int(rows.sum()), **{
            f"above_{kind}{band}": round(float((p[rows] > pair[band]).mean()), 4) if rows.any() else None
            for kind, pair in (("", at), ("file_blind_", blind_at)) for band in ("medium", "high")}}
    return out


def file_blind_report(examples, p: np.ndarray, blind: np.ndarray, at: dict) -> dict:
    """The E1-like and E2-like figures on the file-blind copies of the merged git rows, the share of
    their humans / 2023+ ``unlabeled`` / agents above the with-files band thresholds, and their own
    thresholds (5 % / 1 % of the file-blind humans: what ``score()`` uses when a PR has no files)."""
    y, w, grp = _column(examples, "label"), _column(examples, "weight"), _column(examples, "group")
    e1, e2 = blind & (w == 1.0), blind & ((y == 1) | (w < 1.0))
    per_repo = {repo: {"E1_like_auc": _auc(y[e1 & (grp == repo)], p[e1 & (grp == repo)]),
                       "E2_like_auc": _auc(y[e2 & (grp == repo)], p[e2 & (grp == repo)])}
                for repo in data.TRAIN_GIT_REPOS}
    above = {}
    for name, rows in (("humans", e1 & (y == 0)), ("unlabeled", blind & (y == 0) & (w < 1.0)), ("agents", e1 & (y == 1))):
        above[name] = {band: round(float((p[rows] > at[band]).mean()), 4) if rows.any() else None
                       for band in ("medium", "high")}
    return {"E1_like_auc": _auc(y[e1], p[e1]), "E2_like_auc": _auc(y[e2], p[e2]), "per_repo": per_repo,
            "above_thresholds": above, "band_probability_thresholds": thresholds(p[e1], y[e1])}


def _figures(y, p) -> dict:
    return {"auc": _auc(y, p), "tpr_at_fpr_1pct": tpr_at_fpr(y, p, 0.01),
            "tpr_at_fpr_5pct": tpr_at_fpr(y, p, 0.05), "n_pos": int((y == 1).sum()), "n_neg": int((y == 0).sum())}


def thresholds(p, y) -> dict:
    """Probabilities at 5 % / 1 % false positives on human PRs (out of fold): medium / high."""
    neg = np.asarray(p)[np.asarray(y) == 0]
    if neg.size == 0:
        return {"medium": 0.5, "high": 0.8}
    return {"medium": round(float(np.quantile(neg, 1 - FPR_MEDIUM)), 4),
            "high": round(float(np.quantile(neg, 1 - FPR_HIGH)), 4)}


def short_report(report: dict) -> str:
    e1 = report["E1_like"]
    repos = ", ".join(f"{k} {v['E1_like_auc']}" for k, v in report["per_repo"].items())
    return (f"E1-like AUC {e1['auc']} (TPR@1% {e1['tpr_at_fpr_1pct']}; per repo: {repos}), "
            f"E2-like {report['E2_like_auc']}, E3-like {report['E3_like_auc_aidev']}/"
            f"{report['E3_like_auc_pull_refs']} (pooled {report.get('E3_like_auc')}), E4-like {report['E4_like_auc']}")


def library_versions() -> dict:
    import scipy
    import sklearn
    import skops

    return {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
            "skops": skops.__version__, "python": platform.python_version()}


def version(trained_at: datetime, dataset: str, options) -> str:
    balance = LENGTH_BALANCE_TAG if options.length_balance else ""
    leaf = "" if options.min_samples_leaf == V3_MIN_SAMPLES_LEAF else f"-leaf{options.min_samples_leaf}"
    small = "-small" if options.small else ""
    converged = CONVERGED_TAG if options.converged_solvers else ""
    chars = CHAR_BARE_TAG if options.char_bare_titles else ""
    headed = HEADED_TAG if getattr(options, "headed_weight", None) else ""
    masked = AI_MASKED_TAG if getattr(options, "ai_words_masked", False) else ""
    masked += CODE_MASKED_TAG if getattr(options, "code_masked", False) else ""
    scored = AS_SCORED_TAG if getattr(options, "fit_as_scored", False) else ""
    ticked = TICKED_TAG if getattr(options, "ticked_weight", None) else ""
    ticked += TESTED_TAG if getattr(options, "tested_weight", None) else ""
    ticked += _bodied_tag(options)
    ticked += TESTS_LOWER_TAG if getattr(options, "tests_only_lower", False) else ""
    reach = getattr(options, "rejection_weight", 1.0)
    reach = "" if reach == 1.0 else f"{REACH_TAG}{reach:g}"
    down = getattr(options, "rejection_down", None)
    reach += "" if down is None else f"{DOWN_TAG}{down:g}"
    floor = floor_setting(getattr(options, "rejection_floor", None), getattr(options, "rejection_floor_soft", 1.0))
    reach += "" if floor is None else f"{FLOOR_TAG}{floor[0]:g}s{floor[1]:g}"
    reading = "" if FEATURE_READING == 1 else f"{READING_TAG}{FEATURE_READING}"
    return (f"{trained_at:%Y.%m.%d}-{dataset[:8]}-{VERSION_TAG}{balance}{leaf}{converged}{chars}{headed}{masked}"
            f"{ticked}{scored}{reach}{reading}{small}")


def build(examples, featurizer, report: dict, *, options, params: dict, length_balance: dict | None = None) -> dict:
    trained_at = datetime.now(timezone.utc)
    dataset = data.dataset_id(examples)
    return {
        "model_name": MODEL_NAME,
        "model_version": version(trained_at, dataset, options),
        "feature_reading": FEATURE_READING,
        "trained_at": trained_at.isoformat(timespec="seconds"),
        "seed": options.seed,
        "small": options.small,
        "training_data": {"dataset_id": dataset, "n_examples": len(examples),
                          "counts_by_source_and_label": data.counts(examples),
                          "weights": {"unlabeled_from_2023": data.UNLABELED_WEIGHT,
                                      "title_only_agent_copy": data.TITLE_ONLY_WEIGHT,
                                      "closed_unmerged_agent": data.REJECTED_WEIGHT,
                                      "attribution_restored_share": data.RESTORE_SHARE,
                                      "file_blind_copies": getattr(options, "file_blind_weight", None),
                                      "headed_human_copies": getattr(options, "headed_weight", None),
                                      "ticked_human_copies": getattr(options, "ticked_weight", None),
                                      "ticked_copies_under_headings": getattr(options, "ticked_under_headings", False),
                                      "tested_human_copies": getattr(options, "tested_weight", None),
                                      "tested_copies_under_headings": getattr(options, "tested_under_headings", False),
                                      **_bodied(options),
                                      "copies_share_their_records_inner_text_fold":
                                          getattr(options, "record_folds", False),
                                      "description_length_balance": length_balance or {"on": False}},
                          "split": "training split of ../shared/data/README.md (bot.evaluation.splits)"},
        "library_versions": library_versions(),
        "numeric_environment": machine.numeric_environment(),
        "feature_names": featurizer.feature_names(),
        "signal_names": list(featurizer.signal_names),
        "text_features": {"word_hashed_tfidf": featurizer.word_features,
                          "char_hashed_tfidf": featurizer.char_features,
                          "full_text_word_hashed_tfidf": getattr(featurizer, "full_word_features", 0),
                          "char_block_on_bare_titles_only": featurizer.char_bare_titles,
                          "ai_words_masked": getattr(featurizer, "ai_words_masked", False),
                          "code_spans_masked": getattr(featurizer, "code_masked", False),
                          "attribution_stripped": True,
                          "training_rows_read_as_scored": getattr(options, "fit_as_scored", False)},
        "hyper_parameters": {k: v for k, v in params.items() if isinstance(v, (int, float, str, bool))},
        "cv": report,
        "band_probability_thresholds": report["band_probability_thresholds"],
        "band_probability_thresholds_file_blind": (report.get("file_blind") or {}).get("band_probability_thresholds"),
        "evaluation": None,
    }


REFERENCE = {"E1": 0.963, "E1+": 0.970, "E2": 0.689, "E3": 0.737, "E4": 0.765}  # TF-IDF + LR, README


def _set_summary(at_high: dict, at_medium: dict) -> dict:
    keys = ("n_pos", "n_neg", "auc", "tpr_at_fpr1", "tpr_at_fpr5")
    out = {k: at_high.get(k) for k in keys}
    out["fpr_at_high"], out["fpr_at_medium"] = at_high.get("fpr_at_threshold"), at_medium.get("fpr_at_threshold")
    groups = (at_high.get("per_repo") or {}).get("groups") or {}
    if 1 < len(groups) <= 12:
        out["per_repo_auc"] = {k: v.get("auc") for k, v in groups.items()}
    if at_high.get("slices"):
        out["slice_fpr_at_high"] = at_high["slices"]
        out["slice_fpr_at_medium"] = at_medium["slices"]
    return out


def evaluation_summary(at_high: dict, at_medium: dict, when: str) -> dict:
    """The one evaluation run's figures (scores = calibrated probabilities, bands' thresholds
    from training CV) and the README reference figures beside them. No PR of the evaluation
    split is named: the protocol forbids design decisions on it (v10's metadata, written before,
    still lists its worst-ranked E1 and E2 PRs as ``misses``)."""
    sets = {name: _set_summary(s, at_medium["sets"][name]) for name, s in at_high["sets"].items()
            if "auc" in s}
    return {"run_at": when, "protocol": "../shared/data/README.md (bot.evaluation.protocol), scored once",
            "thresholds": {"high": at_high["threshold"], "medium": at_medium["threshold"]},
            "sets": sets, "reference_auc": REFERENCE,
            "smoke_onlyrobots": at_high["sets"].get("smoke")}


def attach_evaluation(model_dir, evaluation: dict) -> None:
    """Write the evaluation into model-metadata.json (the model file and its sha256 are unchanged)."""
    import json
    from pathlib import Path

    from bot.model.persist import METADATA_FILE, write_metadata

    meta = json.loads((Path(model_dir) / METADATA_FILE).read_text(encoding="utf-8"))
    meta["evaluation"] = evaluation
    write_metadata(meta, Path(model_dir))
