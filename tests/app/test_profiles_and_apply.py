"""Policy profiles (pure findings) and apply's idempotency and signal wording."""

from __future__ import annotations

import pytest

from bot.app import apply, profiles, render
from bot.app.actions import UpsertComment, View
from bot.app.config import build
from bot.app.stickyedit import signed
from bot.result import Result, SignalHit
from bot.snapshot import Commit, FileChange, PRSnapshot

from .fakes import FakeGitHub

TRAILER = "Fix parser\n\nCo-authored-by: Claude <noreply@anthropic.com>"
ATTRIBUTION = SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai")
DISCLOSURE = SignalHit("ai_disclosure", 1.0, "the description says 'I used Claude'", kind="ai")


def config(profile: str, extra: str = ""):
    return build([("r", f"profile: {profile}\n{extra}")]).config


def result(*signals) -> Result:
    return Result(score=20, band="low", probability=0.2, confidence=0.5, signals=signals)


def snapshot(additions=10, message=TRAILER, body="") -> PRSnapshot:
    return PRSnapshot(title="t", body=body, commits=(Commit(message),), files=(FileChange("a.go", additions=additions),))


SAYS = "I used Claude to write the parser."  # what DISCLOSURE reports


def codes(found):
    return [f.code for f in found]


def test_default_profile_has_no_findings():
    assert profiles.findings(config("default"), snapshot(5000), result(ATTRIBUTION)) == ()


def test_kubernetes_trailer_asks_for_description_disclosure():
    found = profiles.findings(config("kubernetes"), snapshot(), result(ATTRIBUTION))
    assert codes(found) == ["ai_trailer_not_disclosed"]
    assert "Co-authored-by: Claude" in found[0].evidence


def test_kubernetes_trailer_is_fine_once_disclosed():
    assert profiles.findings(config("kubernetes"), snapshot(body=SAYS), result(ATTRIBUTION, DISCLOSURE)) == ()


def test_kubernetes_human_co_author_is_not_a_finding():
    human = snapshot(message="Fix\n\nCo-authored-by: Jane Doe <jane@example.org>")
    assert profiles.findings(config("kubernetes"), human, result()) == ()


def test_kubernetes_large_ai_pr_is_called_out_at_the_configured_size():
    found = profiles.findings(config("kubernetes", "profile_options: {large_pr_lines: 100}"),
                              snapshot(additions=150, message="x"), result(ATTRIBUTION))
    assert codes(found) == ["large_ai_pr"] and found[0].size == 150
    assert profiles.findings(config("kubernetes"), snapshot(additions=150, message="x"), result(ATTRIBUTION)) == ()


def test_disclosure_required():
    assert codes(profiles.findings(config("disclosure-required"), snapshot(), result(ATTRIBUTION))) == [
        "ai_without_disclosure"]
    assert profiles.findings(config("disclosure-required"), snapshot(body=SAYS), result(ATTRIBUTION, DISCLOSURE)) == ()
    assert profiles.findings(config("disclosure-required"), snapshot(), result()) == ()


def test_every_registered_signal_has_plain_words():
    registry = pytest.importorskip("bot.signals.registry")
    missing = [name for name in registry.SIGNAL_NAMES if name not in render.phrases()]
    assert missing == []


def test_unchanged_comment_is_not_edited():
    gh = FakeGitHub()
    view = View("reply_refused.md.j2", {"command": "ok"})
    body = signed(render.render(view.template, **view.context))  # as the App posts it
    comment = gh.seed_comment("o/r", 1, body, gh.bot)
    assert apply.apply(gh, "o/r", 1, (UpsertComment(view, comment.id, body),)) == []
    assert apply.apply(gh, "o/r", 1, (UpsertComment(view, comment.id, "old"),)) == ["edit_comment:reply_refused.md.j2"]
    assert gh.writes == [("edit_comment", "o/r", comment.id)]


def test_unknown_action_is_a_bug_not_a_silent_skip():
    with pytest.raises(TypeError):
        apply.apply(FakeGitHub(), "o/r", 1, ("not an action",))


# --- what counts as a disclosure for a policy: the author's own visible words in the description ---

