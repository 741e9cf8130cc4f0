"""``/sieve`` commands in the body of a PR review (``pull_request_review.submitted``: the text of
"Approve", "Request changes" or "Comment" when a review is submitted), as Prow's plugins read
them: the same rules as in a PR comment. Through the real PyGithub adapter and the fake GitHub,
with GitHub's ``pull_request_review`` shape (``review: {id, user, body, author_association,
submitted_at, state, ...}`` beside the PR).

A review's id and a comment's id are separate id spaces: a review and a comment with the same
number are told apart in the reply's marker and in the decision's detail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402
from bot.ports import GitHubError  # noqa: E402

from .conftest import FIXED_NOW  # noqa: E402
from .test_e2e_fakegithub import HIGH, REPO, SHA, bot_comments, fake, live_ctx  # noqa: E402,F401

LISTINGS = rf"^/repos/{REPO}/issues/7/comments$"
REACTIONS = r"/reactions$"
WRITES = r"^/repos/.+/(issues|check-runs|labels)"


def review(fake, body: str | None, login: str = "maintainer", **kw) -> dict:
    return fake.pull_request_review_event(REPO, 7, body, login, **kw)


def submit(fake, live_ctx, body: str | None, login: str = "maintainer", minutes: int = 0, **kw) -> str:
    live_ctx.now = lambda: FIXED_NOW + timedelta(minutes=minutes)
    return dispatch.handle("pull_request_review", review(fake, body, login, **kw), live_ctx)


def ago(seconds: int) -> str:
    return (datetime.now(UTC) - timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def replies(fake) -> list[str]:
    return [c["body"] for c in bot_comments(fake)[1:]]  # after the sticky


@pytest.fixture
def flagged(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    assert fake.issue_labels(REPO, 7) == [HIGH]
    fake.clear_log()


def test_a_maintainers_approving_review_with_ok_clears_the_flag(fake, live_ctx, flagged):
    event = review(fake, "Looks fine to me.\n\n/sieve ok a human wrote this", state="approved")
    assert dispatch.handle("pull_request_review", event, live_ctx) == "commands: ok"
    assert fake.issue_labels(REPO, 7) == []
    override = live_ctx.state.get_override(REPO, 7)
    assert (override.kind, override.actor) == ("ok", "maintainer")
    assert override.detail == f"review {event['review']['id']}"  # not "comment N": another id space
    [reply] = replies(fake)
    marker = f"<!-- pr-sieve:reply:review-{event['review']['id']}:ok -->"
    assert "cleared" in reply and reply.rstrip().endswith(marker)
    assert "reviewed by a maintainer" in bot_comments(fake)[0]["body"]


def test_a_read_only_reviewer_is_refused_once(fake, live_ctx, flagged):
    fake.set_permission(REPO, "helper", "read")
    assert submit(fake, live_ctx, "/sieve ok", login="helper", state="commented") == "commands: ok (refused)"
    assert fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None
    [refusal] = replies(fake)
    assert "write access" in refusal
    again = submit(fake, live_ctx, "/sieve ok", login="helper", minutes=3, state="changes_requested")
    assert again == "commands: ok (refused; quiet: answered 3 min ago)"
    assert len(replies(fake)) == 1 and fake.issue_labels(REPO, 7) == [HIGH]


@pytest.mark.parametrize("body", [None, "", "LGTM, thanks!", "> /sieve ok\n\nquoted, not written",
                                  "```\n/sieve ok\n```"])
def test_a_review_without_a_command_does_nothing(fake, live_ctx, flagged, body):
    assert submit(fake, live_ctx, body) == "ignored: no command"
    assert fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None
    assert not [c for c in fake.requests if c.method != "GET" and "/access_tokens" not in c.path]


def test_ok_cancel_in_a_later_review_brings_the_flag_back(fake, live_ctx, flagged):
    assert submit(fake, live_ctx, "/sieve ok", submitted_at=ago(120)) == "commands: ok"
    assert fake.issue_labels(REPO, 7) == []
    assert submit(fake, live_ctx, "/sieve ok cancel", state="commented", minutes=2) == "commands: ok"
    assert live_ctx.state.get_override(REPO, 7) is None
    assert fake.issue_labels(REPO, 7) == [HIGH]
    assert "is cancelled" in replies(fake)[-1]


def test_a_cancel_in_a_review_ends_a_clearance_given_in_a_comment(fake, live_ctx, flagged):
    """Where a command was written does not matter: a review's cancel ends a comment's ok."""
    dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer"), live_ctx)
    assert fake.issue_labels(REPO, 7) == []
    assert submit(fake, live_ctx, "/sieve ok cancel", submitted_at=ago(-10)) == "commands: ok"
    assert fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None


def test_a_review_handled_late_does_not_undo_a_cancel_written_after_it(fake, live_ctx, flagged):
    """Ordering is by when it was written: a review's ``submitted_at``."""
    late = review(fake, "/sieve ok", submitted_at=ago(120))  # submitted, then delivered late
    for body in ("/sieve ok", "/sieve ok cancel"):
        dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, body, "maintainer"), live_ctx)
    assert fake.issue_labels(REPO, 7) == [HIGH]
    assert dispatch.handle("pull_request_review", late, live_ctx) == "commands: ok (overtaken)"
    assert fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None


