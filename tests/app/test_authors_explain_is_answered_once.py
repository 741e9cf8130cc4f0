"""``/sieve explain`` asked by someone without write access - the PR's author, the one person
besides maintainers who may - is answered at most once per ``commands.quiet_minutes``, as help
and refusals are. Before, ten explains from the author meant ten long replies and ten full
scorings of the PR (review of the commands, finding 3). A repeat held back runs no scoring and
gets an 👀 reaction; a maintainer's explain is answered every time."""

from __future__ import annotations

from datetime import timedelta

from bot.app import dispatch
from bot.app.actions import STICKY_MARKER

from .conftest import FIXED_NOW
from .test_handlers import REPO, comment_event, opened, pr  # noqa: F401  (pr: the fixture)

AUTHOR = "Codertocat"  # the fixture PR's author, read access


def replies(gh) -> list[str]:
    return [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body]


def send(ctx, payload, body, login=AUTHOR, minutes=0):
    ctx.now = lambda: FIXED_NOW + timedelta(minutes=minutes)
    return dispatch.handle("issue_comment", comment_event(payload, body, login=login), ctx)


def test_the_authors_repeated_explain_is_answered_once_and_not_scored_again(ctx, gh, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    calls = len(scorer.calls)
    assert send(ctx, payload, "/sieve explain") == "commands: explain"
    for minute in range(1, 10):
        assert send(ctx, payload, "/sieve explain", minutes=minute) == \
            f"commands: explain (quiet: answered {minute} min ago)"
    [reply] = replies(gh)
    assert reply.startswith("**PR Sieve, in detail:**") and "pr-sieve:answered:explain:codertocat:" in reply
    assert len(scorer.calls) - calls == 1
    assert sum(w[0] == "add_reaction" for w in gh.writes) == 9


def test_after_the_window_the_author_is_answered_again(ctx, gh, pr, scorer, payload):
    send(ctx, payload, "/sieve explain")
    assert send(ctx, payload, "/sieve explain", minutes=10) == "commands: explain"
    assert len(replies(gh)) == 2


def test_a_maintainers_explain_is_answered_every_time(ctx, gh, pr, scorer, payload):
    for minute in range(3):
        assert send(ctx, payload, "/sieve explain", login="maintainer", minutes=minute) == "commands: explain"
    assert len(replies(gh)) == 3 and "pr-sieve:answered:" not in replies(gh)[0]
