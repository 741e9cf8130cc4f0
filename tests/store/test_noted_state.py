"""What the App last noted on a sticky a person edited, kept with its decisions (review finding 2):
a note the person removed is not added again for the same state, on SQLite and PostgreSQL, and a
purge keeps the decision that says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app.context import Decision
from bot.store import SqlStateStore

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _decide(state, number, at, actions, shadow=False, sha="s1"):
    state.record_decision(Decision("o/r", number, sha, 80, "high", "m1", at, shadow=shadow, actions=actions))


def test_the_newest_real_note_decision_says_what_was_noted(engine):
    state = SqlStateStore(engine)
    assert state.noted_state("o/r", 1) is None
    _decide(state, 1, AT, ("create_comment:comment.md.j2",))
    assert state.noted_state("o/r", 1) is None
    _decide(state, 1, AT, ("note_comment:overridden", "check_run:success"))
    _decide(state, 1, AT, ("check_run:success",))  # a decision without a note action changes nothing
    _decide(state, 1, AT, ("note_comment:exempt",), shadow=True)  # shadow: nothing was written
    assert state.noted_state("o/r", 1) == "overridden" and state.noted_state("o/r", 2) is None
    _decide(state, 1, AT, ("note_comment:none",))  # back where the person's text is: nothing noted
    assert state.noted_state("o/r", 1) is None


def test_a_note_decision_means_the_sticky_is_on_the_pr(engine):
    """A sticky a person edited is never rewritten: its note decisions are what records it is there."""
    state = SqlStateStore(engine)
    _decide(state, 3, AT, ("note_comment:none", "check_run:neutral"))
    assert state.posted_sticky("o/r", 3)


def test_a_purge_keeps_the_decision_that_says_what_was_noted(engine):
    state = SqlStateStore(engine)
    old = AT - timedelta(days=200)
    _decide(state, 1, old, ("create_comment:comment.md.j2",), sha="s1")
    _decide(state, 1, old + timedelta(hours=1), ("note_comment:overridden",), sha="s2")
    _decide(state, 1, old + timedelta(hours=2), ("check_run:success",), sha="s3")
    _decide(state, 1, AT, ("check_run:success",), sha="s4")
    state.purge_decisions(90, now=AT)
    assert state.noted_state("o/r", 1) == "overridden"