def test_a_review_is_not_taken_for_the_comment_that_has_its_number(fake, live_ctx, flagged):
    """Comment 5000 cleared the PR; review 5000, submitted before it and handled after, cancels:
    the clearance was made after the review was written, by something else, so it stands."""
    comment = fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer")
    comment_id = comment["comment"]["id"]
    assert dispatch.handle("issue_comment", comment, live_ctx) == "commands: ok"
    late = review(fake, "/sieve ok cancel", review_id=comment_id, submitted_at=ago(120))
    assert dispatch.handle("pull_request_review", late, live_ctx) == "commands: ok (overtaken)"
    assert fake.issue_labels(REPO, 7) == [] and live_ctx.state.get_override(REPO, 7).detail == f"comment {comment_id}"


def test_a_review_gets_its_own_reply_where_a_comment_of_its_number_was_answered(fake, live_ctx, flagged):
    comment = fake.issue_comment_event(REPO, 7, "/sieve explain", "maintainer")
    assert dispatch.handle("issue_comment", comment, live_ctx) == "commands: explain"
    same_number = review(fake, "/sieve explain", review_id=comment["comment"]["id"], state="commented")
    assert dispatch.handle("pull_request_review", same_number, live_ctx) == "commands: explain"
    first, second = replies(fake)
    assert "PR Sieve, in detail" in first and "PR Sieve, in detail" in second
    assert f"reply:review-{comment['comment']['id']}:explain" in second


def test_a_retried_review_delivery_posts_its_reply_once(fake, live_ctx, flagged):
    event = review(fake, "/sieve ok\n/sieve explain")
    fake.inject("POST", LISTINGS, status=502, times=1)  # the first reply's POST fails: the worker retries
    with pytest.raises(GitHubError):
        dispatch.handle("pull_request_review", event, live_ctx)
    for _ in range(2):  # the retry, and GitHub's redelivery of it after that
        assert dispatch.handle("pull_request_review", event, live_ctx) == "commands: ok, explain"
    posted = replies(fake)
    assert len(posted) == 2 and "cleared" in posted[0] and "PR Sieve, in detail" in posted[1]
    assert fake.issue_labels(REPO, 7) == []


def test_a_held_back_repeat_in_a_review_gets_no_reaction(fake, live_ctx, flagged):
    assert submit(fake, live_ctx, "/sieve help", login="drive-by", state="commented") == "commands: help"
    fake.clear_log()
    outcome = submit(fake, live_ctx, "/sieve help", login="drive-by", minutes=2, state="commented")
    assert outcome == "commands: help (quiet: answered 2 min ago)"
    assert not fake.calls("POST", REACTIONS)  # the Issues API has no reaction for a review's id
    assert not fake.calls("POST", LISTINGS) and len(replies(fake)) == 1


def test_a_help_given_in_a_comment_quiets_the_same_help_in_a_review(fake, live_ctx, flagged):
    live_ctx.now = lambda: FIXED_NOW
    dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve help", "drive-by"), live_ctx)
    outcome = submit(fake, live_ctx, "/sieve help", login="drive-by", minutes=1)
    assert outcome == "commands: help (quiet: answered 1 min ago)"
    assert len(replies(fake)) == 1 and not fake.calls("POST", REACTIONS)


