"""Each kind's latest ending, kept in the PR's one ``override_endings`` row (``bot.store.endingrows``):
an ending of one kind no longer moves the time another kind was ended at, and rows written by
earlier releases (or rewritten by one running beside this release) read as those releases meant."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bot.app.context import Ending
from bot.store.models import EndingRow
from bot.store.state import SqlStateStore

AT = datetime(2026, 11, 29, 10, 0, 0, 123456, tzinfo=UTC)
EXEMPT_ENDED = Ending("o/r", 1, ("exempt",), "erin", AT + timedelta(minutes=50), detail="comment 5")
OK_ENDED = Ending("o/r", 1, ("ok", "label_removed"), "dave", AT + timedelta(minutes=10, microseconds=7),
                  detail="comment 4")


def _kinds(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(EndingRow.__table__.select().where(EndingRow.repo == "o/r")).first().kinds


def _set_row(engine, **values) -> None:
    with engine.begin() as conn:
        conn.execute(update(EndingRow).where(EndingRow.repo == "o/r", EndingRow.number == 1).values(**values))


def test_each_kind_keeps_its_own_time(engine):
    state = SqlStateStore(engine)
    state.end_override((EXEMPT_ENDED, OK_ENDED))
    # each keeps who and what ended it (revision 0009), and orders late actions by its own time
    assert state.endings("o/r", 1) == (EXEMPT_ENDED, OK_ENDED)
    # every kind is still named plainly: an earlier release reads them all as ended at the row's time
    assert _kinds(engine).split(",")[:3] == ["exempt", "ok", "label_removed"] and len(_kinds(engine)) <= 200


def test_a_row_of_an_earlier_release_ends_every_kind_it_names_at_its_time(engine):
    state = SqlStateStore(engine)
    state.end_override((EXEMPT_ENDED,))
    _set_row(engine, kinds="exempt,ok,label_removed")  # as ed75f8a..b93ef64 merged an earlier ending's kinds
    [ending] = state.endings("o/r", 1)
    assert set(ending.kinds) == {"exempt", "ok", "label_removed"} and ending.at == EXEMPT_ENDED.at


def test_a_row_an_earlier_release_wrote_over_reads_as_it_meant(engine):
    """An earlier release carries the timed tokens over to its own, later row: the stamp no longer
    matches the row's time, so every kind named is read as ended then, as that release meant."""
    state = SqlStateStore(engine)
    state.end_override((EXEMPT_ENDED, OK_ENDED))
    carried = "ok,label_removed," + _kinds(engine)  # its ok cancel, merged with the row's tokens
    _set_row(engine, kinds=carried, at=(AT + timedelta(hours=1)).replace(tzinfo=None), detail="comment 6")
    [ending] = state.endings("o/r", 1)
    assert set(ending.kinds) == {"exempt", "ok", "label_removed"} and ending.at == AT + timedelta(hours=1)


def test_unreadable_times_read_as_every_kind_ended_at_the_rows_time(engine):
    state = SqlStateStore(engine)
    state.end_override((EXEMPT_ENDED, OK_ENDED))
    stamp = "@" + EXEMPT_ENDED.at.replace(tzinfo=None).isoformat() + "/exempt"
    earlier, later = "ok@2026-11-29T10:00:00", "ok@2027-01-01T00:00:00"
    for kinds in ("exempt,ok,@yesterday,ok@noon", f"exempt,ok,{stamp},ok@noon", f"exempt,{stamp},{earlier}",
                  f"exempt,ok,{stamp},{stamp},{earlier}", f"exempt,ok,{stamp},{later}"):
        _set_row(engine, kinds=kinds)
        [ending] = state.endings("o/r", 1)
        assert ending.at == EXEMPT_ENDED.at and "exempt" in ending.kinds, kinds


def test_an_earlier_releases_rewrite_at_the_same_time_reads_as_it_meant(engine):
    """b93ef64 merges an ending made at the row's very time: it puts its kinds first and keeps the
    time, so the stamp's time still matches; its kinds, not the stamp's, now start the list."""
    state = SqlStateStore(engine)
    state.end_override((EXEMPT_ENDED, OK_ENDED))
    _set_row(engine, kinds="ok,label_removed," + _kinds(engine), detail="comment 9")
    [ending] = state.endings("o/r", 1)
    assert set(ending.kinds) == {"exempt", "ok", "label_removed"} and ending.at == EXEMPT_ENDED.at


def test_the_stamp_names_the_newest_endings_kinds(engine):
    state = SqlStateStore(engine)
    state.end_override((EXEMPT_ENDED, OK_ENDED))
    stamp = "@" + EXEMPT_ENDED.at.replace(tzinfo=None).isoformat()
    assert f"{stamp}/exempt," in _kinds(engine)
    for kinds in (f"exempt,ok,{stamp},ok@2026-11-29T10:00:00", f"exempt,ok,{stamp}/ok,ok@2026-11-29T10:00:00",
                  f"exempt,ok,{stamp}/exempt/ok,ok@2026-11-29T10:00:00"):
        _set_row(engine, kinds=kinds)
        [ending] = state.endings("o/r", 1)
        assert set(ending.kinds) == {"exempt", "ok"} and ending.at == EXEMPT_ENDED.at, kinds


def test_a_time_with_an_offset_is_read_as_that_instant_not_a_failure(engine):
    """Comparing it with the stored naive time raised TypeError on every read of the PR."""
    state = SqlStateStore(engine)
    state.end_override((EXEMPT_ENDED, OK_ENDED))
    stamp = "@" + EXEMPT_ENDED.at.replace(tzinfo=None).isoformat() + "/exempt"
    _set_row(engine, kinds=f"exempt,ok,{stamp},ok@2026-11-29T11:00:00+02:00")
    newest, earlier = state.endings("o/r", 1)
    assert newest.kinds == ("exempt",) and earlier.kinds == ("ok",) and earlier.at == AT.replace(
        hour=9, minute=0, second=0, microsecond=0)
    aware_stamp = "@" + EXEMPT_ENDED.at.isoformat() + "/exempt"  # the stamp's own time with an offset too
    _set_row(engine, kinds=f"exempt,ok,{aware_stamp},ok@2026-11-29T09:00:00+00:00")
    assert state.endings("o/r", 1)[1].at == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def test_a_row_without_sources_keeps_an_earlier_endings_detail_only_when_the_newest_has_the_same(engine):
    """A row a release before revision 0009 wrote has no ``sources``: one comment's two cancels still
    find each cancel's own ending (``=``); any other earlier ending (another comment's, or a cancel
    of the same comment that ended nothing) reads as empty, as before."""
    state = SqlStateStore(engine)
    same = replace(OK_ENDED, actor=EXEMPT_ENDED.actor, detail=EXEMPT_ENDED.detail)
    state.end_override((EXEMPT_ENDED, same))
    _set_row(engine, sources=None)
    assert state.endings("o/r", 1) == (EXEMPT_ENDED, same)
    state.end_override((EXEMPT_ENDED, replace(same, detail=EXEMPT_ENDED.detail + " (nothing ended)")))
    _set_row(engine, sources=None)
    assert state.endings("o/r", 1)[1].detail == ""
