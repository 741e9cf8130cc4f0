"""How copies of people's PRs score out of fold: the probes (``bot.model.relaid``) and the
commit-body copies (``bot.model.commitbody``), each beside the records they were made from, above
each band threshold and as ``score()`` bands them (the CV report's ``headed_probes`` and
``commit_body_copies``)."""

from __future__ import annotations

import numpy as np

from bot.model import data
from bot.model.commitbody import SMALL_LINES, churn
from bot.model.relaid import PROBES


def headed_report(examples, p: np.ndarray, seen: np.ndarray, at: dict) -> dict:
    """Human PRs with their own words re-laid under headings or followed by a careful AI disclosure
    (``bot.model.relaid.PROBES``), scored out of fold and never fitted: the share above each band
    threshold, beside the same PRs as written; and the share ``score()`` puts in ``medium`` or
    above, where the effort and care signals add and take points (``scored_medium_or_above``)."""
    src = np.array([e.source for e in examples])
    index = {e.record_id: i for i, e in enumerate(examples)}
    out = {}
    for name in PROBES:
        rows = np.flatnonzero(seen & (src == f"git_prs{data.PROBE}{name}"))
        out[name] = _copy_shares(examples, p, rows, index, at)
    return out


def _copy_shares(examples, p: np.ndarray, rows: np.ndarray, index: dict, at: dict) -> dict:
    """The share of copies ``rows`` above each band threshold and in ``score()``'s ``medium`` or
    above, beside the same shares of the records they were made from (``as_written_``)."""
    plain = np.array([index[examples[i].record_id.split(":", 1)[1]] for i in rows], dtype=int)
    return {"n": int(rows.size), **{
        f"{kind}above_{band}": round(float((p[at_rows] > at[band]).mean()), 4) if rows.size else None
        for kind, at_rows in (("", rows), ("as_written_", plain)) for band in ("medium", "high")},
        **{f"{kind}scored_medium_or_above": _scored_share(examples, p, at_rows, at)
           for kind, at_rows in (("", rows), ("as_written_", plain))}}


def copies_report(examples, p: np.ndarray, rows: np.ndarray, at: dict) -> dict:
    """Copies of people's PRs (``bot.model.commitbody``), scored out of fold, fitted or not: as
    ``headed_report`` reads a probe, for all of them and for those of at most 20 changed lines."""
    index = {e.record_id: i for i, e in enumerate(examples)}
    small = np.array([i for i in rows if churn(examples[i].snapshot) <= SMALL_LINES], dtype=int)
    return {name: _copy_shares(examples, p, keep, index, at) for name, keep in (("all", rows), ("small", small))}


def _scored_share(examples, p: np.ndarray, rows: np.ndarray, at: dict) -> float | None:
    """The share of ``rows`` whose ``score()`` points (probability plus signals) reach ``medium``."""
    from bot.scoring import ScoreConfig, combine
    from bot.signals import run_signals

    if not rows.size:
        return None
    points = [combine(float(p[i]), run_signals(examples[i].snapshot), at) for i in rows]
    return round(float(np.mean(np.array(points) >= ScoreConfig().medium)), 4)
