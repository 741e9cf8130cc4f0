"""The score: calibrated model probability + explainable signals -> 0-100, band, evidence.

``score`` is pure given its inputs (the model file is read once per path and cached; it is
never loaded at import time). How the band is decided:

1. The probability is mapped to 0-100 so that the model's CV thresholds land on the band
   edges: probability at 5 % false positives on human PRs -> ``medium`` (50), at 1 % -> ``high`` (75).
2. Fired "effort" signals add up to ``EFFORT_BONUS`` points; "care" signals subtract up to
   ``CARE_MALUS``; "ai" signals (attribution, disclosure) add nothing: they say AI was used,
   not that the PR is careless. For the same reason the probability behind the score is
   computed with the "ai" signal values set to 0 (the model has learned that a marker means
   "agent"; ``batch_score``, the evaluation scorer, keeps them and answers "agent or not").
3. Thin evidence caps the band at ``medium`` (route to a human, never act on one weak
   signal): fewer than ``MIN_EFFORT_FOR_HIGH`` effort signals of value >= 0.5 behind a high
   model probability, or a very short PR.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from bot.ignored import without_ignored
from bot.result import Band, Result, SignalHit
from bot.signals.caseless import TEXT_CACHE
from bot.snapshot import Commit, PRSnapshot
from bot.written import as_written

EFFORT_BONUS = 15.0
CARE_MALUS = 15.0
STRONG_SIGNAL = 0.5
MIN_EFFORT_FOR_HIGH = 1
SHORT_INPUT_WORDS = 12
MAX_FILES = 300
MAX_COMMITS = 50
MAX_TEXT = 20_000
FILE_BLIND_NOTE = "no file list: the score is read against human PRs scored without their files"


@dataclass(frozen=True)
class ScoreConfig:
    medium: float = 50.0  # score at or above which the band is at least "medium"
    high: float = 75.0  # score at or above which the band is "high" (if evidence allows)
    model_path: str | None = None  # None: the shipped model under models/
    file_blind_thresholds: bool = True  # a PR without files is read against the model's file-blind thresholds
    ignore: tuple[str, ...] = ()  # paths.ignore globs: the signals and the result leave these files out, the model does not


@lru_cache(maxsize=4)
def _model(path: str | None):
    from bot.model.persist import load_model

    return load_model(path)


def warm_up(model_path: str | None = None) -> None:
    """Load (and cache) the model ahead of the first PR; raises ``ModelMismatchError``."""
    _model(model_path)


def bound(snapshot: PRSnapshot) -> tuple[PRSnapshot, tuple[str, ...]]:
    """Cut giant PRs to a fixed budget; say what was cut in notes (after the snapshot's own, such as
    "files listed: 0 of 2" for a PR whose file list GitHub did not give)."""
    notes, changes = list(snapshot.notes), {}
    if len(snapshot.files) > MAX_FILES:
        changes.update(files=snapshot.files[:MAX_FILES], files_changed=snapshot.total_files)
        notes.append(f"scored the first {MAX_FILES} of {len(snapshot.files)} files")
    commits, commit_notes = _bounded_commits(snapshot.commits)
    if commit_notes:
        changes["commits"] = commits
        notes.extend(commit_notes)
    if len(snapshot.body or "") > MAX_TEXT:
        changes["body"] = snapshot.body[:MAX_TEXT]
        notes.append(f"scored the first {MAX_TEXT} characters of the description")
    return (replace(snapshot, **changes) if changes else snapshot), tuple(notes)


def _bounded_commits(commits: tuple[Commit, ...]) -> tuple[tuple[Commit, ...], list[str]]:
    """The first ``MAX_COMMITS`` commits, each message cut at ``MAX_TEXT`` characters, with notes."""
    notes = []
    if len(commits) > MAX_COMMITS:
        notes.append(f"scored the first {MAX_COMMITS} of {len(commits)} commits")
        commits = commits[:MAX_COMMITS]
    long = sum(len(c.message) > MAX_TEXT for c in commits)
    if long:
        notes.append(f"scored the first {MAX_TEXT} characters of {long} long commit message(s)")
        commits = tuple(replace(c, message=c.message[:MAX_TEXT]) for c in commits)
    return commits, notes


def probabilities(snapshots: list[PRSnapshot], hits=None, model_path: str | None = None) -> np.ndarray:
    model = _model(model_path)
    features, clf = model.pipeline[0], model.pipeline[-1]
    # Without hits (batch_score), only the signals the classifier reads are run: the same probabilities.
    read = None if hits is not None else getattr(clf, "numeric_columns_read", lambda: None)()
    numeric, text_blocks = features.parts(snapshots, hits=hits, columns_read=read)
    return clf.predict_parts(numeric, text_blocks)[:, 1]


BATCH_CHUNK = TEXT_CACHE // 2  # a chunk's descriptions are read twice (as_written, then the signals): both hit the cache


def batch_score(snapshots, model_path: str | None = None) -> np.ndarray:
    """Calibrated probabilities for many snapshots at once (the evaluation scorer), a chunk at a
    time: ``as_written`` and the signals then find each other's scans of a description cached."""
    snapshots = list(snapshots)
    if not snapshots:
        return np.zeros(0)
    chunks = (snapshots[i:i + BATCH_CHUNK] for i in range(0, len(snapshots), BATCH_CHUNK))
    return np.concatenate([probabilities([as_written(bound(s)[0]) for s in chunk], model_path=model_path)
                           for chunk in chunks])


