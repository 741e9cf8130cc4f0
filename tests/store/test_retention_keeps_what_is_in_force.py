"""The hourly purge (``wiring.housekeeping``) on SQLite and PostgreSQL, on a database upgraded
from an earlier release: it never deletes a PR's newest decision, the decision behind its sticky
comment, an override in force, or a delivery not yet finished, however old."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bot.app.wiring import housekeeping
from bot.settings import Settings
from bot.store import DeliveryStore, SqlStateStore, init_db

from .test_upgrade_from_earlier_releases import _build_release


def test_the_hourly_purge_keeps_what_is_in_force_on_an_upgraded_database(db_url):
    _build_release(db_url, "A-e518813")  # overrides from 200 days ago, decisions 196-200 days old
    engine = init_db(db_url)
    store, state = DeliveryStore(engine), SqlStateStore(engine)
    with engine.begin() as conn:  # the finished deliveries are long past retention too
        conn.execute(text("UPDATE deliveries SET finished_at = :old WHERE finished_at IS NOT NULL"),
                     {"old": datetime(2020, 1, 1)})
        conn.execute(text("UPDATE deliveries SET received_at = :old, next_attempt_at = :old"),
                     {"old": datetime(2020, 1, 1)})
    purge = housekeeping(Settings(retention_days=14, decision_retention_days=90), store, state)
    purge()
    purge()  # hourly: a second run deletes nothing more
    assert [d.head_sha for d in state.decisions("o/r", 1)] == ["s3", "s1"]  # newest + the sticky one
    assert [d.head_sha for d in state.decisions("x/y", 9)] == ["z"]
    assert state.get_override("o/r", 1).actor == "alice"  # 200 days old and still in force
    assert state.get_override("o/r", 7).kind == "exempt"
    assert store.counts() == {"pending": 2, "processing": 2, "failed": 1}
    engine.dispose()


def test_a_newer_decision_recorded_by_another_replica_keeps_the_pr_covered(db_url):
    """Replicas' clocks disagree: the newest decision is the last one recorded, not the one
    with the latest time, so a decision stamped by a slow clock still counts as the PR's newest."""
    engine = init_db(db_url)
    state = SqlStateStore(engine)
    from bot.app.context import Decision
    now = datetime(2026, 11, 28, tzinfo=UTC)
    state.record_decision(Decision("o/r", 3, "new", 50, "medium", "m", now - timedelta(days=100), shadow=False))
    state.record_decision(Decision("o/r", 3, "old", 50, "medium", "m", now - timedelta(days=120), shadow=False))
    assert state.purge_decisions(90, now=now) == 1
    assert [d.head_sha for d in state.decisions("o/r", 3)] == ["old"]
    engine.dispose()
