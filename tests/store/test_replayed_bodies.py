"""The body digest on SQLite and PostgreSQL: a signed body stored once is refused under any other
delivery id (GitHub signs the body, not the id), a redelivery stays a duplicate, two writers
racing with one body store it once, and the digest is kept exactly as long as its delivery."""

from __future__ import annotations

import hashlib
import threading

import pytest
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError

from bot.store import init_db, make_engine, migrate
from bot.store.db import write_transaction
from bot.store.models import DeliveryRow

from .test_killed_migration_recovers import _kill_midway, _revision
from .test_state_and_migrations import head_revision

BODY = hashlib.sha256(b'{"action": "created", "comment": {"body": "/sieve ok"}}').hexdigest()
OTHER = hashlib.sha256(b'{"action": "created", "comment": {"body": "/sieve ok cancel"}}').hexdigest()


def _enqueue(store, delivery_id: str, digest: str | None = BODY) -> bool:
    return store.enqueue(delivery_id, "issue_comment", "{}", action="created", repo="o/r",
                         number=1, body_sha256=digest)


def _finish(store, delivery_id: str, how: str = "complete") -> None:
    assert store.claim("w", lease_seconds=30).delivery_id == delivery_id
    assert getattr(store, how)(delivery_id, "w", "outcome")


def test_a_stored_body_under_a_fresh_delivery_id_is_refused_and_its_first_id_named(store):
    assert _enqueue(store, "first") is True
    assert _enqueue(store, "captured-and-resent") is False
    assert store.replay_of("captured-and-resent", BODY) == "first"
    assert store.get("captured-and-resent") is None
    assert store.counts() == {"pending": 1}
    assert _enqueue(store, "another-comment", OTHER) is True  # another body is another delivery


def test_a_redelivery_keeps_its_id_and_is_a_duplicate_not_a_replay(store):
    assert _enqueue(store, "first") is True
    assert _enqueue(store, "second", OTHER) is True
    assert _enqueue(store, "first") is False  # GitHub's "Redeliver": same id, same body
    assert store.replay_of("first", BODY) is None
    assert _enqueue(store, "first", OTHER) is False  # a known id is a duplicate, whatever its body
    assert store.replay_of("first", OTHER) is None
    assert store.counts() == {"pending": 2}


def test_rows_without_a_digest_never_collide(store):
    assert all(_enqueue(store, f"d{i}", None) for i in range(3))
    assert _enqueue(store, "digested") is True
    assert store.counts() == {"pending": 4}


def test_a_delivery_without_a_digest_is_never_named_a_replay_of_another_undigested_row(store):
    """A check run body carries no digest. Should its duplicate's row go (purged) between the
    refused insert and the lookup, ``body_sha256 IS NULL`` would name any undigested row as its
    original; without a digest there is no replay to name."""
    assert _enqueue(store, "other-undigested", None)
    assert store.replay_of("purged-meanwhile", None) is None
    assert _enqueue(store, "first") and store.replay_of("purged-meanwhile", BODY) == "first"


def test_the_database_itself_refuses_a_second_row_with_one_digest(store):
    """The index is unique, so no writer (another replica, another release) can store it twice."""
    _enqueue(store, "first")
    row = dict(delivery_id="raw", event="ping", payload="{}", status="pending", attempts=0,
               next_attempt_at=store._now(), received_at=store._now(), body_sha256=BODY)
    with pytest.raises(IntegrityError):
        with write_transaction(store.engine) as conn:
            conn.execute(insert(DeliveryRow).values(**row))


def test_of_two_writers_racing_with_one_body_the_first_commit_wins_and_the_other_gets_false(store):
    """As two replicas on PostgreSQL: the second insert waits for the first transaction, then
    finds the body stored and gives False, not an error (SQLite: it waits for the write lock)."""
    answer: list[bool] = []
    second = threading.Thread(target=lambda: answer.append(_enqueue(store, "replica-2")))
    with write_transaction(store.engine) as conn:
        conn.execute(insert(DeliveryRow).values(
            delivery_id="replica-1", event="issue_comment", payload="{}", status="pending",
            attempts=0, next_attempt_at=store._now(), received_at=store._now(), body_sha256=BODY))
        second.start()
        second.join(0.5)
        assert second.is_alive() and answer == []  # held until the first one commits
    second.join(10)
    assert answer == [False]
    assert store.replay_of("replica-2", BODY) == "replica-1"
    assert [d.delivery_id for d in store.list()] == ["replica-1"]


def test_purging_a_delivery_takes_its_digest_so_the_window_is_the_retention(store, clock):
    _enqueue(store, "done-long-ago")
    _finish(store, "done-long-ago")
    _enqueue(store, "failed-long-ago", OTHER)
    _finish(store, "failed-long-ago", "fail")
    clock.advance(13 * 86400)
    assert store.purge(14) == 0
    assert _enqueue(store, "within-retention") is False  # still refused on day 13
    clock.advance(2 * 86400)
    assert store.purge(14) == 1
    assert _enqueue(store, "after-retention") is True  # its first delivery is gone, and its digest
    assert _enqueue(store, "failed-body-again", OTHER) is False  # failed ones are kept, and refuse
    assert store.replay_of("failed-body-again", OTHER) == "failed-long-ago"


def _insert_at_0002(engine, delivery_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO deliveries (delivery_id, event, payload, status, attempts, "
                          "next_attempt_at, received_at) VALUES (:d, 'ping', '{}', 'pending', 0, "
                          "'2026-11-28 10:00:00', '2026-11-28 10:00:00')"), {"d": delivery_id})


def test_rows_from_before_revision_0003_keep_no_digest_and_take_none(db_url):
    engine = make_engine(db_url)
    migrate(engine, "0002")
    _insert_at_0002(engine, "old-1")
    _insert_at_0002(engine, "old-2")
    engine.dispose()
    engine = init_db(db_url)
    try:
        assert _revision(engine) == head_revision()  # 0003, and any revision after it
        with engine.connect() as conn:
            assert conn.execute(text("SELECT body_sha256 FROM deliveries")).all() == [(None,), (None,)]
        assert {ix["name"]: ix["unique"] for ix in inspect(engine).get_indexes("deliveries")}[
            "ux_deliveries_body_sha256"]
    finally:
        engine.dispose()


def test_revision_0003_killed_half_way_is_rolled_back_and_redone(db_url, tmp_path):
    engine = make_engine(db_url)
    migrate(engine, "0002")
    _insert_at_0002(engine, "before")
    engine.dispose()
    _kill_midway(db_url, tmp_path, "ADD COLUMN body_sha256")  # before its unique index
    engine = make_engine(db_url)
    assert _revision(engine) == "0002"
    assert "body_sha256" not in {c["name"] for c in inspect(engine).get_columns("deliveries")}
    engine.dispose()
    engine = init_db(db_url)
    try:
        assert _revision(engine) == head_revision()  # 0003, and any revision after it
        with engine.connect() as conn:
            assert conn.execute(text("SELECT delivery_id FROM deliveries")).all() == [("before",)]
    finally:
        engine.dispose()
