"""A nested payload field of the wrong type is a PayloadError naming it, never an AttributeError.

An AttributeError is retried by the worker as a bug until max_attempts; a PayloadError is not
retryable, so a payload no retry can fix fails at once with a message saying what is wrong.
"""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.app import payload as p
from bot.app.payload import PayloadError

from .test_handlers import comment_event, opened, pr, rerun_event  # noqa: F401


@pytest.mark.parametrize("user", ["drive-by", ["drive-by"], 7])
def test_a_pull_request_user_that_is_not_an_object_is_a_payload_error(ctx, pr, scorer, payload, user):
    event = opened(payload)
    event["pull_request"]["user"] = user
    with pytest.raises(PayloadError, match=r"'pull_request.user' is \w+, expected dict") as caught:
        dispatch.handle("pull_request", event, ctx)
    assert caught.value.retryable is False
    assert scorer.calls == []


def test_a_pull_request_without_a_user_is_read_as_an_unknown_author(ctx, pr, scorer, payload):
    event = opened(payload)
    event["pull_request"]["user"] = None
    assert p.pull_request_event(event).author.login == ""


def test_optional_reads_absent_and_null_as_none_and_names_a_wrong_type():
    data = {"issue": {"user": {"login": "a"}, "assignee": None}}
    assert p.optional(data, "issue.user", dict) == {"login": "a"}
    assert p.optional(data, "issue.assignee", dict) is None and p.optional(data, "issue.milestone", dict) is None
    with pytest.raises(PayloadError, match="'issue.user' is str, expected dict"):
        p.optional({"issue": {"user": "bob"}}, "issue.user", dict)
    with pytest.raises(PayloadError, match="'issue' is str, expected dict"):
        p.optional({"issue": "x"}, "issue.user", dict)


def test_an_issue_user_or_check_run_app_that_is_not_an_object_is_a_payload_error(ctx, pr, scorer, payload):
    event = comment_event(payload, "/sieve explain")
    event["issue"]["user"] = "drive-by"
    with pytest.raises(PayloadError, match=r"'issue.user' is str, expected dict"):
        dispatch.handle("issue_comment", event, ctx)
    rerun = rerun_event(payload)
    rerun["check_run"]["app"] = "pr-sieve"
    with pytest.raises(PayloadError, match=r"'check_run.app' is str, expected dict"):
        dispatch.handle("check_run", rerun, ctx)
    assert scorer.calls == []


def test_a_comment_without_an_author_is_ignored_not_failed(payload):
    """GitHub's schema lets ``comment.user`` be null (a deleted account): such a comment can run no
    command, and its delivery used to fail for good as a malformed payload."""
    event = payload("issue_comment", "created.with-installation.payload.json")
    event["issue"]["pull_request"] = {"url": "https://api.github.com/repos/o/r/pulls/1"}
    event["comment"]["user"] = None
    event["comment"]["body"] = "/sieve ok"

    class NoGitHub:  # the handler must stop before any call
        def bot_login(self):
            raise AssertionError("no GitHub call expected")

    class Ctx:
        github = NoGitHub()

    assert dispatch.handle("issue_comment", event, Ctx()) == "ignored: comment without an author"