def to_points(p: float, thresholds: dict) -> float:
    """Piecewise-linear map: 0 -> 0, medium threshold -> 50, high threshold -> 75, 1 -> 100."""
    lo, hi = float(thresholds.get("medium", 0.5)), float(thresholds.get("high", 0.8))
    hi = max(hi, lo + 1e-6)
    xs, ys = [0.0, lo, hi, 1.0], [0.0, 50.0, 75.0, 100.0]
    return float(np.interp(p, xs, ys))


def _word_count(snapshot: PRSnapshot) -> int:
    text = " ".join([snapshot.title, snapshot.body or ""] + list(snapshot.commit_messages[:5]))
    return len(text.split())


def thin_reasons(snapshot: PRSnapshot, hits: tuple[SignalHit, ...], p: float, high_p: float) -> list[str]:
    """Why the evidence is too thin for "high" (empty list: it is not)."""
    reasons = []
    strong = [h for h in hits if h.kind == "effort" and h.value >= STRONG_SIGNAL]
    if len(strong) < MIN_EFFORT_FOR_HIGH:
        reasons.append("no clear sign of low effort backs up the model's estimate")
    if p < high_p and len(strong) < 2:
        reasons.append("the model's estimate is below its own high mark and fewer than two signs of low effort showed")
    if _word_count(snapshot) < SHORT_INPUT_WORDS and not snapshot.files:
        reasons.append("there is too little text to judge")
    return reasons


def shown_hits(snapshot: PRSnapshot, hits: tuple[SignalHit, ...]) -> tuple[SignalHit, ...]:
    """The hits as the result shows and counts them (after the model read them): commit subjects
    that are only review fix-ups ("fix" after a descriptive commit) are no sign of low effort."""
    from bot.signals import commits

    if not any(h.name == commits.NAME and h.fired for h in hits) or not commits.only_fixups(snapshot):
        return hits
    return tuple(replace(h, value=0.0) if h.name == commits.NAME else h for h in hits)


def combine(p: float, hits: tuple[SignalHit, ...], thresholds: dict) -> float:
    effort = 1.0 - math.prod(1.0 - h.value for h in hits if h.kind == "effort")
    care = max((h.value for h in hits if h.kind == "care"), default=0.0)
    return float(np.clip(to_points(p, thresholds) + EFFORT_BONUS * effort - CARE_MALUS * care, 0, 100))


def band_for(points: float, thin: list[str], config: ScoreConfig) -> Band:
    if points >= config.high and not thin:
        return "high"
    return "medium" if points >= config.medium else "low"


