"""A retention purge deletes in batches, each its own write transaction, so a large one never holds
SQLite's single write lock for its whole length: the intake, claims and lease renewals get the
lock between batches (a 260k-row purge held it for 17 s, and webhooks waiting past 8 s got 503).
It still returns the total and keeps exactly the rows its rules keep. On SQLite and PostgreSQL;
the batch size is made tiny so a handful of rows takes several batches."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, insert

import bot.store.deliveries as deliveries_module
import bot.store.state as state_module
from bot.app.context import Decision
from bot.store import SqlStateStore
from bot.store.models import DeliveryRow
from bot.store.writelock import WAIT_SECONDS, WriterLock

BATCH = 2


@pytest.fixture(autouse=True)
def tiny_batches(monkeypatch):
    for module in (deliveries_module, state_module):
        monkeypatch.setattr(module, "PURGE_BATCH", BATCH, raising=False)


class Transactions:
    """Per committed transaction on ``engine``, the rows its DELETE statements removed."""

    def __init__(self, engine) -> None:
        self.deleted: list[int] = [0]
        self.events: list[str] = []
        event.listen(engine, "after_cursor_execute", self._executed)
        event.listen(engine, "commit", self._committed)

    def _executed(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("DELETE") and cursor.rowcount > 0:
            self.deleted[-1] += cursor.rowcount
            self.events.append("delete")

    def _committed(self, conn) -> None:
        self.deleted.append(0)

    def deleting(self) -> list[int]:
        return [n for n in self.deleted if n]


def _delivery(conn, delivery_id, finished, *, status="done", digest=None):
    conn.execute(insert(DeliveryRow).values(
        delivery_id=delivery_id, event="issue_comment", payload="{}", status=status, attempts=1,
        next_attempt_at=finished, received_at=finished, finished_at=finished, body_sha256=digest))


@pytest.fixture
def old_deliveries(engine, clock):
    """10 rows a 14-day purge deletes, interleaved with 3 it keeps."""
    now, day = clock.now, timedelta(days=1)
    with engine.begin() as conn:
        for i in range(7):
            _delivery(conn, f"old-{i}", now - 20 * day)
            if i == 2:
                _delivery(conn, "failed", now - 20 * day, status="failed")  # kept until retried
            if i == 4:  # a digest is kept an hour past the retention
                _delivery(conn, "digest-in-its-hour", now - 14 * day - timedelta(minutes=30), digest="a" * 64)
        _delivery(conn, "ignored-0", now - 20 * day, status="ignored")
        _delivery(conn, "recent", now - 13 * day)
        _delivery(conn, "ignored-1", now - 20 * day, status="ignored")
        _delivery(conn, "digest-past-its-hour", now - 15 * day, digest="b" * 64)
    return {"failed", "digest-in-its-hour", "recent"}


def _left(store) -> set[str]:
    return {d.delivery_id for d in store.list(limit=1000)}


def test_a_delivery_purge_commits_batch_by_batch_and_keeps_what_its_rules_keep(engine, store, old_deliveries):
    transactions = Transactions(engine)
    assert store.purge(14) == 10  # the total over every batch
    assert transactions.deleting() == [2, 2, 2, 2, 2]  # five transactions, none deleting more than a batch
    assert _left(store) == old_deliveries


@contextmanager
def _another_writer_after_the_first_release(monkeypatch, write):
    """Run ``write`` (another writer) in the gap after the purge's first SQLite write-lock release,
    recording it in ``log``; only SQLite has the single write lock."""
    log: list[str] = []
    held = WriterLock.held

    @contextmanager
    def held_then_write(self, timeout: float = WAIT_SECONDS):
        with held(self, timeout):
            yield
        if not log:
            log.append("another writer")
            write()

    monkeypatch.setattr(WriterLock, "held", held_then_write)
    yield log


def test_another_writer_commits_between_the_batches_of_a_delivery_purge(
        engine, store, clock, old_deliveries, monkeypatch):
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no single write lock: writers never waited for a purge")
    transactions = Transactions(engine)
    with _another_writer_after_the_first_release(monkeypatch, lambda: transactions.events.append(
            "enqueued" if store.enqueue("webhook", "issue_comment", "{}") else "refused")) as log:
        assert store.purge(14) == 10
    assert log == ["another writer"]
    events = transactions.events
    assert "enqueued" in events and "delete" in events[events.index("enqueued"):]  # more batches after it
    assert _left(store) == old_deliveries | {"webhook"}


@pytest.fixture
def state(engine):
    return SqlStateStore(engine)


NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _decide(state, number, sha, days_ago, *, shadow=False, actions=()):
    state.record_decision(Decision("o/r", number, sha, 50, "medium", "m", NOW - timedelta(days=days_ago),
                                   shadow=shadow, actions=actions))


@pytest.fixture
def old_decisions(state):
    """8 decisions a 90-day purge deletes, among the newest and sticky ones of four PRs it keeps."""
    _decide(state, 1, "1-sticky", 200, actions=("create_comment: sticky",))
    _decide(state, 1, "1-shadow", 199, shadow=True)
    for i in range(6):
        _decide(state, 2, f"2-old-{i}", 198 - i)
    _decide(state, 1, "1-plain", 190)
    _decide(state, 4, "4-real-sticky", 180, actions=("create_comment: sticky",))
    _decide(state, 4, "4-shadow-sticky", 179, shadow=True, actions=("edit_comment: sticky",))
    _decide(state, 1, "1-newest", 150)
    _decide(state, 4, "4-newest", 150)
    _decide(state, 3, "3-recent", 10)
    return {"1-sticky", "1-newest", "2-old-5", "4-real-sticky", "4-newest", "3-recent"}


def _shas(state) -> set[str]:
    return {d.head_sha for d in state.decisions(limit=1000)}


def test_a_decision_purge_commits_batch_by_batch_and_keeps_each_prs_newest_and_sticky(
        engine, state, old_decisions):
    transactions = Transactions(engine)
    assert state.purge_decisions(90, now=NOW) == 8
    # a batch's kept rows (read once per purge) are selected but not deleted: some delete fewer
    assert max(transactions.deleting()) == 2 and sum(transactions.deleting()) == 8 and len(transactions.deleting()) >= 4
    assert _shas(state) == old_decisions


def test_another_writer_commits_between_the_batches_of_a_decision_purge(engine, state, old_decisions, monkeypatch):
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no single write lock: writers never waited for a purge")
    transactions = Transactions(engine)

    def record():
        _decide(state, 5, "5-meanwhile", 0)
        transactions.events.append("recorded")

    with _another_writer_after_the_first_release(monkeypatch, record):
        assert state.purge_decisions(90, now=NOW) == 8
    events = transactions.events
    assert "recorded" in events and "delete" in events[events.index("recorded"):]
    assert _shas(state) == old_decisions | {"5-meanwhile"}
