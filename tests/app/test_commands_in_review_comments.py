"""``/sieve`` commands in a comment on a line of the PR's diff (``pull_request_review_comment``), as
Prow's plugins read review comments too: the same rules as in a PR comment, answered in the PR's
conversation. Through the real PyGithub adapter and the fake GitHub, with the shape of octokit's
``pull_request_review_comment/created`` example (``comment: {id, pull_request_review_id, path,
diff_hunk, line, side, user, body, author_association, created_at, updated_at, ...}`` beside the PR).

A review comment's id is another id space than an issue comment's: the two are told apart in the
reply's marker and in the decision's detail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402
from bot.ports import GitHubError  # noqa: E402

from .conftest import FIXED_NOW  # noqa: E402
from .test_e2e_fakegithub import HIGH, REPO, SHA, bot_comments, fake, live_ctx  # noqa: E402,F401

EVENT = "pull_request_review_comment"
LISTINGS = rf"^/repos/{REPO}/issues/7/comments$"
REACTIONS = r"/reactions$"


def inline(fake, body: str | None, login: str = "maintainer", **kw) -> dict:
    return fake.pull_request_review_comment_event(REPO, 7, body, login, **kw)


def post(fake, live_ctx, body: str | None, login: str = "maintainer", minutes: int = 0, **kw) -> str:
    live_ctx.now = lambda: FIXED_NOW + timedelta(minutes=minutes)
    return dispatch.handle(EVENT, inline(fake, body, login, **kw), live_ctx)


def ago(seconds: int) -> str:
    return (datetime.now(UTC) - timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def replies(fake) -> list[str]:
    return [c["body"] for c in bot_comments(fake)[1:]]  # after the sticky


def untouched(fake, live_ctx) -> bool:
    return fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None


@pytest.fixture
def flagged(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    assert fake.issue_labels(REPO, 7) == [HIGH]
    fake.clear_log()


def test_a_maintainers_ok_on_a_line_of_the_diff_clears_the_flag(fake, live_ctx, flagged):
    event = inline(fake, "This is fine as it is.\n\n/sieve ok a human wrote this")
    assert dispatch.handle(EVENT, event, live_ctx) == "commands: ok"
    assert fake.issue_labels(REPO, 7) == []
    override = live_ctx.state.get_override(REPO, 7)
    assert (override.kind, override.actor) == ("ok", "maintainer")
    assert override.detail == f"review_comment {event['comment']['id']}"  # not "comment N": another id space
    [reply] = replies(fake)  # in the PR's conversation (the fake's issue comments), as for a review
    assert "cleared" in reply
    assert reply.rstrip().endswith(f"<!-- pr-sieve:reply:review_comment-{event['comment']['id']}:ok -->")
    assert "reviewed by a maintainer" in bot_comments(fake)[0]["body"]


def test_a_read_only_reviewer_is_refused_once(fake, live_ctx, flagged):
    fake.set_permission(REPO, "helper", "read")
    assert post(fake, live_ctx, "/sieve ok", login="helper") == "commands: ok (refused)"
    assert untouched(fake, live_ctx)
    [refusal] = replies(fake)
    assert "write access" in refusal
    assert post(fake, live_ctx, "/sieve ok", login="helper", minutes=3) == \
        "commands: ok (refused; quiet: answered 3 min ago)"
    assert len(replies(fake)) == 1 and not fake.calls("POST", REACTIONS)


@pytest.mark.parametrize("body", [None, "", "nit: rename this", "> /sieve ok\n\nquoted, not written",
                                  "```suggestion\n/sieve ok\n```", "<!-- /sieve ok -->"])
def test_a_line_comment_without_a_command_does_nothing(fake, live_ctx, flagged, body):
    assert post(fake, live_ctx, body) == "ignored: no command"
    assert untouched(fake, live_ctx)
    assert not [c for c in fake.requests if c.method != "GET" and "/access_tokens" not in c.path]


def test_ok_cancel_on_a_line_brings_the_flag_back(fake, live_ctx, flagged):
    assert post(fake, live_ctx, "/sieve ok", created_at=ago(120)) == "commands: ok"
    assert fake.issue_labels(REPO, 7) == []
    assert post(fake, live_ctx, "/sieve ok cancel", minutes=2) == "commands: ok"
    assert untouched(fake, live_ctx)
    assert "is cancelled" in replies(fake)[-1]


def test_a_line_comments_cancel_ends_a_clearance_given_in_the_conversation(fake, live_ctx, flagged):
    dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer"), live_ctx)
    assert fake.issue_labels(REPO, 7) == []
    assert post(fake, live_ctx, "/sieve ok cancel", created_at=ago(-10)) == "commands: ok"
    assert untouched(fake, live_ctx)


def test_a_line_comment_handled_late_does_not_undo_a_cancel_written_after_it(fake, live_ctx, flagged):
    """Ordering is by when it was written: the comment's ``created_at``."""
    late = inline(fake, "/sieve ok", created_at=ago(120))
    for body in ("/sieve ok", "/sieve ok cancel"):
        dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, body, "maintainer"), live_ctx)
    assert dispatch.handle(EVENT, late, live_ctx) == "commands: ok (overtaken)"
    assert untouched(fake, live_ctx)


def test_a_line_comment_is_not_taken_for_the_issue_comment_that_has_its_number(fake, live_ctx, flagged):
    comment = fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer")
    number = comment["comment"]["id"]
    assert dispatch.handle("issue_comment", comment, live_ctx) == "commands: ok"
    late = inline(fake, "/sieve ok cancel", comment_id=number, created_at=ago(120))
    assert dispatch.handle(EVENT, late, live_ctx) == "commands: ok (overtaken)"
    assert fake.issue_labels(REPO, 7) == [] and live_ctx.state.get_override(REPO, 7).detail == f"comment {number}"


