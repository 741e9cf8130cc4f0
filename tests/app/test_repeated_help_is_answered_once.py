"""A help reply, or a refusal of the same command, goes to the same person on one PR at most once
per window (``commands.quiet_minutes``, 10 by default): ``/sieve help`` typed ten times, or
spammed, does not make the bot post ten comments. Commands that act are never held back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import dispatch
from bot.app.actions import STICKY_MARKER

from .conftest import FIXED_NOW
from .test_handlers import NO_ASSOCIATION_EXEMPTION, REPO, comment_event, pr  # noqa: F401


def replies(gh) -> list[str]:
    return [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body]


def send(ctx, payload, body, login="drive-by", minutes=0):
    """``login`` writes ``body`` in a new comment, ``minutes`` after the first one."""
    ctx.now = lambda: FIXED_NOW + timedelta(minutes=minutes)
    return dispatch.handle("issue_comment", comment_event(payload, body, login=login), ctx)


@pytest.fixture
def listings(gh, monkeypatch) -> list[int]:
    """Counts the comment listings (one GitHub API call, a page of 100 each)."""
    calls, real = [], gh.list_comments
    monkeypatch.setattr(gh, "list_comments", lambda repo, number: calls.append(number) or real(repo, number))
    return calls


def test_a_second_help_within_the_window_posts_no_comment(ctx, gh, pr, scorer, payload):
    assert send(ctx, payload, "/sieve help") == "commands: help"
    assert send(ctx, payload, "/sieve help", minutes=2) == "commands: help (quiet: answered 2 min ago)"
    assert send(ctx, payload, "/sieve frobnicate", minutes=9) == "commands: unknown (quiet: answered 9 min ago)"
    assert len(replies(gh)) == 1 and replies(gh)[0].startswith("**PR Sieve commands**")


def test_after_the_window_help_is_answered_again(ctx, gh, pr, scorer, payload):
    send(ctx, payload, "/sieve help")
    send(ctx, payload, "/sieve help", minutes=5)  # held back: the window still runs from the first reply
    assert send(ctx, payload, "/sieve help", minutes=10) == "commands: help"
    assert send(ctx, payload, "/sieve help", minutes=12) == "commands: help (quiet: answered 2 min ago)"
    assert len(replies(gh)) == 2


def test_another_person_gets_their_own_answer(ctx, gh, pr, scorer, payload):
    send(ctx, payload, "/sieve help", login="drive-by")
    assert send(ctx, payload, "/sieve help", login="Passer-By", minutes=1) == "commands: help"
    assert send(ctx, payload, "/sieve help", login="passer-by", minutes=2).endswith("(quiet: answered 1 min ago)")
    assert len(replies(gh)) == 2


def test_a_repeated_refusal_is_posted_once_but_another_command_is_refused_too(ctx, gh, pr, scorer, payload):
    assert send(ctx, payload, "/sieve ok") == "commands: ok (refused)"
    assert send(ctx, payload, "/sieve ok", minutes=3) == "commands: ok (refused; quiet: answered 3 min ago)"
    assert send(ctx, payload, "/sieve exempt", minutes=4) == "commands: exempt (refused)"
    posted = replies(gh)
    assert len(posted) == 2 and all(body.startswith("Sorry, `/sieve") for body in posted)
    assert "`/sieve ok`" in posted[0] and "`/sieve exempt`" in posted[1]
    assert ctx.state.get_override(REPO, 2) is None


def test_a_maintainers_ok_is_acted_on_every_time(ctx, gh, pr, scorer, payload):
    send(ctx, payload, "/sieve ok", login="maintainer")
    send(ctx, payload, "/sieve ok cancel", login="maintainer", minutes=1)
    assert ctx.state.get_override(REPO, 2) is None
    assert send(ctx, payload, "/sieve ok", login="maintainer", minutes=2) == "commands: ok"
    assert ctx.state.get_override(REPO, 2).kind == "ok"
    assert len(replies(gh)) == 3  # two ok replies and the cancel's, none held back


def test_a_maintainers_help_is_held_back_but_the_ok_beside_it_is_not(ctx, gh, pr, scorer, payload):
    send(ctx, payload, "/sieve help", login="maintainer")
    outcome = send(ctx, payload, "/sieve ok\n/sieve help", login="maintainer", minutes=1)
    assert outcome == "commands: ok, help (quiet: answered 1 min ago)"
    assert ctx.state.get_override(REPO, 2).kind == "ok"
    first, second = replies(gh)  # the first help, then the ok's reply alone
    assert first.startswith("**PR Sieve commands**") and "PR Sieve commands" not in second


def test_a_retried_delivery_is_not_reported_as_quiet(ctx, gh, pr, scorer, payload):
    event = comment_event(payload, "/sieve help", login="drive-by")
    assert dispatch.handle("issue_comment", event, ctx) == "commands: help"
    assert dispatch.handle("issue_comment", event, ctx) == "commands: help"  # the worker's retry
    assert len(replies(gh)) == 1


def test_a_marker_written_by_a_person_does_not_silence_the_bot(ctx, gh, pr, scorer, payload):
    gh.seed_comment(REPO, 2, "<!-- pr-sieve:answered:help:drive-by:2026-01-02T03:04:05Z -->", "drive-by")
    assert send(ctx, payload, "/sieve help") == "commands: help"
    assert len(replies(gh)) == 1


def test_quiet_minutes_zero_answers_every_time(ctx, gh, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION + "commands: {quiet_minutes: 0}\n"
    send(ctx, payload, "/sieve help")
    assert send(ctx, payload, "/sieve help") == "commands: help"
    assert len(replies(gh)) == 2


def test_shadow_mode_posts_nothing_and_reads_no_comments(ctx, gh, pr, scorer, payload, listings):
    ctx.shadow = True
    assert send(ctx, payload, "/sieve help") == "commands: help"
    assert send(ctx, payload, "/sieve ok", minutes=1) == "commands: ok (refused)"
    assert replies(gh) == [] and listings == []


def test_help_costs_no_more_comment_listings(ctx, gh, pr, scorer, payload, listings):
    send(ctx, payload, "/sieve help")
    assert len(listings) == 1  # the limit's read, handed on to apply's check for this comment's own reply
    send(ctx, payload, "/sieve help", minutes=1)
    assert len(listings) == 2  # held back: nothing to post, so apply reads nothing


def test_a_clock_without_a_zone_is_read_as_utc(ctx, gh, pr, scorer, payload):
    """HandlerContext's default clock (datetime.now) has no zone: the handler reads it as UTC
    before the quiet check compares it with the markers' times and writes its own."""
    send(ctx, payload, "/sieve help")
    ctx.now = lambda: FIXED_NOW.replace(tzinfo=None) + timedelta(minutes=4)
    assert dispatch.handle("issue_comment", comment_event(payload, "/sieve help", login="drive-by"),
                           ctx) == "commands: help (quiet: answered 4 min ago)"
    ctx.now = lambda: FIXED_NOW.replace(tzinfo=None) + timedelta(minutes=11)
    assert dispatch.handle("issue_comment", comment_event(payload, "/sieve help", login="drive-by"),
                           ctx) == "commands: help"
    assert "answered:help:drive-by:2026-01-02T03:15:05Z" in replies(gh)[-1]


