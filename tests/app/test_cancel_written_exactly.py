"""What follows ``/sieve ok`` or ``/sieve exempt`` on its line. Before, anything after the name was
dropped, so ``/sieve ok, cancel``, ``/sieve ok cancelled``, ``/sieve ok undo`` or ``/sieve exempt,
cancel`` - a maintainer taking a decision back - recorded a fresh clearance or exemption in their
name (review of the commands, finding 2). Now "cancel" first, after any punctuation, is the cancel;
another word for taking it back is an unknown command (answered with help, the line echoed,
nothing recorded); anything else is a reason, as before (review of the fixes, findings 2 and 3)."""

from __future__ import annotations

import pytest

from bot.app import commands, dispatch
from bot.app.actions import STICKY_MARKER

from .test_handlers import HIGH, REPO, comment_event, opened, pr  # noqa: F401  (pr: the fixture)

NEAR_CANCELS = ["/sieve ok cancelled", "/sieve ok undo", "/sieve exempt -- undo that", "/sieve exempt un-exempt",
                "/sieve ok uncleared", "/sieve ok canceled"]
CANCELS = ["/sieve ok cancel", "/SIEVE OK Cancel  ", "/sieve exempt\tcancel", "/sieve ok, cancel", "/sieve ok: cancel",
           "/sieve ok -cancel", "/sieve exempt (cancel)", "/sieve exempt, cancel", "/sieve ok\u200bcancel",
           "/sieve ok cancel please", "/sieve exempt cancel (mistake)", "/sieve ok cancel # oops"]
REASONS = ["/sieve exempt because it is a release PR", "/sieve ok: the docs team asked for it", "/sieve ok reviewed by hand",
           "/sieve ok unit tests cover it", "/sieve ok nothing to fix", "/sieve exempt revert of #123",
           "/sieve exempt removes vendored code only", "/sieve ok not AI, I paired with the author",
           "/sieve ok: no tests needed", "/sieve ok undocumented but trivial", "/sieve exempt drop-in replacement"]


@pytest.mark.parametrize("line", NEAR_CANCELS)
def test_another_word_for_cancel_is_unknown(line):
    assert commands.parse(line) == [commands.Command("unknown", line)]


@pytest.mark.parametrize("line", REASONS)
def test_a_reason_on_the_same_line_is_read_as_one(line):
    [command] = commands.parse(line)
    assert command.name in ("ok", "exempt") and not command.cancel


@pytest.mark.parametrize("line", CANCELS)
def test_cancel_first_after_any_punctuation_cancels(line):
    [command] = commands.parse(line)
    assert command.name in ("ok", "exempt") and command.cancel


@pytest.mark.parametrize("line", ["/sieve ok cancelled", "/sieve ok undo", "/sieve exempt un-exempt"])
def test_a_near_cancel_records_nothing_and_is_answered_with_help(ctx, gh, state, pr, scorer, payload, line):
    dispatch.handle("pull_request", opened(payload), ctx)
    assert dispatch.handle("issue_comment", comment_event(payload, line), ctx) == "commands: unknown"
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    [reply] = [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body]
    assert reply.startswith(f"` {line} ` is not a PR Sieve command.") and "**PR Sieve commands**" in reply


def test_a_near_cancel_does_not_end_the_decision_in_force_either(ctx, gh, state, pr, scorer, payload):
    gh.permissions[(REPO, "alice")] = "write"
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok", login="alice"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok undo"), ctx)
    assert state.get_override(REPO, 2).actor == "alice" and gh.labels[(REPO, 2)] == []
