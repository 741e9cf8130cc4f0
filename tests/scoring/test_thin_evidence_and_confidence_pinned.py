"""Two scoring rules no test could fail through before:

* "Thin evidence caps the band at medium ... or a very short PR" (``bot/scoring.py``): a PR of
  fewer than 12 words with no file list is never ``high``, however sure the model and however many
  signs of low effort fired. ``test_title_only_inputs_are_never_high`` passes because the model
  scores titles low, not because of the cap; here the model's probability and the signals are
  fixed, so only the cap stands between the PR and ``high``.
* ``confidence`` is "how much evidence backs the band" (README): it only had a ``0 < c <= 1``
  check, so a constant passed. Here it must rise with the distance from the band edges and with
  independent strong signals, and fall with each reason the evidence is thin.
"""

from __future__ import annotations

import pytest

from bot.result import SignalHit
from bot.scoring import ScoreConfig, band_for, combine, confidence, thin_reasons
from bot.snapshot import Commit, FileChange, PRSnapshot

THRESHOLDS = {"medium": 0.4, "high": 0.8}
TWO_STRONG = (SignalHit("claims_tests_without_tests", 1.0, "says tests added; none in diff", kind="effort"),
              SignalHit("generic_summary_phrasing", 1.0, "stock headings", kind="effort"))
SHORT = "there is too little text to judge"


def _words(n: int) -> str:
    return " ".join(f"w{i}" for i in range(n))


def test_a_five_word_pr_without_files_is_capped_at_medium_however_strong_the_evidence():
    snap = PRSnapshot(title="Update the docs for clarity")  # 5 words, no files, no body
    reasons = thin_reasons(snap, TWO_STRONG, p=0.99, high_p=0.8)
    assert reasons == [SHORT]  # the only reason: two strong signs, the model above its high mark
    points = combine(0.99, TWO_STRONG, THRESHOLDS)
    assert points >= 75  # high on points...
    assert band_for(points, reasons, ScoreConfig()) == "medium"  # ...kept at medium for the short text


@pytest.mark.parametrize(("title", "body", "commits", "files", "short"), [
    (_words(11), "", (), (), True),  # 11 words: fewer than 12
    (_words(12), "", (), (), False),  # 12 words: enough
    (_words(4), _words(7), (), (), True),  # title and description count together: 11
    (_words(4), _words(8), (), (), False),  # 12
    (_words(4), "", (Commit(_words(8)),), (), False),  # commit messages count too
    (_words(5), "", (), (FileChange("a.py", additions=3),), False),  # a file list: not "too little"
])
def test_the_short_pr_rule_is_fewer_than_12_words_and_no_files(title, body, commits, files, short):
    snap = PRSnapshot(title=title, body=body, commits=commits, files=files)
    assert (SHORT in thin_reasons(snap, TWO_STRONG, p=0.99, high_p=0.8)) is short


class _Model:
    metadata = {"band_probability_thresholds": THRESHOLDS}
    version = "stand-in"


@pytest.fixture
def sure_model_two_signs(monkeypatch):
    """``score`` with the model at p = 0.99 and two strong signs of low effort on every PR."""
    import bot.signals
    from bot import scoring

    monkeypatch.setattr(scoring, "_model", lambda path=None: _Model())
    monkeypatch.setattr(scoring, "probabilities", lambda snaps, hits=None, model_path=None: [0.99] * len(snaps))
    monkeypatch.setattr(bot.signals, "run_signals", lambda snapshot: TWO_STRONG)


def test_score_keeps_a_very_short_pr_at_medium_and_says_why(sure_model_two_signs):
    from bot.scoring import score

    short = PRSnapshot(title="Update the docs for clarity")
    with_a_file = short.with_changes(files=(FileChange("docs/index.md", additions=2),))
    capped, uncapped = score(short), score(with_a_file)
    assert (uncapped.band, capped.band) == ("high", "medium")  # the file list is the only difference
    assert capped.score >= 75  # high on points, so the cap is what held it
    assert any(n.startswith("Kept at medium, not high") and SHORT in n for n in capped.notes), capped.notes
    assert capped.confidence < uncapped.confidence  # one more reason the evidence is thin


def test_confidence_rises_with_distance_from_the_band_edges():
    config, none = ScoreConfig(), ()
    at_edge = confidence(75.0, none, [], config)  # on the high edge: the band could go either way
    at_medium_edge = confidence(50.0, none, [], config)
    mid_band = confidence(62.5, none, [], config)  # halfway between the edges
    far = confidence(100.0, none, [], config)  # 25 points past the high edge
    very_low = confidence(0.0, none, [], config)
    assert at_edge == pytest.approx(at_medium_edge)  # both are edges
    assert at_edge < mid_band < far
    assert at_medium_edge < very_low


def test_confidence_rises_with_each_independent_strong_signal_up_to_three():
    config = ScoreConfig()
    signs = [SignalHit(f"s{i}", 1.0, "fired", kind="effort") for i in range(4)]
    values = [confidence(85.0, tuple(signs[:n]), [], config) for n in range(4)]
    assert values[0] < values[1] < values[2] < values[3]
    care = (SignalHit("explains_testing", 1.0, "ran the suite", kind="care"),)
    assert confidence(20.0, care, [], config) > confidence(20.0, (), [], config)  # care backs "low"
    weak = (SignalHit("template_weight", 0.3, "a few headers", kind="effort"),)
    assert confidence(85.0, weak, [], config) < values[1]  # a weak sign is not a strong one


def test_each_thin_reason_lowers_confidence():
    config, hits = ScoreConfig(), TWO_STRONG
    none_, one, two = (confidence(80.0, hits, reasons, config)
                       for reasons in ([], [SHORT], [SHORT, "no clear sign of low effort"]))
    assert none_ > one > two


def test_strong_evidence_far_from_the_edges_beats_a_bare_edge_score():
    config = ScoreConfig()
    three = tuple(SignalHit(f"s{i}", 1.0, "fired", kind="effort") for i in range(3))
    strong = confidence(100.0, three, [], config)
    bare = confidence(75.0, (), ["no clear sign of low effort"], config)
    assert 0 < bare < strong <= 1
    assert strong - bare >= 0.5  # not a nudge: the two ends of the scale