def reactions(gh) -> list[tuple]:
    return [w[2:] for w in gh.writes if w[0] == "add_reaction"]


def test_a_held_back_repeat_gets_eyes_instead_of_a_reply(ctx, gh, pr, scorer, payload):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok", login="drive-by"), ctx)
    assert reactions(gh) == []  # answered: the reply is the sign it was read
    repeat = comment_event(payload, "/sieve ok", login="drive-by")
    assert dispatch.handle("issue_comment", repeat, ctx) == "commands: ok (refused; quiet: answered 0 min ago)"
    assert reactions(gh) == [(repeat["comment"]["id"], "eyes")] and len(replies(gh)) == 1


def test_an_ok_beside_a_held_back_help_is_answered_and_the_comment_gets_eyes(ctx, gh, pr, scorer, payload):
    send(ctx, payload, "/sieve help", login="maintainer")
    assert send(ctx, payload, "/sieve ok\n/sieve help", login="maintainer", minutes=1).endswith("(quiet: answered 1 min ago)")
    assert len(reactions(gh)) == 1 and len(replies(gh)) == 2
    assert ctx.state.decisions[-1].actions[-2:] == ("reply:reply_ok.md.j2", "react:eyes")


def test_a_failed_reaction_is_logged_and_the_delivery_goes_on(ctx, gh, pr, scorer, payload, monkeypatch, caplog):
    from bot.ports import GitHubError

    def refuse(repo, comment_id, content):
        raise GitHubError("add_reaction: GitHub answered 502", status=502, retryable=True)

    monkeypatch.setattr(gh, "add_reaction", refuse)
    send(ctx, payload, "/sieve help")
    assert send(ctx, payload, "/sieve help", minutes=1) == "commands: help (quiet: answered 1 min ago)"
    assert "reaction eyes on" in caplog.text and "not left" in caplog.text


def test_shadow_mode_leaves_no_reaction(ctx, gh, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION + "shadow: true\n"
    for minutes in (0, 1):
        send(ctx, payload, "/sieve help", minutes=minutes)
    assert reactions(gh) == [] and replies(gh) == []


def test_the_plan_reacts_to_a_comment_whose_reply_was_held_back_never_in_shadow_mode():
    from bot.app import plan
    from bot.app.actions import React, Reply, View
    from bot.app.config import RepoConfig

    ok = View("reply_ok.md.j2")
    assert plan.replies([ok], RepoConfig(), False, trigger=5, held=True) == (Reply(ok, 5), React(5, "eyes"))
    assert plan.replies([], RepoConfig(), False, trigger=5) == ()
    assert plan.replies([], RepoConfig(), False, trigger=None, held=True) == ()  # no comment to react to
    assert plan.replies([], RepoConfig(), True, trigger=5, held=True) == ()
