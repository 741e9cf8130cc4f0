"""Each kind keeps the time of its own latest ending. An ending used to take over the earlier
ending's kinds at its own, later time, so after an unrelated earlier cancel on the PR a late
``/sieve ok cancel`` or ``/sieve exempt cancel`` was read as overtaken and the clearance or the
exemption it cancelled stayed in force (review of 92934cf, item 2); and an earlier ending handled
late replaced a later ending of another kind, whose late retry then came back."""

from __future__ import annotations

import pytest

from bot.app import dispatch

from .test_cancel import written_ago
from .test_handlers import EXEMPT, HIGH, REPO, comment_event, opened, pr  # noqa: F401  (pr: fixture)

PEOPLE = ("alice", "bob", "carol", "dave", "erin", "frank")


def say(ctx, payload, body: str, login: str, minutes_ago: int) -> str:
    return dispatch.handle("issue_comment", written_ago(comment_event(payload, body, login=login), minutes_ago), ctx)


def opened_by_people(ctx, gh, payload) -> None:
    for who in PEOPLE:
        gh.permissions[(REPO, who)] = "write"
    dispatch.handle("pull_request", opened(payload), ctx)


@pytest.mark.parametrize("earlier_round", [False, True])
def test_a_late_ok_cancel_ends_the_clearance_an_exempt_cancel_left_standing(earlier_round, ctx, gh, state, pr,
                                                                             scorer, payload):
    opened_by_people(ctx, gh, payload)
    if earlier_round:  # an unrelated clearance, given and cancelled
        say(ctx, payload, "/sieve ok", "alice", 60)
        say(ctx, payload, "/sieve ok cancel", "dave", 50)
    say(ctx, payload, "/sieve ok", "alice", 40)
    say(ctx, payload, "/sieve exempt", "carol", 30)
    late_cancel = written_ago(comment_event(payload, "/sieve ok cancel", login="bob"), 20)
    say(ctx, payload, "/sieve exempt cancel", "erin", 10)
    assert state.get_override(REPO, 2).actor == "alice"  # the clearance under the exemption stands
    assert dispatch.handle("issue_comment", late_cancel, ctx) == "commands: ok"
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]


@pytest.mark.parametrize("earlier_round", [False, True])
def test_a_late_exempt_cancel_ends_the_exemption_an_ok_cancel_left_standing(earlier_round, ctx, gh, state, pr,
                                                                            scorer, payload):
    opened_by_people(ctx, gh, payload)
    if earlier_round:  # an unrelated exemption, given and cancelled
        say(ctx, payload, "/sieve exempt", "carol", 60)
        say(ctx, payload, "/sieve exempt cancel", "erin", 55)
    say(ctx, payload, "/sieve ok", "alice", 50)
    say(ctx, payload, "/sieve exempt", "carol", 40)
    late_cancel = written_ago(comment_event(payload, "/sieve exempt cancel", login="frank"), 30)
    say(ctx, payload, "/sieve ok cancel", "bob", 20)
    assert state.get_override(REPO, 2).kind == "exempt"
    assert dispatch.handle("issue_comment", late_cancel, ctx) == "commands: exempt"
    assert state.get_override(REPO, 2) is None and EXEMPT not in gh.labels[(REPO, 2)]


def test_an_ok_cancel_handled_late_does_not_replace_a_later_exempt_cancel(ctx, gh, state, pr, scorer, payload):
    """ok, exempt, ok cancel (late), exempt cancel: the late ok cancel, handled last, used to
    replace the exempt cancel's ending with its own, earlier one, so a retry of the exemption
    (written before the exempt cancel) came back."""
    opened_by_people(ctx, gh, payload)
    say(ctx, payload, "/sieve ok", "alice", 40)
    exempt = written_ago(comment_event(payload, "/sieve exempt", login="carol"), 30)
    dispatch.handle("issue_comment", exempt, ctx)
    late_cancel = written_ago(comment_event(payload, "/sieve ok cancel", login="bob"), 20)
    say(ctx, payload, "/sieve exempt cancel", "erin", 10)
    dispatch.handle("issue_comment", late_cancel, ctx)
    assert dispatch.handle("issue_comment", exempt, ctx) == "commands: exempt (overtaken)"  # its retry
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
