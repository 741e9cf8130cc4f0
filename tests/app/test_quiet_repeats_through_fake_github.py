"""Quiet repeats (``bot.app.replylimit``) through the real PyGithub adapter and the fake GitHub:
what the App asks GitHub for when a help reply or a refusal is due, and what a person whose
repeat is held back sees instead of a reply."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .conftest import FIXED_NOW  # noqa: E402
from .test_e2e_fakegithub import REPO, bot_comments, fake, live_ctx  # noqa: E402,F401

LISTINGS = rf"^/repos/{REPO}/issues/7/comments$"
REACTIONS = r"^/repos/.+/issues/comments/\d+/reactions$"


def say(fake, live_ctx, body: str, login: str = "drive-by", minutes: int = 0) -> tuple[str, int]:
    """``login`` comments ``body`` on PR 7, ``minutes`` after the first comment; the outcome and the comment's id."""
    live_ctx.now = lambda: FIXED_NOW + timedelta(minutes=minutes)
    event = fake.issue_comment_event(REPO, 7, body, login)
    return dispatch.handle("issue_comment", event, live_ctx), event["comment"]["id"]


def reactions(fake, comment_id: int) -> dict:
    """The comment's reaction counts, as GitHub's comment body gives them."""
    url = f"{fake.base_url}/repos/{REPO}/issues/comments/{comment_id}"
    return requests.get(url, headers=fake.auth_headers(), timeout=10).json()["reactions"]


@pytest.mark.parametrize("body, outcome", [("/sieve help", "commands: help"), ("/sieve ok", "commands: ok (refused)")])
def test_a_help_reply_or_refusal_reads_the_prs_comments_once(fake, live_ctx, scorer, body, outcome):
    """The quiet check and apply's check for this comment's own earlier reply read the same listing."""
    fake.clear_log()
    assert say(fake, live_ctx, body)[0] == outcome
    assert len(fake.calls("GET", LISTINGS)) == 1
    assert len(fake.calls("POST", LISTINGS)) == 1  # the reply itself


def test_a_held_back_repeat_gets_eyes_on_the_comment_and_no_reply(fake, live_ctx, scorer):
    first, first_id = say(fake, live_ctx, "/sieve help")
    fake.clear_log()
    outcome, repeat_id = say(fake, live_ctx, "/sieve help", minutes=2)
    assert (first, outcome) == ("commands: help", "commands: help (quiet: answered 2 min ago)")
    assert len(bot_comments(fake)) == 1 and not fake.calls("POST", LISTINGS)
    [reacted] = fake.calls("POST", REACTIONS)
    assert reacted.path.endswith(f"/issues/comments/{repeat_id}/reactions")
    assert (reacted.json, reacted.status) == ({"content": "eyes"}, 201)
    assert reactions(fake, repeat_id)["eyes"] == 1 and reactions(fake, first_id)["total_count"] == 0
    assert len(fake.calls("GET", LISTINGS)) == 1  # the quiet check's; nothing left to post, nothing more read


def test_a_retried_delivery_reacts_again_harmlessly(fake, live_ctx, scorer):
    """GitHub answers 200 for a reaction the App already left: the retry changes nothing."""
    say(fake, live_ctx, "/sieve ok")
    live_ctx.now = lambda: FIXED_NOW + timedelta(minutes=1)
    event = fake.issue_comment_event(REPO, 7, "/sieve ok", "drive-by")
    for _ in range(2):  # the delivery, then the worker's retry of it
        assert dispatch.handle("issue_comment", event, live_ctx) == "commands: ok (refused; quiet: answered 1 min ago)"
    assert [r.status for r in fake.calls("POST", REACTIONS)] == [201, 200]
    assert reactions(fake, event["comment"]["id"])["eyes"] == 1 and len(bot_comments(fake)) == 1


@pytest.mark.parametrize("status", [403, 500])
def test_a_failed_reaction_does_not_fail_the_delivery(fake, live_ctx, scorer, status, caplog):
    say(fake, live_ctx, "/sieve help")
    fake.inject("POST", REACTIONS, status=status, times=None)
    assert say(fake, live_ctx, "/sieve help", minutes=3)[0] == "commands: help (quiet: answered 3 min ago)"
    assert fake.calls("POST", REACTIONS) and len(bot_comments(fake)) == 1
    assert any("reaction" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


def test_a_command_that_acts_is_never_met_with_a_reaction(fake, live_ctx, scorer):
    say(fake, live_ctx, "/sieve help", login="maintainer")
    outcome, _ = say(fake, live_ctx, "/sieve explain", login="maintainer", minutes=1)
    assert outcome == "commands: explain" and not fake.calls("POST", REACTIONS)


@pytest.mark.parametrize("body", ["/sieve ok", "/sieve explain"])
def test_a_command_that_acts_reads_the_prs_comments_once(fake, live_ctx, scorer, body):
    """The plan's facts and apply's check for the command's own earlier reply read the same listing."""
    fake.clear_log()
    outcome, _ = say(fake, live_ctx, body, login="maintainer")
    assert outcome.startswith(f"commands: {body.split()[1]}") and "refused" not in outcome
    assert len(fake.calls("GET", LISTINGS)) == 1


def test_a_command_that_acts_beside_help_reads_the_prs_comments_once(fake, live_ctx, scorer):
    """The quiet check's listing serves the plan's facts and apply's check too."""
    fake.clear_log()
    outcome, _ = say(fake, live_ctx, "/sieve ok\n/sieve help", login="maintainer")
    assert outcome.startswith("commands: ok, help") and "refused" not in outcome
    assert len(fake.calls("GET", LISTINGS)) == 1
    assert len(fake.calls("POST", LISTINGS)) == 2  # the ok reply and the help reply