def scored(body: str, message: str = TRAILER, additions: int = 10, attribution: SignalHit = ATTRIBUTION):
    """A snapshot with this description, and a result carrying the real ai_disclosure signal."""
    from bot.signals.disclosure import ai_disclosure

    snap = PRSnapshot(title="t", body=body, commits=(Commit(message),),
                      files=(FileChange("a.go", additions=additions),))
    return snap, result(attribution, ai_disclosure(snap))


@pytest.mark.parametrize("body", [  # every kind of leftover: tests/signals/test_signal_ai.py
    "Fix the parser.\n\n## AI Disclosure\n\n<!-- Describe how you used AI tools, if any. -->\n",
    "Fix the parser.\n\nAI disclosure: none",
])
def test_template_leftovers_and_denials_are_not_a_disclosure(body):
    snap, res = scored(body)
    assert codes(profiles.findings(config("kubernetes"), snap, res)) == ["ai_trailer_not_disclosed"]
    assert codes(profiles.findings(config("disclosure-required"), snap, res)) == ["ai_without_disclosure"]


@pytest.mark.parametrize("body", [
    "Fix the parser.\n\nThis PR was written in part with the assistance of generative AI.",
    "Fix the parser.\n\n## AI Disclosure\n\nI used Claude Code to draft the tests and checked each one.",
    "Fix the parser.\n\n## AI Disclosure\n<!-- say how -->\n- [ ] No AI tools were used\n- [x] AI generated some code",
    "Fix the parser.\n\nAI disclosure: Claude wrote the first draft, I rewrote the error handling.",
])
def test_a_written_disclosure_is_recognised(body):
    snap, res = scored(body)
    assert profiles.findings(config("kubernetes"), snap, res) == ()
    assert profiles.findings(config("disclosure-required"), snap, res) == ()


WEAK = SignalHit("ai_attribution", 0.5, "AI review-suggestion trailer 'Co-authored-by: gemini-code-assist[bot]'",
                 kind="ai")
BIG = "profile_options: {large_pr_lines: 100}"


def test_an_accepted_ai_review_suggestion_does_not_make_a_large_pr_ai_generated():
    snap, res = scored("Rewrite the scheduler cache.", message="Apply suggestion", additions=900, attribution=WEAK)
    assert "large_ai_pr" not in codes(profiles.findings(config("kubernetes", BIG), snap, res))


def test_a_large_pr_disclosed_as_ai_written_is_called_out():
    """The way Kubernetes asks for it (a note in the description, no trailer) is still an AI PR."""
    body = "Rewrite the scheduler cache.\n\nThis PR was written in part with the assistance of generative AI."
    snap = PRSnapshot(title="t", body=body, commits=(Commit("Rewrite the cache"),),
                      files=(FileChange("a.go", additions=900),))
    from bot.signals.disclosure import ai_disclosure

    found = profiles.findings(config("kubernetes", BIG), snap, result(ai_disclosure(snap)))
    assert codes(found) == ["large_ai_pr"] and found[0].size == 900


@pytest.mark.parametrize("trailer", [
    "Assisted-by: Claude Code",
    "Co-developed-by: GitHub Copilot <copilot@github.com>",
    "Generated-by: Cursor",
])
def test_kubernetes_other_ai_credit_trailers_are_findings_too(trailer):
    """Kubernetes' policy names assisted-by and co-developed trailers beside co-authors."""
    found = profiles.findings(config("kubernetes"), snapshot(message=f"Fix parser\n\n{trailer}"), result())
    assert codes(found) == ["ai_trailer_not_disclosed"] and found[0].evidence == trailer


def test_kubernetes_human_trailers_are_not_findings():
    human = "Fix\n\nAssisted-by: Jane Doe <jane@example.org>\nSigned-off-by: Jane Doe <jane@example.org>"
    assert profiles.findings(config("kubernetes"), snapshot(message=human), result()) == ()


@pytest.mark.parametrize("trailer", [
    "Signed-off-by: Jules Martin <jules.martin@example.org>",  # the DCO line every Kubernetes commit has
    "Signed-off-by: Claude Dupont <claude@example.fr>",
    "Co-authored-by: Devin Smith <devin@example.com>",
])
def test_kubernetes_people_named_like_agents_are_not_findings(trailer):
    found = profiles.findings(config("kubernetes"), snapshot(message=f"Fix parser\n\n{trailer}"), result())
    assert found == ()
