"""Replies to commands are posted once, even when the worker retries the whole delivery.

A comment with two commands gets two replies; when the second POST fails (a 502, a secondary
rate limit longer than the in-process wait) the worker runs the delivery again. Each reply carries
a hidden marker naming the comment and the command, and a marker already on the PR is not posted
again. The markers never make a reply look like the sticky comment.
"""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.app.actions import STICKY_MARKER
from bot.ports import GitHubError

from .test_handlers import REPO, comment_event, opened, pr  # noqa: F401


def fail_once_on(gh, monkeypatch, call: int) -> None:
    """The ``call``-th ``create_comment`` fails as GitHub's 502 does; the others go through."""
    real, calls = gh.create_comment, []

    def create_comment(repo, number, body):
        calls.append(body)
        if len(calls) == call:
            raise GitHubError("create_comment: GitHub answered 502", status=502, retryable=True)
        return real(repo, number, body)

    monkeypatch.setattr(gh, "create_comment", create_comment)


def replies(gh) -> list[str]:
    return [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body]


def test_a_retried_comment_does_not_post_its_first_reply_again(ctx, gh, pr, scorer, payload, monkeypatch):
    event = comment_event(payload, "/sieve explain\n/sieve help")
    fail_once_on(gh, monkeypatch, call=2)
    with pytest.raises(GitHubError):
        dispatch.handle("issue_comment", event, ctx)
    assert len(replies(gh)) == 1
    dispatch.handle("issue_comment", event, ctx)  # the worker's retry of the same delivery
    posted = replies(gh)
    assert len(posted) == 2
    assert "PR Sieve, in detail" in posted[0] and posted[1].startswith("**PR Sieve commands**")
    comment_id = event["comment"]["id"]
    assert posted[0].rstrip().endswith(f"<!-- pr-sieve:reply:{comment_id}:explain -->")
    assert posted[1].rstrip().endswith(f"<!-- pr-sieve:reply:{comment_id}:help -->")


def test_the_same_command_in_another_comment_is_answered_again(ctx, gh, pr, scorer, payload):
    for comment_id in (101, 102):
        event = comment_event(payload, "/sieve explain")  # (a second help would be quiet: commands.quiet_minutes)
        event["comment"]["id"] = comment_id
        dispatch.handle("issue_comment", event, ctx)
    assert len(replies(gh)) == 2


def test_a_marker_quoted_by_a_person_does_not_stop_the_reply(ctx, gh, pr, scorer, payload):
    event = comment_event(payload, "/sieve help")
    gh.seed_comment(REPO, 2, f"<!-- pr-sieve:reply:{event['comment']['id']}:help -->", "someone")
    dispatch.handle("issue_comment", event, ctx)
    assert len(replies(gh)) == 1


def test_marked_replies_are_not_taken_for_the_sticky_comment(ctx, gh, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve explain\n/sieve help"), ctx)
    [sticky] = [c for c in gh.bot_comments(REPO, 2) if STICKY_MARKER in c.body]
    gh.writes.clear()
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert not any(w[0] in ("delete_comment", "create_comment") for w in gh.writes)
    assert len(replies(gh)) == 2 and gh.bot_comments(REPO, 2)[0].id == sticky.id
