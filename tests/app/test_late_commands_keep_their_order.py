"""A maintainer writes ``/sieve ok`` and, 20 s later, ``/sieve ok cancel``; a backlog has the
worker handle the ``ok`` 30 s after it was written. The cancel must still win: the decision is
stamped with the time it was written, not handled. Before, the ``ok`` counted as made after the
cancel was written, and the cancel was dropped as overtaken (found by review)."""

from __future__ import annotations

from datetime import timedelta

from bot.app import dispatch

from .conftest import FIXED_NOW
from .test_handlers import HIGH, REPO, comment_event, opened, pr  # noqa: F401


def _written(event: dict, at) -> dict:
    event["comment"]["created_at"] = event["comment"]["updated_at"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return event


def test_a_cancel_written_after_a_late_handled_ok_wins(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    ok = _written(comment_event(payload, "/sieve ok"), FIXED_NOW)
    cancel = _written(comment_event(payload, "/sieve ok cancel"), FIXED_NOW + timedelta(seconds=20))
    ctx.now = lambda: FIXED_NOW + timedelta(seconds=30)
    dispatch.handle("issue_comment", ok, ctx)
    assert state.get_override(REPO, 2).at == FIXED_NOW  # when it was said
    ctx.now = lambda: FIXED_NOW + timedelta(seconds=31)
    assert dispatch.handle("issue_comment", cancel, ctx) == "commands: ok"
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]


def test_an_ok_written_before_a_later_exemption_does_not_replace_it(ctx, gh, state, pr, scorer, payload):
    """The other way round still holds: an ``ok`` retried after a later ``exempt`` does not replace
    it; it goes under it (in force again when the exemption ends), as if handled first."""
    dispatch.handle("pull_request", opened(payload), ctx)
    exempt = _written(comment_event(payload, "/sieve exempt"), FIXED_NOW + timedelta(seconds=20))
    ok = _written(comment_event(payload, "/sieve ok"), FIXED_NOW)
    ctx.now = lambda: FIXED_NOW + timedelta(seconds=30)
    dispatch.handle("issue_comment", exempt, ctx)
    assert dispatch.handle("issue_comment", ok, ctx) == "commands: ok"
    in_force = state.get_override(REPO, 2)
    assert in_force.kind == "exempt" and in_force.under.detail == f"comment {ok['comment']['id']}"
