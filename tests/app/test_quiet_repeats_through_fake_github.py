"""Quiet repeats (``bot.app.replylimit``) through the real PyGithub adapter and the fake GitHub:
what the App asks GitHub for when a help reply or a refusal is due."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .conftest import FIXED_NOW  # noqa: E402
from .test_e2e_fakegithub import REPO, fake, live_ctx  # noqa: E402,F401

LISTINGS = rf"^/repos/{REPO}/issues/7/comments$"


def say(fake, live_ctx, body: str, login: str = "drive-by", minutes: int = 0) -> tuple[str, int]:
    """``login`` comments ``body`` on PR 7, ``minutes`` after the first comment; the outcome and the comment's id."""
    live_ctx.now = lambda: FIXED_NOW + timedelta(minutes=minutes)
    event = fake.issue_comment_event(REPO, 7, body, login)
    return dispatch.handle("issue_comment", event, live_ctx), event["comment"]["id"]


@pytest.mark.parametrize("body, outcome", [("/sieve help", "commands: help"), ("/sieve ok", "commands: ok (refused)")])
def test_a_help_reply_or_refusal_reads_the_prs_comments_once(fake, live_ctx, scorer, body, outcome):
    """The quiet check and apply's check for this comment's own earlier reply read the same listing."""
    fake.clear_log()
    assert say(fake, live_ctx, body)[0] == outcome
    assert len(fake.calls("GET", LISTINGS)) == 1
    assert len(fake.calls("POST", LISTINGS)) == 1  # the reply itself
