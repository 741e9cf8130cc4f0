"""Commands are read from new comments only, as Prow's plugins do: editing a comment to add or
remove a ``/sieve`` command, or deleting it, neither gives nor takes back anything (README,
"Overrides"). A clearance is taken back with ``/sieve ok cancel``, a decision other people can
see in the thread, never by silently editing history. Through the real adapter and fake GitHub,
with GitHub's ``issue_comment.edited`` / ``deleted`` shapes (``changes.body.from`` on an edit)."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .test_e2e_fakegithub import HIGH, REPO, fake, live_ctx  # noqa: E402,F401


def comment(fake, body: str, action: str = "created", before: str | None = None) -> dict:
    event = fake.issue_comment_event(REPO, 7, body, "maintainer", action=action)
    if before is not None:
        event["changes"] = {"body": {"from": before}}
    return event


def test_an_edit_that_adds_a_command_changes_nothing(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    outcome = dispatch.handle("issue_comment", comment(fake, "/sieve ok", "edited", before="/seive ok"), live_ctx)
    assert outcome.startswith("ignored")
    assert fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None
    assert "edited" not in dispatch.HANDLED["issue_comment"]  # the intake drops it before storing work


@pytest.mark.parametrize("action", ["edited", "deleted"])
def test_editing_out_or_deleting_a_command_does_not_take_the_clearance_back(fake, live_ctx, scorer, action):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    assert dispatch.handle("issue_comment", comment(fake, "/sieve ok"), live_ctx) == "commands: ok"
    after = comment(fake, "thanks", action, before="/sieve ok") if action == "edited" else comment(fake, "/sieve ok", action)
    assert dispatch.handle("issue_comment", after, live_ctx).startswith("ignored")
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"), live_ctx)
    assert fake.issue_labels(REPO, 7) == []
    assert live_ctx.state.get_override(REPO, 7).kind == "ok"
