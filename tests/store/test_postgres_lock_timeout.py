"""On PostgreSQL a statement waiting for a lock gives up after ``PG_LOCK_TIMEOUT_MS`` instead of
hanging a worker or a webhook request behind another replica's hung transaction forever."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.app.context import Override
from bot.store import SqlStateStore, db, init_db


def test_a_write_behind_a_hung_transactions_row_lock_gives_up(db_url, monkeypatch):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has its own busy timeout; lock_timeout is PostgreSQL's")
    monkeypatch.setattr(db, "PG_LOCK_TIMEOUT_MS", 300)
    engine = init_db(db_url)
    try:
        state = SqlStateStore(engine)
        state.record_override(Override("o/r", 1, "ok", "alice", datetime(2026, 1, 1, tzinfo=UTC)))
        with engine.connect() as hung:
            hung.execute(text("SELECT * FROM overrides WHERE number = 1 FOR UPDATE"))  # held, never committed
            started = time.monotonic()
            with pytest.raises(OperationalError, match="lock timeout"):
                state.record_override(Override("o/r", 1, "exempt", "bob", datetime(2026, 1, 2, tzinfo=UTC)))
            assert time.monotonic() - started < 10
            hung.rollback()
        state.record_override(Override("o/r", 1, "exempt", "bob", datetime(2026, 1, 2, tzinfo=UTC)))
        assert state.get_override("o/r", 1).kind == "exempt"  # nothing lost once the lock is gone
    finally:
        engine.dispose()
