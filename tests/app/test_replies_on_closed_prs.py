"""On a closed or merged PR a command is recorded for a reopen and only answered
(test_overrides_on_unscored_prs); the answer must not describe changes that were not made.
Before, ``/sieve exempt`` replied "Done: this PR is exempt (`sieve/exempt`)" with the band label
still on and no exempt label, ``/sieve ok`` said later pushes update the check run, and a cancel
said "PR Sieve treats this PR as any other again. Checked now: ..." though nothing was checked
(review of the commands, finding 5)."""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.app.actions import STICKY_MARKER

from .test_handlers import EXEMPT, HIGH, REPO, comment_event, opened, pr  # noqa: F401  (pr: the fixture)


def last_reply(gh) -> str:
    return [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body][-1]


@pytest.fixture
def closed(ctx, gh, pr, scorer, payload):
    """Scored and labelled, then merged."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(state="closed")


def test_exempt_on_a_closed_pr_says_no_label_was_changed(ctx, gh, payload, closed):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]
    reply = last_reply(gh)
    assert reply.startswith("Noted: this PR is exempt from PR Sieve. It is closed, so no label was changed; "
                            "if it is reopened, it gets ` sieve/exempt `")
    assert "Done" not in reply


def test_ok_on_a_closed_pr_says_nothing_else_changed(ctx, gh, payload, closed):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    reply = last_reply(gh)
    assert "This PR is closed, so nothing else changed; if it is reopened, PR Sieve will not label it" in reply
    assert "later pushes" not in reply and gh.labels[(REPO, 2)] == [HIGH]


@pytest.mark.parametrize("command", ["ok", "exempt"])
def test_a_cancel_on_a_closed_pr_claims_no_check(ctx, gh, state, payload, closed, command):
    dispatch.handle("issue_comment", comment_event(payload, f"/sieve {command}"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, f"/sieve {command} cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    reply = last_reply(gh)
    assert reply.startswith("Done: the ") and " is cancelled. This PR is closed, so nothing else changed; " \
        "if it is reopened, PR Sieve checks it as any other." in reply
    assert "Checked now" not in reply and "treats this PR as any other again" not in reply


def test_a_reopened_pr_gets_what_the_reply_promised(ctx, gh, pr, payload, closed):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    gh.snapshots[(REPO, 2)] = pr  # reopened
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [EXEMPT]