def test_the_authors_explain_in_a_review_is_answered(fake, live_ctx, flagged):
    assert submit(fake, live_ctx, "/sieve explain", login="drive-by", state="commented") == "commands: explain"
    assert "PR Sieve, in detail" in replies(fake)[-1]


def test_a_command_in_a_review_of_a_draft_is_recorded_and_answered_only(fake, live_ctx, scorer):
    fake.add_pull(REPO, 7, {"title": "WIP", "body": "", "user": "drive-by", "author_association": "NONE",
                            "head_sha": SHA, "draft": True},
                  files=[{"filename": "README.md", "additions": 1, "deletions": 0, "patch": "@@ -1 +1 @@"}])
    assert dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx).startswith("skipped")
    assert submit(fake, live_ctx, "/sieve ok") == "commands: ok"
    assert live_ctx.state.get_override(REPO, 7).kind == "ok"
    assert fake.issue_labels(REPO, 7) == [] and fake.check_runs(REPO) == []
    [reply] = bot_comments(fake)
    assert "It is a draft" in reply["body"]


def test_a_command_in_a_review_of_a_closed_pr_is_recorded_for_a_reopen(fake, live_ctx, flagged):
    fake.add_pull(REPO, 7, {"title": "Improve docs", "body": "Added unit tests.", "user": "drive-by",
                            "author_association": "NONE", "head_sha": SHA, "state": "closed"},
                  files=[{"filename": "README.md", "additions": 3, "deletions": 1, "patch": "@@ -1 +1 @@"}])
    assert submit(fake, live_ctx, "/sieve ok") == "commands: ok"
    assert live_ctx.state.get_override(REPO, 7).kind == "ok" and fake.issue_labels(REPO, 7) == [HIGH]
    assert "closed" in replies(fake)[-1]


@pytest.mark.parametrize("login, user_type", [("dependabot[bot]", "Bot"), ("pr-sieve[bot]", "Bot"),
                                              ("ci-robot", "Bot")])
def test_a_review_by_a_bot_is_ignored(fake, live_ctx, flagged, login, user_type):
    fake.set_permission(REPO, login, "admin")
    assert submit(fake, live_ctx, "/sieve ok", login=login, user_type=user_type) == "ignored: review by a bot"
    assert fake.issue_labels(REPO, 7) == [HIGH] and not replies(fake)


def test_a_review_without_an_author_is_ignored(fake, live_ctx, flagged):
    event = review(fake, "/sieve ok")
    event["review"]["user"] = None  # a deleted account
    assert dispatch.handle("pull_request_review", event, live_ctx) == "ignored: review without an author"


@pytest.mark.parametrize("action", ["edited", "dismissed"])
def test_editing_or_dismissing_a_review_changes_nothing(fake, live_ctx, flagged, action):
    """As with comments: commands are read from what was submitted, never from an edit."""
    assert submit(fake, live_ctx, "/sieve ok") == "commands: ok"
    after = review(fake, "thanks", action=action)
    after["changes"] = {"body": {"from": "/sieve ok"}}
    assert dispatch.handle("pull_request_review", after, live_ctx).startswith("ignored")
    edited_in = review(fake, "/sieve exempt", action="edited")
    assert dispatch.handle("pull_request_review", edited_in, live_ctx).startswith("ignored")
    assert live_ctx.state.get_override(REPO, 7).kind == "ok"
    assert dispatch.HANDLED["pull_request_review"] == {"submitted"}


def test_a_review_command_is_ignored_where_the_app_is_switched_off(fake, live_ctx, scorer):
    fake.set_file(REPO, ".github/sieve.yml", "enabled: false\n")
    assert submit(fake, live_ctx, "/sieve ok").startswith("ignored")
    assert live_ctx.state.get_override(REPO, 7) is None and not bot_comments(fake)


def test_a_reply_names_the_review_it_answers_not_a_comment(fake, live_ctx, flagged):
    assert submit(fake, live_ctx, "/sieve ok\n/sieve ok cancel").startswith("commands: ok")
    [reply] = replies(fake)
    assert "written above in this review is cancelled with it" in reply and "this comment" not in reply
