"""A replica killed (SIGKILL, OOM) half way through the start-up migration leaves the database
as it was before, and the next start migrates it; replicas starting together on an earlier
release's database migrate it once. SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.store import DeliveryStore, init_db, make_engine, migrate
from bot.store.models import Base

from ._mp_upgrade import migrate_until_killed
from ._mp_worker import start_replicas_together
from .test_state_and_migrations import head_revision
from .test_upgrade_from_earlier_releases import DECISIONS, OVERRIDES, _build_release, _deliveries, _rows


def _revision(engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _kill_midway(db_url: str, tmp_path, statement: str) -> None:
    marker = tmp_path / "midway"
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=migrate_until_killed, args=(db_url, str(marker), statement))
    child.start()
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.is_alive() and time.monotonic() < deadline, "the migration never got there"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    assert child.exitcode == -signal.SIGKILL


def test_a_migration_killed_after_its_first_change_is_rolled_back_and_redone(db_url, tmp_path):
    engine = make_engine(db_url)
    migrate(engine, "0001")
    with engine.begin() as conn:  # a delivery the release at 0001 accepted
        conn.execute(text("INSERT INTO deliveries (delivery_id, event, payload, status, attempts, "
                          "next_attempt_at, received_at) VALUES ('before', 'ping', '{}', 'pending', "
                          "0, '2026-11-28 10:00:00', '2026-11-28 10:00:00')"))
    engine.dispose()
    _kill_midway(db_url, tmp_path, "ADD COLUMN rate_limited")  # revision 0002's change, done
    engine = make_engine(db_url)
    assert _revision(engine) == "0001"
    assert "rate_limited" not in {c["name"] for c in inspect(engine).get_columns("deliveries")}
    engine.dispose()
    engine = init_db(db_url)  # the next start: nothing in the way (no lock left held)
    assert _revision(engine) == head_revision()
    assert DeliveryStore(engine).get("before").status == "pending"
    engine.dispose()


def test_a_repair_killed_half_way_leaves_the_old_release_database_intact(db_url, tmp_path):
    _build_release(db_url, "A-e518813")
    _kill_midway(db_url, tmp_path, "DROP INDEX ix_deliveries_status_due")  # after ADD COLUMN result
    engine = make_engine(db_url)
    assert "result" not in {c["name"] for c in inspect(engine).get_columns("deliveries")}
    engine.dispose()
    engine = init_db(db_url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert _rows(engine, "deliveries", [c for c in _deliveries()[0]]) == _deliveries()
        assert _rows(engine, "overrides", list(OVERRIDES[0])) == OVERRIDES
        assert _rows(engine, "decisions", list(DECISIONS[0])) == DECISIONS
    finally:
        engine.dispose()


def test_replicas_starting_together_on_an_earlier_release_database_upgrade_it_once(db_url):
    _build_release(db_url, "B-2647977")
    assert start_replicas_together(db_url, "new-") == [0, 0, 0]
    engine = make_engine(db_url)
    try:
        assert _revision(engine) == head_revision()
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert conn.execute(text("SELECT count(*) FROM deliveries")).scalar() == len(_deliveries()) + 3
    finally:
        engine.dispose()
