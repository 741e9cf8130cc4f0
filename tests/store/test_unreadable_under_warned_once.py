"""An exemption's ``under`` that cannot be read is warned about once per process for each distinct
value, not on every read: every delivery of the PR reads it, and the same warning filled the log
for as long as the row stayed. A different value (the row edited again), or another PR's, still
warns; so does a later release's extra field, once."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from sqlalchemy import update

from bot.app.context import Override
from bot.store.models import OverrideRow
from bot.store.state import SqlStateStore

AT = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
CLEARANCE = {"repo": "o/r", "number": 4, "kind": "ok", "actor": "alice", "at": "2026-11-29T09:00:00",
             "head_sha": "abc", "score": 71, "model_version": "m1", "detail": "comment 1"}


def _exempt_with_under(state: SqlStateStore, number: int, raw: str) -> None:
    state.record_override(Override("o/r", number, "exempt", "carol", AT, detail="comment 2"))
    with state.engine.begin() as conn:
        conn.execute(update(OverrideRow).where(OverrideRow.repo == "o/r", OverrideRow.number == number)
                     .values(under=raw))


def _warnings(caplog, pr: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and pr in r.getMessage()]


def _read(state: SqlStateStore, number: int, times: int) -> None:
    for _ in range(times):
        assert state.get_override("o/r", number).under is None


def test_the_same_unreadable_under_read_on_every_delivery_warns_once(engine, caplog):
    state = SqlStateStore(engine)
    _exempt_with_under(state, 4, "not json")
    with caplog.at_level(logging.WARNING, logger="bot.store.state"):
        _read(state, 4, 5)
        assert len(_warnings(caplog, "o/r#4")) == 1
        _read(SqlStateStore(engine), 4, 2)  # another store in the same process: the same process
    assert len(_warnings(caplog, "o/r#4")) == 1


def test_a_different_value_or_another_pr_still_warns(engine, caplog):
    state = SqlStateStore(engine)
    _exempt_with_under(state, 4, "not json")
    _exempt_with_under(state, 5, "not json")
    with caplog.at_level(logging.WARNING, logger="bot.store.state"):
        _read(state, 4, 2)
        _read(state, 5, 2)
        _exempt_with_under(state, 4, '{"kind": "ok"}')  # edited again, still unreadable
        _read(state, 4, 2)
    assert len(_warnings(caplog, "o/r#4")) == 2 and len(_warnings(caplog, "o/r#5")) == 1
    assert "missing or mistyped" in _warnings(caplog, "o/r#4")[1]


def test_a_later_releases_extra_field_warns_once_and_the_clearance_is_read_each_time(engine, caplog):
    state = SqlStateStore(engine)
    _exempt_with_under(state, 6, json.dumps({**CLEARANCE, "number": 6, "new_field": 1}))
    with caplog.at_level(logging.WARNING, logger="bot.store.state"):
        unders = [state.get_override("o/r", 6).under for _ in range(3)]
    assert all(u is not None and (u.kind, u.actor) == ("ok", "alice") for u in unders)
    assert [("new_field" in m) for m in _warnings(caplog, "o/r#6")] == [True]
