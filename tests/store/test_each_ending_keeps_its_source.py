"""Each kind's latest ending keeps who and what ended it (``override_endings.sources``, revision
0009), not only the newest ending. A comment's ``ok cancel`` ended the clearance under an exemption
and its reply failed; a person then took the exempt label off. The row kept only the label's source,
so the comment's retry no longer found that it had cancelled the clearance (``ended_by``) and told
the maintainer "Nothing to cancel". Rows without sources (a release before 0009 wrote them), or
whose sources that release left stale or someone edited, read as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from bot.app import decisions
from bot.app.context import Ending, Override
from bot.app.plan import CANCELLABLE_BY_OK
from bot.store.models import EndingRow
from bot.store.state import SqlStateStore

AT = datetime(2026, 11, 29, 10, 0, 0, 250000, tzinfo=UTC)
OK = Override("o/r", 1, "ok", "alice", AT, detail="comment 500")
COMMENT, LABEL = "comment 600", "label sieve/exempt"


def _cancelled_then_label_off(engine) -> tuple[SqlStateStore, SimpleNamespace]:
    """``/sieve ok`` under an exemption; comment 600 cancels the clearance; the label goes off later."""
    state = SqlStateStore(engine)
    ctx = SimpleNamespace(state=state)
    state.record_override(Override("o/r", 1, "exempt", "carol", AT + timedelta(minutes=1), detail="comment 501",
                                   under=OK))
    assert decisions.end(ctx, "o/r", 1, CANCELLABLE_BY_OK, "dave", detail=COMMENT, at=AT + timedelta(minutes=2)) == OK
    ended = decisions.end(ctx, "o/r", 1, ("exempt",), "erin", detail=LABEL, at=AT + timedelta(minutes=3))
    assert ended.kind == "exempt" and state.get_override("o/r", 1) is None
    return state, ctx


def _set_row(engine, **values) -> None:
    with engine.begin() as conn:
        conn.execute(update(EndingRow).where(EndingRow.repo == "o/r", EndingRow.number == 1).values(**values))


def test_the_earlier_ending_keeps_its_own_source(engine):
    state, _ = _cancelled_then_label_off(engine)
    assert state.endings("o/r", 1) == (
        Ending("o/r", 1, ("exempt",), "erin", AT + timedelta(minutes=3), detail=LABEL),
        Ending("o/r", 1, CANCELLABLE_BY_OK, "dave", AT + timedelta(minutes=2), detail=COMMENT))


def test_the_comments_retry_finds_it_cancelled_the_clearance(engine):
    _, ctx = _cancelled_then_label_off(engine)
    assert decisions.ended_by(ctx, "o/r", 1, COMMENT, CANCELLABLE_BY_OK)  # "cancelled", not "Nothing to cancel"
    assert decisions.ended_by(ctx, "o/r", 1, LABEL, ("exempt",))
    assert not decisions.ended_by(ctx, "o/r", 1, "comment 601", CANCELLABLE_BY_OK)  # another comment did not
    assert not decisions.ended_by(ctx, "o/r", 1, COMMENT, ("exempt",))


def test_a_release_before_0009_writing_the_row_over_leaves_no_stale_source(engine):
    """Such a release rewrites ``kinds`` (here: the clearance's cancel handled again, a second
    later) and leaves ``sources`` as it was: the kind's time no longer matches, so its source is
    read as that release meant it (empty), never as the earlier ending's."""
    state, _ = _cancelled_then_label_off(engine)
    with engine.connect() as conn:
        kinds = conn.scalar(select(EndingRow.kinds).where(EndingRow.repo == "o/r"))
    old_time = (AT + timedelta(minutes=2)).replace(tzinfo=None).isoformat()
    _set_row(engine, kinds=kinds.replace(old_time, (AT + timedelta(minutes=2, seconds=1)).replace(tzinfo=None).isoformat()))
    [_, ok] = state.endings("o/r", 1)
    assert (ok.actor, ok.detail, ok.at) == ("", "", AT + timedelta(minutes=2, seconds=1))


@pytest.mark.parametrize("sources", [None, "", "not json", "[1, 2]", '{"ok": "comment 600"}', '{"ok": [1, 2, 3]}',
                                     "[" * 100_000 + "]" * 100_000])
def test_missing_or_unreadable_sources_read_as_before(engine, sources):
    state, _ = _cancelled_then_label_off(engine)
    _set_row(engine, sources=sources)
    newest, ok = state.endings("o/r", 1)
    assert (newest.detail, ok.kinds, ok.at) == (LABEL, CANCELLABLE_BY_OK, AT + timedelta(minutes=2))
    assert (ok.actor, ok.detail) == ("", "")


def test_one_ending_keeps_no_sources(engine):
    state = SqlStateStore(engine)
    only = Ending("o/r", 1, ("exempt",), "erin", AT, detail=LABEL)
    state.end_override((only,))
    with engine.connect() as conn:
        assert conn.scalar(select(EndingRow.sources).where(EndingRow.repo == "o/r")) is None
    assert state.endings("o/r", 1) == (only,)
    state.end_override((replace(only, at=AT + timedelta(minutes=1)), replace(only, kinds=("ok",), detail=COMMENT)))
    state.end_override((replace(only, at=AT + timedelta(minutes=2)),))  # one again: the earlier sources go
    with engine.connect() as conn:
        assert conn.scalar(select(EndingRow.sources).where(EndingRow.repo == "o/r")) is None
