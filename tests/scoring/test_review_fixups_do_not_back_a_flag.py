"""A review fix-up commit named "fix" after a descriptive commit is routine before a squash: its
``commit_message_uniformity`` value (0.5, read by the model) stays, but it no longer counts as
the one clear sign of low effort that lets the model's estimate reach ``high``. A careful
Kubernetes PR with such a commit scored 100 ``high`` that way (review)."""

from __future__ import annotations

from bot.result import SignalHit
from bot.scoring import thin_reasons
from bot.signals.commits import commit_message_uniformity
from bot.snapshot import Commit, PRSnapshot


def pr(*subjects: str) -> PRSnapshot:
    return PRSnapshot(title="Fix nil pointer in nodeAddress", body="Fix nil pointer dereference when the node has no addresses.",
                      commits=tuple(Commit(s) for s in subjects))


def thin(snapshot: PRSnapshot) -> list[str]:
    hit = commit_message_uniformity(snapshot)
    assert hit.value >= 0.5, hit  # the signal itself still fires as before
    return thin_reasons(snapshot, (hit,), p=0.95, high_p=0.6)


def test_a_fixup_after_a_descriptive_commit_does_not_back_a_high_band():
    assert thin(pr("Fix nil pointer in nodeAddress", "fix"))[0] == "its only clear sign of low effort is a review fix-up commit"
    assert thin(pr("Add retries to the exporter", "fix", "update"))


def test_generic_subjects_throughout_or_an_agent_placeholder_still_do():
    assert thin(pr("fix")) == []
    assert thin(pr("wip", "fix")) == []
    assert thin(pr("Initial plan", "Add retries to the exporter")) == []


def test_other_strong_signals_are_untouched():
    hit = SignalHit("docs_only_drive_by", 1.0, "README.md (3 lines)", "effort")
    assert thin_reasons(pr("Fix nil pointer in nodeAddress", "fix"), (hit,), p=0.95, high_p=0.6) == []
