"""``benchmarks/heldout_bands.py`` names the effort signals whose points alone lift a PR out of ``low``."""

from __future__ import annotations

from bot.result import Result, SignalHit
from bot.scoring import ScoreConfig, combine
from tests.benchmark_scripts import load

heldout = load("heldout_bands")
THRESHOLDS = {"medium": 0.38, "high": 0.60}
DOCS = SignalHit(name="docs_only_drive_by", value=1.0, evidence="only README.md", kind="effort")
LINK = SignalHit(name="issue_link_only", value=0.3, evidence="Fixes #1", kind="effort")
TESTED = SignalHit(name="explains_testing", value=0.5, evidence="ran go test", kind="care")


def result(p: float, *hits: SignalHit) -> Result:
    points = combine(p, hits, THRESHOLDS)
    band = "high" if points >= 75 else "medium" if points >= 50 else "low"
    return Result(score=int(points), band=band, probability=p, confidence=0.5, signals=hits)


def test_a_signal_whose_points_alone_cross_the_medium_edge_is_named():
    r = result(0.35, DOCS, LINK, TESTED)  # 46 points from the model: medium only through DOCS
    assert r.band == "medium"
    assert heldout.lifted_by(r, THRESHOLDS, ScoreConfig()) == ["docs_only_drive_by"]


def test_nothing_is_named_when_the_model_alone_reaches_medium_or_the_pr_is_low():
    assert heldout.lifted_by(result(0.5, DOCS), THRESHOLDS, ScoreConfig()) == []
    assert heldout.lifted_by(result(0.05, LINK), THRESHOLDS, ScoreConfig()) == []


def test_people_who_accepted_an_ai_suggestion_are_their_own_group():
    assert heldout._group({"label": "ai_assisted", "date": "2024-05-01"}) == "ai_assisted"
    assert heldout._group({"label": "unlabeled", "date": "2024-05-01"}) is None  # only 2025+ unlabeled
    assert heldout._group({"label": "bot", "date": "2025-05-01"}) is None
