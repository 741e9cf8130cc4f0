"""Upgrading a filled database from each earlier release's schema to this one, on SQLite and
PostgreSQL, the way the App does at start-up (``init_db``): every row keeps its values, the
schema ends up exactly the models', and the queue and state stores work on the old rows.

Revision 0001 was published in three forms (it was edited in place before 0002 existed):
  * release A (e518813): no ``deliveries.result``, index ``ix_deliveries_status_due``;
  * release B (2647977): no ``deliveries.result``, index ``ix_deliveries_status``;
  * release C (c97ceee): 0001 as it is today.
Each is frozen here as the DDL that release ran, stamped ``0001`` like the real thing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (BigInteger, Boolean, Column, DateTime, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint, insert, inspect, select, text)

from bot.store import DeliveryStore, SqlStateStore, init_db, make_engine, migrate
from bot.store.models import Base

NOW = datetime(2026, 11, 28, 12, 0, 0)


def _release_0001(*, with_result: bool, status_index: str) -> MetaData:
    md = MetaData()
    deliveries = Table(
        "deliveries", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("delivery_id", String(100), nullable=False, unique=True),
        Column("event", String(100), nullable=False),
        Column("action", String(100)),
        Column("installation_id", BigInteger),
        Column("repo", String(300)),
        Column("number", Integer),
        Column("payload", Text, nullable=False),
        Column("status", String(20), nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("next_attempt_at", DateTime, nullable=False),
        Column("claimed_by", String(200)),
        Column("lease_until", DateTime),
        Column("last_error", Text),
        *([Column("result", Text)] if with_result else []),
        Column("received_at", DateTime, nullable=False),
        Column("finished_at", DateTime),
    )
    if status_index == "due":
        Index("ix_deliveries_status_due", deliveries.c.status, deliveries.c.next_attempt_at)
    else:
        Index("ix_deliveries_status", deliveries.c.status, deliveries.c.id)
    Index("ix_deliveries_pr", deliveries.c.repo, deliveries.c.number, deliveries.c.status)
    Table("overrides", md,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("repo", String(300), nullable=False),
          Column("number", Integer, nullable=False),
          Column("kind", String(40), nullable=False),
          Column("actor", String(200), nullable=False),
          Column("at", DateTime, nullable=False),
          Column("head_sha", String(64), nullable=False),
          Column("score", Integer),
          Column("model_version", String(100), nullable=False),
          Column("detail", Text, nullable=False),
          UniqueConstraint("repo", "number", name="uq_overrides_pr"))
    decisions = Table("decisions", md,
                      Column("id", Integer, primary_key=True, autoincrement=True),
                      Column("repo", String(300), nullable=False),
                      Column("number", Integer, nullable=False),
                      Column("head_sha", String(64), nullable=False),
                      Column("score", Integer, nullable=False),
                      Column("band", String(40), nullable=False),
                      Column("model_version", String(100), nullable=False),
                      Column("at", DateTime, nullable=False),
                      Column("shadow", Boolean, nullable=False),
                      Column("actions", Text, nullable=False))
    Index("ix_decisions_pr", decisions.c.repo, decisions.c.number, decisions.c.at)
    return md


RELEASES = {
    "A-e518813": dict(with_result=False, status_index="due"),
    "B-2647977": dict(with_result=False, status_index="id"),
    "C-c97ceee": dict(with_result=True, status_index="id"),
}


def _deliveries() -> list[dict]:
    """One or more rows in every status, live and lapsed leases among them."""
    base = dict(event="pull_request", action="synchronize", installation_id=99, payload='{"n": 1}',
                last_error=None, finished_at=None, claimed_by=None, lease_until=None)
    rows = [
        dict(delivery_id="pending-due", repo="o/r", number=1, status="pending", attempts=0,
             next_attempt_at=NOW - timedelta(minutes=1)),
        dict(delivery_id="pending-backoff", repo="o/r", number=2, status="pending", attempts=3,
             next_attempt_at=NOW + timedelta(minutes=5), last_error="GitHubError HTTP 502: bad gateway"),
        dict(delivery_id="processing-live", repo="o/r", number=3, status="processing", attempts=1,
             next_attempt_at=NOW - timedelta(minutes=2), claimed_by="host:1:0:aaaa",
             lease_until=NOW + timedelta(days=3650)),
        dict(delivery_id="processing-lapsed", repo="o/r", number=4, status="processing", attempts=2,
             next_attempt_at=NOW - timedelta(minutes=9), claimed_by="host:2:0:bbbb",
             lease_until=NOW - timedelta(minutes=5)),
        dict(delivery_id="done", repo="o/r", number=5, status="done", attempts=1,
             next_attempt_at=NOW - timedelta(days=1), finished_at=NOW - timedelta(days=1)),
        dict(delivery_id="failed", repo="o/r", number=6, status="failed", attempts=8,
             next_attempt_at=NOW - timedelta(days=2), finished_at=NOW - timedelta(days=2),
             last_error="gave up after 8 attempts: boom"),
        dict(delivery_id="ignored", event="installation", action="created", repo=None, number=None,
             status="ignored", attempts=1, next_attempt_at=NOW - timedelta(days=3),
             finished_at=NOW - timedelta(days=3)),
    ]
    return [{**base, **row, "received_at": NOW - timedelta(days=5, seconds=i), "payload": f'{{"i": {i}}}'}
            for i, row in enumerate(rows)]


OVERRIDES = [
    dict(repo="o/r", number=1, kind="ok", actor="alice", at=NOW - timedelta(days=200), head_sha="a" * 40,
         score=81, model_version="m-2026.1", detail="/sieve ok"),
    dict(repo="o/r", number=7, kind="exempt", actor="bob", at=NOW - timedelta(hours=1), head_sha="",
         score=None, model_version="", detail=""),
]
DECISIONS = [
    dict(repo="o/r", number=1, head_sha=f"s{i}", score=60 + i, band="high", model_version="m-2026.1",
         at=NOW - timedelta(days=200 - i), shadow=i % 2 == 0,
         actions='["labels:add", "create_comment:comment.md.j2"]' if i == 1 else "[]")
    for i in range(4)
] + [dict(repo="x/y", number=9, head_sha="z", score=5, band="low", model_version="m-2025.9",
          at=NOW - timedelta(days=1), shadow=False, actions='["check_run:neutral"]')]


def _build_release(url: str, release: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        _release_0001(**RELEASES[release]).create_all(conn)
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                          "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0001')"))
        conn.execute(insert(Base.metadata.tables["overrides"]), OVERRIDES)
        conn.execute(insert(Base.metadata.tables["decisions"]), DECISIONS)
        md = MetaData()
        md.reflect(conn, only=["deliveries"])
        conn.execute(insert(md.tables["deliveries"]), _deliveries())
    engine.dispose()


def _rows(engine, table: str, columns: list[str]) -> list[dict]:
    t = Base.metadata.tables[table]  # typed columns: SQLite gives datetimes back as datetimes
    with engine.connect() as conn:
        result = conn.execute(select(*(t.c[name] for name in columns)).order_by(t.c.id))
        return [dict(r._mapping) for r in result]


@pytest.mark.parametrize("release", RELEASES)
def test_an_earlier_release_database_upgrades_at_start_up_keeping_every_row(db_url, release):
    _build_release(db_url, release)
    engine = init_db(db_url)  # what `sieve serve` and `sieve deliveries` do first
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
                MigrationContext.configure(conn).get_current_revision()
            # the upgraded schema is exactly the one the code reads and writes
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        delivery_cols = [c for c in _deliveries()[0] if c != "id"]
        assert _rows(engine, "deliveries", delivery_cols) == _deliveries()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM deliveries WHERE rate_limited")).scalar() == 0
        assert _rows(engine, "overrides", list(OVERRIDES[0])) == OVERRIDES
        assert _rows(engine, "decisions", list(DECISIONS[0])) == DECISIONS

        # the old rows are usable by this release's queue and state store
        store = DeliveryStore(engine, clock=lambda: NOW)
        assert store.counts() == {"pending": 2, "processing": 2, "done": 1, "failed": 1, "ignored": 1}
        taken = store.claim("new-replica", lease_seconds=60)
        assert (taken.delivery_id, taken.attempts) == ("processing-lapsed", 3)  # a lapsed lease is taken over
        assert store.complete("processing-lapsed", "new-replica", "scored 71 (high)")
        assert store.get("processing-lapsed").result == "scored 71 (high)"
        assert store.claim("new-replica", lease_seconds=60).delivery_id == "pending-due"
        assert store.claim("new-replica", lease_seconds=60) is None  # processing-live is still held
        assert store.get("processing-live").claimed_by == "host:1:0:aaaa"
        state = SqlStateStore(engine)
        assert state.get_override("o/r", 1).actor == "alice" and state.get_override("o/r", 7).kind == "exempt"
        assert state.posted_sticky("o/r", 1) and state.pr_for_head("o/r", "s2") == 1
    finally:
        engine.dispose()


@pytest.mark.parametrize("release", ["A-e518813", "B-2647977"])
def test_a_first_release_database_already_upgraded_to_0002_is_repaired(db_url, release):
    """Upgraded by the release that brought 0002, such a database was stamped 0002 with no
    ``result`` column: every claim failed. Starting this release makes it whole."""
    _build_release(db_url, release)
    engine = make_engine(db_url)
    with engine.begin() as conn:  # what revision 0002 did to it back then
        conn.execute(text("ALTER TABLE deliveries ADD COLUMN rate_limited BOOLEAN DEFAULT false NOT NULL"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    engine.dispose()
    engine = init_db(db_url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        store = DeliveryStore(engine, clock=lambda: NOW)
        assert store.claim("w", lease_seconds=60).delivery_id == "processing-lapsed"
        assert _rows(engine, "deliveries", ["delivery_id", "status"])[0] == \
            {"delivery_id": "pending-due", "status": "pending"}
    finally:
        engine.dispose()


@pytest.mark.parametrize("release", RELEASES)
def test_upgrading_twice_changes_nothing_more(db_url, release):
    _build_release(db_url, release)
    init_db(db_url).dispose()
    engine = init_db(db_url)
    try:
        names = {ix["name"] for ix in inspect(engine).get_indexes("deliveries")}
        assert {"ix_deliveries_status", "ix_deliveries_pr"} <= names
        assert "ix_deliveries_status_due" not in names
        with engine.connect() as conn:
            assert conn.execute(select(Base.metadata.tables["deliveries"].c.result)).all() == \
                [(None,)] * len(_deliveries())
    finally:
        engine.dispose()


def test_the_first_migration_then_head_is_the_same_as_head(db_url):
    """Revision by revision (as an installation that has run every release did) = head at once."""
    engine = make_engine(db_url)
    migrate(engine, "0001")
    migrate(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()
