"""A comment's commands take effect in the order written: ``/sieve exempt`` then ``/sieve exempt
cancel`` ends with no exemption, and the one reply says so. Before, every cancel ran first and the
comment's ok/exempt after it, whatever the order: the exemption stood, and the two replies said
"Nothing to cancel" and "Done: this PR is exempt" (review of the commands, finding 4). A cancel
written first and the decision after it still give the decision."""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.app.actions import STICKY_MARKER

from .test_handlers import EXEMPT, HIGH, REPO, comment_event, opened, pr  # noqa: F401  (pr: the fixture)


def replies(gh) -> list[str]:
    return [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body]


@pytest.mark.parametrize("command", ["ok", "exempt"])
def test_a_decision_cancelled_below_it_is_not_recorded(ctx, gh, state, pr, scorer, payload, command):
    dispatch.handle("pull_request", opened(payload), ctx)
    body = f"/sieve {command}\n/sieve {command} cancel"
    assert dispatch.handle("issue_comment", comment_event(payload, body), ctx) == f"commands: {command} (withdrawn), {command}"
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    [reply] = replies(gh)
    assert reply.startswith(f"Done: the ` /sieve {command} ` written above in this comment is cancelled with it, "
                            "so it was not recorded")


def test_it_still_ends_an_earlier_decision_of_another_maintainer(ctx, gh, state, pr, scorer, payload):
    gh.permissions[(REPO, "alice")] = "write"
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt", login="alice"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt\n/sieve exempt cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    reply = replies(gh)[-1]
    assert reply.startswith("Done: the exemption by ` alice ` is cancelled")
    assert "Checked now: score 85/100, band **high**. The ` /sieve exempt ` written above it in this comment was not recorded." in reply


def test_an_exemption_given_and_cancelled_over_a_clearance_leaves_the_clearance(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt\n/sieve exempt cancel"), ctx)
    assert state.get_override(REPO, 2).kind == "ok" and gh.labels[(REPO, 2)] == []


@pytest.mark.parametrize("command", ["ok", "exempt"])
def test_a_cancel_written_before_the_decision_still_gives_it(ctx, gh, state, pr, scorer, payload, command):
    dispatch.handle("pull_request", opened(payload), ctx)
    body = f"/sieve {command} cancel\n/sieve {command}"
    assert dispatch.handle("issue_comment", comment_event(payload, body), ctx) == f"commands: {command}, {command}"
    assert state.get_override(REPO, 2).kind == command
    assert gh.labels[(REPO, 2)] == ([EXEMPT] if command == "exempt" else [])


@pytest.mark.parametrize("body, kind", [
    ("/sieve exempt\n/sieve exempt cancel\n/sieve exempt", "exempt"),  # ends as its last line reads
    ("/sieve ok\n/sieve ok cancel\n/sieve ok", "ok"),
])
def test_a_repeated_line_counts_where_it_was_last_written(ctx, gh, state, pr, scorer, payload, body, kind):
    """The first of repeated lines was kept, so the comment ended opposite to its last line (review)."""
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, body), ctx)
    assert state.get_override(REPO, 2).kind == kind


def test_a_cancel_written_last_of_repeated_lines_ends_the_clearance(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel\n/sieve ok\n/sieve ok cancel"), ctx)
    assert state.get_override(REPO, 2) is None
