"""Run the fixed evaluation protocol: build the sets, score each once, report the figures.

``scorer`` is any callable ``list[PRSnapshot] -> array of scores`` (higher = more likely a
low-effort agent PR), e.g. ``bot.scoring.batch_score``. Snapshots are passed in chunks of
``CHUNK`` so a progress bar can move; a scorer must score each snapshot independently.
The report is plain JSON-able data and depends only on the scores (deterministic).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.evaluation import metrics
from bot.evaluation.datasets import ErrorSink, Example, print_error, protocol_sets
from bot.snapshot import PRSnapshot

Scorer = Callable[[list[PRSnapshot]], Sequence[float]]
Progress = Callable[[str, int, int], None]  # (set name, snapshots scored so far, total)
Scored = dict[str, tuple[np.ndarray, np.ndarray]]  # set name -> (y, scores)
OnFailure = Callable[[str, Example, Exception], None]  # (set name, example, what the scorer raised)

CHUNK = 256
DEFAULT_THRESHOLD = 0.5
SLICES = ("first_time", "short_body")
NO_FIGURES = frozenset({"smoke"})  # too small for figures: counts only


@dataclass(frozen=True)
class OperatingPoint:
    """The flag threshold per PR, as ``score()`` chooses its band thresholds: one for PRs with
    file information, one for PRs without (``bot.scoring.thresholds_for``)."""

    with_files: float
    without_files: float

    def of(self, snapshot: PRSnapshot) -> float:
        return self.with_files if snapshot.has_file_info else self.without_files


Threshold = float | OperatingPoint


def data_dir(shared: Path) -> Path:
    """``<shared>/data`` (or ``shared`` itself when it already is the data folder)."""
    shared = Path(shared)
    return shared / "data" if (shared / "data").is_dir() else shared


def score_sets(scorer: Scorer, sets: dict[str, list[Example]],
               progress: Progress | None = None, on_failure: OnFailure | None = None) -> Scored:
    """Each set's ``(y, scores)``. With ``on_failure``, a chunk the scorer raises on is scored one
    PR at a time and a PR that still fails gets NaN (``evaluate`` leaves it out); without it,
    the error is raised."""
    total, done, out = sum(len(v) for v in sets.values()), 0, {}
    for name, examples in sets.items():
        parts = []
        for start in range(0, len(examples), CHUNK):
            chunk = examples[start:start + CHUNK]
            parts.append(_scored_chunk(scorer, chunk, name, on_failure))
            done += len(chunk)
            if progress:
                progress(name, done, total)
        scores = np.concatenate(parts) if parts else np.zeros(0)
        out[name] = (np.array([e.y for e in examples], dtype=int), scores)
    return out


def _scored_chunk(scorer: Scorer, chunk: list[Example], name: str, on_failure: OnFailure | None) -> np.ndarray:
    try:
        return _checked(scorer([e.snapshot for e in chunk]), len(chunk), name)
    except Exception:
        if on_failure is None:
            raise
    return np.array([_scored_one(scorer, e, name, on_failure) for e in chunk], dtype=float)


def _scored_one(scorer: Scorer, example: Example, name: str, on_failure: OnFailure) -> float:
    try:
        return float(_checked(scorer([example.snapshot]), 1, name)[0])
    except Exception as exc:  # noqa: BLE001 - reported and left out; the evaluation goes on
        on_failure(name, example, exc)
        return float("nan")


def _without_failures(sets: dict[str, list[Example]], scored: Scored) -> tuple[dict, Scored]:
    """The sets and scores without the PRs that could not be scored (NaN)."""
    kept_sets, kept_scored = {}, {}
    for name, (y, scores) in scored.items():
        keep = np.isfinite(scores)
        kept_sets[name] = [e for e, k in zip(sets[name], keep) if k]
        kept_scored[name] = (y[keep], scores[keep])
    return kept_sets, kept_scored


def _checked(scores, n: int, name: str) -> np.ndarray:
    arr = np.asarray(scores, dtype=float).reshape(-1)
    if arr.size != n or not np.isfinite(arr).all():
        raise ValueError(f"scorer returned {arr.size} scores (non-finite values: "
                         f"{int((~np.isfinite(arr)).sum())}) for {n} snapshots of set {name}")
    return arr


def per_pr(threshold: Threshold, examples: list[Example]) -> metrics.Threshold:
    """One number, or each example's threshold under an ``OperatingPoint``."""
    if isinstance(threshold, OperatingPoint):
        return np.array([threshold.of(e.snapshot) for e in examples], dtype=float)
    return threshold