def test_a_line_comment_gets_its_own_reply_where_a_review_of_its_number_was_answered(fake, live_ctx, flagged):
    review = fake.pull_request_review_event(REPO, 7, "/sieve explain", "maintainer", state="commented")
    assert dispatch.handle("pull_request_review", review, live_ctx) == "commands: explain"
    same_number = inline(fake, "/sieve explain", comment_id=review["review"]["id"])
    assert dispatch.handle(EVENT, same_number, live_ctx) == "commands: explain"
    first, second = replies(fake)
    assert "PR Sieve, in detail" in first and "PR Sieve, in detail" in second
    assert f"reply:review_comment-{review['review']['id']}:explain" in second


def test_a_retried_delivery_posts_its_reply_once(fake, live_ctx, flagged):
    event = inline(fake, "/sieve ok\n/sieve explain")
    fake.inject("POST", LISTINGS, status=502, times=1)
    with pytest.raises(GitHubError):
        dispatch.handle(EVENT, event, live_ctx)
    for _ in range(2):  # the retry, and GitHub's redelivery after that
        assert dispatch.handle(EVENT, event, live_ctx) == "commands: ok, explain"
    posted = replies(fake)
    assert len(posted) == 2 and "cleared" in posted[0] and "PR Sieve, in detail" in posted[1]


def test_a_held_back_help_on_a_line_gets_no_reaction(fake, live_ctx, flagged):
    """GitHub's reaction for a review comment needs ``pull_requests: write``; the App reads PRs only."""
    assert post(fake, live_ctx, "/sieve help", login="drive-by") == "commands: help"
    fake.clear_log()
    assert post(fake, live_ctx, "/sieve help", login="drive-by", minutes=2) == \
        "commands: help (quiet: answered 2 min ago)"
    assert not fake.calls("POST", REACTIONS) and not fake.calls("POST", LISTINGS)


def test_the_authors_explain_on_a_line_is_answered(fake, live_ctx, flagged):
    assert post(fake, live_ctx, "/sieve explain", login="drive-by") == "commands: explain"
    assert "PR Sieve, in detail" in replies(fake)[-1]


def test_an_ok_on_a_line_of_a_drafts_diff_is_recorded_and_answered_only(fake, live_ctx, scorer):
    fake.add_pull(REPO, 7, {"title": "WIP", "body": "", "user": "drive-by", "author_association": "NONE",
                            "head_sha": SHA, "draft": True},
                  files=[{"filename": "README.md", "additions": 1, "deletions": 0, "patch": "@@ -1 +1 @@"}])
    assert dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx).startswith("skipped")
    assert post(fake, live_ctx, "/sieve ok") == "commands: ok"
    assert live_ctx.state.get_override(REPO, 7).kind == "ok"
    assert fake.issue_labels(REPO, 7) == [] and fake.check_runs(REPO) == []
    [reply] = bot_comments(fake)
    assert "It is a draft" in reply["body"]


@pytest.mark.parametrize("login, user_type", [("dependabot[bot]", "Bot"), ("pr-sieve[bot]", "Bot"),
                                              ("ci-robot", "Bot")])
def test_a_line_comment_by_a_bot_is_ignored(fake, live_ctx, flagged, login, user_type):
    fake.set_permission(REPO, login, "admin")
    assert post(fake, live_ctx, "/sieve ok", login=login, user_type=user_type) == "ignored: review comment by a bot"
    assert fake.issue_labels(REPO, 7) == [HIGH] and not replies(fake)


def test_a_line_comment_without_an_author_is_ignored(fake, live_ctx, flagged):
    event = inline(fake, "/sieve ok")
    event["comment"]["user"] = None  # a deleted account
    assert dispatch.handle(EVENT, event, live_ctx) == "ignored: review comment without an author"


@pytest.mark.parametrize("action", ["edited", "deleted"])
def test_editing_or_deleting_a_line_comment_changes_nothing(fake, live_ctx, flagged, action):
    """As with conversation comments and reviews: commands are read from new comments only."""
    assert post(fake, live_ctx, "/sieve ok") == "commands: ok"
    after = inline(fake, "thanks", action=action)
    after["changes"] = {"body": {"from": "/sieve ok"}}
    assert dispatch.handle(EVENT, after, live_ctx).startswith("ignored")
    edited_in = inline(fake, "/sieve exempt", action="edited")
    edited_in["changes"] = {"body": {"from": "/seive exempt"}}
    assert dispatch.handle(EVENT, edited_in, live_ctx).startswith("ignored")
    assert live_ctx.state.get_override(REPO, 7).kind == "ok" and fake.issue_labels(REPO, 7) == []
    assert dispatch.HANDLED[EVENT] == {"created"}


def test_a_line_comments_command_is_ignored_where_the_app_is_switched_off(fake, live_ctx, scorer):
    fake.set_file(REPO, ".github/sieve.yml", "enabled: false\n")
    assert post(fake, live_ctx, "/sieve ok").startswith("ignored")
    assert live_ctx.state.get_override(REPO, 7) is None and not bot_comments(fake)


def test_a_reply_names_the_review_comment_it_answers(fake, live_ctx, flagged):
    assert post(fake, live_ctx, "/sieve ok\n/sieve ok cancel").startswith("commands: ok")
    [reply] = replies(fake)
    assert "written above in this review comment is cancelled with it" in reply
    assert "this comment" not in reply and "review_comment" not in reply.split("<!--")[0]
