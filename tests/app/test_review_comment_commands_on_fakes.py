"""``pull_request_review_comment.created`` (a ``/sieve`` command on a line of the diff) through the
in-memory fakes: the PR is octokit's real ``pull_request`` example (Codertocat/Hello-World#2) and
the comment has the shape of octokit's ``pull_request_review_comment/created`` example (../shared
holds no review-comment example, so its ``comment`` object is rebuilt here key for key). Also what
the App tells about it: its help reply, its handlers' help, its metrics and the intake's event time."""

from __future__ import annotations

import itertools

import pytest

from bot.app import dispatch, intake
from bot.obs import metrics

from .conftest import FIXED_NOW, result_for

REPO = "Codertocat/Hello-World"
HIGH = "sieve/likely-low-effort"
EVENT = "pull_request_review_comment"
IDS = itertools.count(284312630)  # the example's comment id, then the next ones
WRITTEN = FIXED_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")  # written "now" (the ctx clock)


def review_comment(payload, body, login="maintainer", action="created", association="OWNER") -> dict:
    """octokit's review-comment webhook: ``comment`` beside the PR (a "simple" pull request)."""
    opened = payload("pull_request", "opened.payload.json")
    pull, comment_id = opened["pull_request"], next(IDS)
    url = f"https://api.github.com/repos/{REPO}/pulls/comments/{comment_id}"
    html_url = f"{pull['html_url']}#discussion_r{comment_id}"
    user = dict(opened["sender"], login=login)
    comment = {"url": url, "pull_request_review_id": 237895671, "id": comment_id,
               "node_id": "MDI0OlB1bGxSZXF1ZXN0UmV2aWV3Q29tbWVudDI4NDMxMjYzMA==",
               "diff_hunk": "@@ -1 +1 @@\n-# Hello-World", "path": "README.md", "position": 1,
               "original_position": 1, "commit_id": pull["head"]["sha"], "original_commit_id": pull["head"]["sha"],
               "user": user, "body": body, "created_at": WRITTEN, "updated_at": WRITTEN, "html_url": html_url,
               "pull_request_url": pull["url"], "author_association": association,
               "_links": {"self": {"href": url}, "html": {"href": html_url}, "pull_request": {"href": pull["url"]}},
               "reactions": {"url": f"{url}/reactions", "total_count": 0, "+1": 0, "-1": 0, "laugh": 0,
                             "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0},
               "start_line": None, "original_start_line": None, "start_side": None, "line": 265,
               "original_line": 265, "side": "RIGHT"}
    event = {key: opened[key] for key in ("repository", "sender", "installation")}
    event.update(action=action, comment=comment, pull_request=pull)
    return event


@pytest.fixture
def flagged(ctx, gh, scored_by_default, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = "exempt: {associations: []}\n"  # the example's author is OWNER
    gh.permissions[(REPO, "maintainer")] = "write"
    dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]


def test_a_maintainers_ok_on_a_line_clears_the_flag_and_is_answered_in_the_conversation(ctx, gh, state, flagged, payload):
    event = review_comment(payload, "Fine by me.\n/sieve ok")
    assert dispatch.handle(EVENT, event, ctx) == "commands: ok"
    assert gh.labels[(REPO, 2)] == []
    assert state.overrides[(REPO, 2)].detail == f"review_comment {event['comment']['id']}"
    reply = gh.bot_comments(REPO, 2)[-1]  # an issue comment on the PR, as a review's reply
    assert "cleared" in reply.body and f"reply:review_comment-{event['comment']['id']}:ok" in reply.body


def test_author_association_on_a_line_is_not_trusted_for_permission(ctx, gh, state, flagged, payload):
    event = review_comment(payload, "/sieve ok", login="Codertocat")  # OWNER, but the permission API says read
    assert dispatch.handle(EVENT, event, ctx) == "commands: ok (refused)"
    assert state.overrides == {} and gh.labels[(REPO, 2)] == [HIGH]
    assert "write access" in gh.bot_comments(REPO, 2)[-1].body


def test_the_pr_authors_explain_on_a_line_is_answered(ctx, gh, flagged, payload, scorer):
    scorer.result = result_for("high")
    assert dispatch.handle(EVENT, review_comment(payload, "/sieve explain", login="Codertocat"), ctx) == \
        "commands: explain"
    assert "PR Sieve, in detail" in gh.bot_comments(REPO, 2)[-1].body


def test_a_held_back_help_on_a_line_leaves_no_reaction(ctx, gh, flagged, payload):
    assert dispatch.handle(EVENT, review_comment(payload, "/sieve help", login="drive-by"), ctx) == "commands: help"
    again = dispatch.handle(EVENT, review_comment(payload, "/sieve help", login="drive-by"), ctx)
    assert again == "commands: help (quiet: answered 0 min ago)"
    assert not [w for w in gh.writes if w[0] == "add_reaction"]


def test_the_help_reply_says_commands_on_lines_of_the_diff_are_read(ctx, gh, flagged, payload):
    dispatch.handle(EVENT, review_comment(payload, "/sieve help", login="drive-by"), ctx)
    body = gh.bot_comments(REPO, 2)[-1].body
    assert "in a comment on a line of its diff" in body and "text of a PR review" in body
    assert "not read" not in body


def test_the_handlers_help_names_commands_on_lines_of_the_diff():
    assert "line of a PR's diff" in dispatch.help_texts()["review_comments"]
    assert dispatch.HANDLED[EVENT] == {"created"}


def test_review_comment_deliveries_are_counted_under_their_own_event():
    before = metrics.REGISTRY.get_sample_value("sieve_deliveries_received_total", {"event": EVENT}) or 0.0
    metrics.record_received(EVENT)
    assert metrics.REGISTRY.get_sample_value("sieve_deliveries_received_total", {"event": EVENT}) == before + 1


def test_a_review_comments_time_is_its_event_time(payload):
    event = review_comment(payload, "/sieve ok")
    event["comment"]["created_at"], event["comment"]["updated_at"] = "2026-01-02T03:04:05Z", "2026-01-02T03:09:05Z"
    assert intake.event_time(event).isoformat() == "2026-01-02T03:09:05"
