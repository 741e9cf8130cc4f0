"""An ``ended`` override row, as releases 55c32dd..741f46a kept an ending (before migration 0005),
is no decision in force but an ending of every kind. Read as a decision it cleared the PR for
good after an upgrade: the comment said "reviewed by a maintainer", no label ever came back and
``/sieve ok cancel`` answered "Nothing to cancel" (upgrade review). An old replica still running
during a rolling deploy keeps writing such rows, so the store reads them, not a migration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app.context import Ending, Override
from bot.store.state import SqlStateStore

AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _legacy_end(state: SqlStateStore, at: datetime = AT) -> None:
    state.record_override(Override(repo="o/r", number=3, kind="ended", actor="maintainer", at=at,
                                   detail="comment 900002"))  # what those releases wrote


def test_an_ended_row_is_no_decision_in_force(engine):
    state = SqlStateStore(engine)
    state.record_override(Override(repo="o/r", number=3, kind="ok", actor="maintainer", at=AT - timedelta(minutes=5)))
    _legacy_end(state)
    assert state.get_override("o/r", 3) is None
    [ending] = state.endings("o/r", 3)
    assert set(ending.kinds) == {"ok", "label_removed", "exempt"}
    assert ending.at == AT and ending.actor == "maintainer"


def test_a_later_ending_or_decision_of_this_release_wins(engine):
    state = SqlStateStore(engine)
    _legacy_end(state)
    state.end_override((Ending(repo="o/r", number=3, kinds=("exempt",), actor="bob", at=AT + timedelta(hours=1)),))
    assert [e.kinds for e in state.endings("o/r", 3)] == [("exempt",)]  # the ended row went with the ending
    _legacy_end(state, AT + timedelta(hours=2))  # an old replica ends again, later
    [ending] = state.endings("o/r", 3)
    assert set(ending.kinds) == {"ok", "label_removed", "exempt"} and ending.at == AT + timedelta(hours=2)
    state.record_override(Override(repo="o/r", number=3, kind="ok", actor="alice", at=AT + timedelta(hours=3)))
    assert state.get_override("o/r", 3).kind == "ok"


def test_an_ended_row_older_than_an_ending_of_this_release_still_ends_the_other_kinds(engine):
    """The legacy row ended every kind; a later exempt ending of this release moves only exempt."""
    state = SqlStateStore(engine)
    kept = (Ending(repo="o/r", number=3, kinds=("exempt",), actor="bob", at=AT + timedelta(hours=1)),)
    state.end_override(kept)
    _legacy_end(state)  # an old replica wrote it beside this release's row (AT: earlier)
    assert [(set(e.kinds), e.at) for e in state.endings("o/r", 3)] == [
        ({"exempt"}, AT + timedelta(hours=1)), ({"ok", "label_removed"}, AT)]