def confidence(points: float, hits: tuple[SignalHit, ...], thin: list[str], config: ScoreConfig) -> float:
    """How much evidence backs the band: distance from the nearest band edge and independent signals."""
    edge = min(abs(points - config.medium), abs(points - config.high)) / 25.0
    support = sum(1 for h in hits if h.kind in ("effort", "care") and h.value >= STRONG_SIGNAL)
    value = 0.35 + 0.35 * min(edge, 1.0) + 0.1 * min(support, 3) - 0.1 * len(thin)
    return float(np.clip(value, 0.05, 1.0))


def shown_score(points: float) -> int:
    """The 0-100 score a person sees. Floor, not round, so it agrees with the band: 49.9 is
    below the medium edge and is shown as 49, not as 50."""
    return int(math.floor(points))


def without_ai(hits: tuple[SignalHit, ...]) -> tuple[SignalHit, ...]:
    """The hits with "ai" (attribution/disclosure) values set to 0, as the model's input."""
    return tuple(replace(h, value=0.0) if h.kind == "ai" else h for h in hits)


def thresholds_for(snapshot: PRSnapshot, metadata: dict, config: ScoreConfig = ScoreConfig()) -> tuple[dict, bool]:
    """``(band probability thresholds, whether they are the file-blind ones)`` for this PR.
    Without file information the model reads a PR as more agent-like (no AIDev agent PR in
    training has a file list), so such a PR is measured against the out-of-fold probabilities of
    human PRs scored without their files, where the model recorded them."""
    blind = metadata.get("band_probability_thresholds_file_blind")
    if blind and config.file_blind_thresholds and not snapshot.has_file_info:
        return blind, True
    return metadata.get("band_probability_thresholds") or {}, False


def _result(snapshot: PRSnapshot, notes: tuple[str, ...], hits: tuple[SignalHit, ...], p: float,
            model, config: ScoreConfig, read: PRSnapshot | None = None) -> Result:
    """``read``: the snapshot the model read (the whole diff, when ``paths.ignore`` left files out of ``snapshot``)."""
    thresholds, file_blind = thresholds_for(read or snapshot, model.metadata, config)
    if file_blind:
        notes += (FILE_BLIND_NOTE,)
    hits = shown_hits(snapshot, hits)
    points = combine(p, hits, thresholds)
    thin = thin_reasons(read or snapshot, hits, p, float(thresholds.get("high", 0.8)))
    band = band_for(points, thin, config)
    if points >= config.high and band != "high":
        notes += (f"Kept at medium, not high: {'; and '.join(thin)}.",)  # one note, however many reasons
    if any(h.kind == "ai" and h.fired for h in hits):
        notes += ("AI use is marked or disclosed: reported, not counted as low effort",)
    return Result(score=shown_score(points), band=band, probability=p,
                  confidence=confidence(points, hits, thin, config), signals=hits,
                  model_version=model.version, notes=notes)


def score(snapshot: PRSnapshot, config: ScoreConfig = ScoreConfig()) -> Result:
    """Score one PR: 0-100, band, fired signals with evidence, model version, confidence."""
    return score_many([snapshot], config)[0]


def score_many(snapshots, config: ScoreConfig = ScoreConfig()) -> list[Result]:
    """``score`` for many PRs, with one vectorised model call."""
    from bot.signals import run_signals

    model = _model(config.model_path)
    whole = [bound(s) for s in snapshots]
    if not whole:
        return []
    seen = [b if (t := without_ignored(s, config.ignore)) is s else bound(t) for s, b in zip(snapshots, whole)]
    hits = [run_signals(s) for s, _ in seen]
    # the model reads the whole diff and the signals' values on it, as every training row was read
    model_hits = [h if s is w else run_signals(w) for (s, _), (w, _), h in zip(seen, whole, hits)]
    probs = probabilities([as_written(w) for w, _ in whole], hits=[without_ai(h) for h in model_hits],
                          model_path=config.model_path)
    return [_result(s, notes, h, float(p), model, config, read=w)
            for (s, notes), (w, _), h, p in zip(seen, whole, hits, probs)]