def set_report(examples: list[Example], y: np.ndarray, scores: np.ndarray,
               threshold: Threshold) -> dict:
    """Summary figures, per-repository and per-source AUC and slice FPRs for one set."""
    threshold = per_pr(threshold, examples)
    out = metrics.summary(y, scores, threshold)
    out["per_repo"] = metrics.per_group_auc(y, scores, [e.meta.get("repo") for e in examples])
    sources = [e.meta.get("source") for e in examples]
    by_source = metrics.per_group_auc(y, scores, sources)
    if len(by_source["groups"]) > 1:
        out["per_source"] = by_source
    out["slices"] = {name: metrics.slice_fpr(y, scores, [e.meta.get(name) for e in examples],
                                             threshold) for name in SLICES}
    return out


def smoke_report(y: np.ndarray, scores: np.ndarray, threshold: metrics.Threshold) -> dict:
    flagged = scores >= threshold
    return {"n": int(y.size), "n_pos": int((y == 1).sum()), "n_neg": int((y == 0).sum()),
            "flagged_pos": int((flagged & (y == 1)).sum()),
            "flagged_neg": int((flagged & (y == 0)).sum())}


def report(sets: dict[str, list[Example]], scored: Scored, threshold: Threshold) -> dict:
    out = {"threshold": threshold, "flag_rule": "score >= threshold", "sets": {}}
    if isinstance(threshold, OperatingPoint):
        out.update(threshold=threshold.with_files, threshold_without_files=threshold.without_files,
                   flag_rule="score >= threshold; for a PR without files, score >= threshold_without_files")
    for name, examples in sets.items():
        y, scores = scored[name]
        out["sets"][name] = (smoke_report(y, scores, per_pr(threshold, examples)) if name in NO_FIGURES
                             else set_report(examples, y, scores, threshold))
    return out


def evaluate(scorer: Scorer, sets: dict[str, list[Example]], progress: Progress | None = None,
             threshold: Threshold = DEFAULT_THRESHOLD, on_failure: OnFailure | None = None) -> tuple[dict, Scored]:
    """Score ``sets`` and return ``(report, scored)``; ``scored`` feeds ``bot.evaluation.plot``.
    ``on_failure``: see ``score_sets``; the PRs it was told about are left out of the figures."""
    scored = score_sets(scorer, sets, progress, on_failure)
    sets, scored = _without_failures(sets, scored)
    return report(sets, scored, threshold), scored


def run_protocol(scorer: Scorer, shared_dir: Path, progress: Progress | None = None, *,
                 threshold: Threshold = DEFAULT_THRESHOLD, on_error: ErrorSink = print_error) -> dict:
    """The whole protocol (E1, E1+, E2, E3, E4 and the onlyrobots smoke test) as one dict.

    ``threshold`` is the operating threshold (chosen on training data) at which FPR, TPR and
    the slice FPRs are reported; TPR at FPR 1 % / 5 % do not depend on it.
    """
    bad = []

    def sink(error):
        bad.append(error)
        on_error(error)

    sets = protocol_sets(data_dir(shared_dir), sink)
    result, _ = evaluate(scorer, sets, progress, threshold)
    return {**result, "bad_records": len(bad)}
