"""DeliveryStore on SQLite and PostgreSQL: dedup, exclusive claims, leases, retries, admin."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from bot.store import DeliveryStore, deliveries

LEASE = 30.0


def _enqueue(store: DeliveryStore, delivery_id: str, number: int | None = 1,
             repo: str = "octo/repo") -> bool:
    return store.enqueue(delivery_id, "pull_request", '{"action": "opened"}', action="opened",
                         installation_id=7, repo=repo, number=number)


def test_enqueue_keeps_fields_and_refuses_a_known_delivery_id(store):
    assert _enqueue(store, "d1") is True
    assert store.enqueue("d1", "issue_comment", "{}", action="created") is False
    stored = store.get("d1", with_payload=True)
    assert (stored.event, stored.action, stored.installation_id, stored.repo, stored.number) == \
        ("pull_request", "opened", 7, "octo/repo", 1)
    assert stored.status == "pending" and stored.attempts == 0
    assert stored.payload_dict() == {"action": "opened"}
    assert store.counts() == {"pending": 1}


def test_claim_takes_oldest_first_and_counts_the_attempt(store, clock):
    for i in range(3):
        _enqueue(store, f"d{i}", number=i)
        clock.advance(1)
    first = store.claim("w1", lease_seconds=LEASE)
    assert first.delivery_id == "d0" and first.attempts == 1 and first.claimed_by == "w1"
    assert first.lease_until == clock.now + timedelta(seconds=LEASE)
    assert first.payload is not None
    assert store.claim("w2", lease_seconds=LEASE).delivery_id == "d1"


def test_a_claimed_delivery_is_not_claimed_again_until_its_lease_expires(store, clock):
    _enqueue(store, "d1")
    assert store.claim("w1", lease_seconds=LEASE) is not None
    clock.advance(LEASE - 1)
    assert store.claim("w2", lease_seconds=LEASE) is None
    clock.advance(2)
    taken = store.claim("w2", lease_seconds=LEASE)
    assert taken.delivery_id == "d1" and taken.claimed_by == "w2" and taken.attempts == 2
    assert store.complete("d1", "w1") is False  # the dead worker's late answer is ignored
    assert store.get("d1").status == "processing"
    assert store.complete("d1", "w2") is True
    assert store.get("d1").status == "done"


def test_renewing_keeps_the_claim(store, clock):
    _enqueue(store, "d1")
    store.claim("w1", lease_seconds=LEASE)
    clock.advance(LEASE - 1)
    assert store.renew("d1", "w1", LEASE) is True
    clock.advance(LEASE - 1)
    assert store.claim("w2", lease_seconds=LEASE) is None
    assert store.renew("d1", "w2", LEASE) is False


def test_a_lost_lease_on_the_last_attempt_fails_the_delivery(store, clock):
    _enqueue(store, "d1")
    for _ in range(3):
        assert store.claim("w", lease_seconds=LEASE, max_attempts=3) is not None
        clock.advance(LEASE + 1)
    assert store.claim("w", lease_seconds=LEASE, max_attempts=3) is None
    failed = store.get("d1")
    assert failed.status == "failed" and "lease expired" in failed.last_error


@pytest.mark.parametrize("rate_limited, taken_over", [(True, True), (False, False)])
def test_a_worker_dying_while_rate_limited_leaves_the_rate_limited_budget(store, clock, rate_limited, taken_over):
    # a deploy or an OOM kill while GitHub's rate limit is being waited out must not lose the
    # delivery: it has max_rate_limited_attempts (10 here), not max_attempts (3)
    budgets = dict(max_attempts=3, max_rate_limited_attempts=10)
    _enqueue(store, "d1")
    for _ in range(2):
        assert store.claim("w", lease_seconds=LEASE, **budgets).delivery_id == "d1"
        store.retry_later("d1", "w", "HTTP 403: rate limit", 0, rate_limited=rate_limited)
    assert store.claim("w", lease_seconds=LEASE, **budgets).attempts == 3
    clock.advance(LEASE + 1)  # the worker died on its third attempt
    again = store.claim("w2", lease_seconds=LEASE, **budgets)
    if taken_over:
        assert again is not None and (again.delivery_id, again.attempts) == ("d1", 4)
    else:
        assert again is None and store.get("d1").status == "failed"


def test_two_deliveries_of_one_pull_request_are_never_processed_together(store):
    _enqueue(store, "a", number=5)
    _enqueue(store, "b", number=5)
    _enqueue(store, "c", number=6)
    assert store.claim("w1", lease_seconds=LEASE).delivery_id == "a"
    assert store.claim("w2", lease_seconds=LEASE).delivery_id == "c"  # b waits for a
    assert store.claim("w3", lease_seconds=LEASE) is None
    store.complete("a", "w1")
    assert store.claim("w3", lease_seconds=LEASE).delivery_id == "b"


def test_deliveries_without_a_pull_request_do_not_block_each_other(store):
    _enqueue(store, "i1", number=None, repo=None)
    _enqueue(store, "i2", number=None, repo=None)
    assert store.claim("w1", lease_seconds=LEASE).delivery_id == "i1"
    assert store.claim("w2", lease_seconds=LEASE).delivery_id == "i2"


def test_retry_later_waits_for_its_time(store, clock):
    _enqueue(store, "d1")
    store.claim("w1", lease_seconds=LEASE)
    assert store.retry_later("d1", "w1", "HTTP 502", delay=60) is True
    waiting = store.get("d1")
    assert waiting.status == "pending" and waiting.last_error == "HTTP 502"
    assert waiting.claimed_by is None and waiting.lease_until is None
    clock.advance(59)
    assert store.claim("w1", lease_seconds=LEASE) is None
    clock.advance(2)
    assert store.claim("w1", lease_seconds=LEASE).attempts == 2


def test_manual_retry_resets_attempts_but_not_while_processing(store, clock):
    _enqueue(store, "d1")
    _enqueue(store, "d2", number=2)
    for delivery_id in ("d1", "d2"):
        claimed = store.claim("w1", lease_seconds=LEASE)
        store.fail(claimed.delivery_id, "w1", "HTTP 404: gone")
    assert store.counts() == {"failed": 2}
    assert store.get("d1").finished_at == clock.now
    assert store.retry("d1") is True
    assert store.get("d1").attempts == 0 and store.get("d1").status == "pending"
    assert store.retry("nope") is False
    store.claim("w1", lease_seconds=LEASE)
    assert store.retry("d1") is False  # a live worker holds it
    assert store.retry_all_failed() == 1
    assert store.counts() == {"processing": 1, "pending": 1}
    clock.advance(LEASE + 1)
    assert store.retry("d1") is True  # its worker died: the operator need not wait


def test_list_is_newest_first_and_filters_by_status(store):
    for i in range(4):
        _enqueue(store, f"d{i}", number=i)
    claimed = store.claim("w", lease_seconds=LEASE)
    store.ignore(claimed.delivery_id, "w", "not handled")
    assert [d.delivery_id for d in store.list()] == ["d3", "d2", "d1", "d0"]
    assert [d.delivery_id for d in store.list(limit=2)] == ["d3", "d2"]
    ignored = store.list(status="ignored")
    assert [d.delivery_id for d in ignored] == ["d0"] and ignored[0].payload is None


def test_concurrent_claimers_each_get_different_deliveries(engine):
    store = DeliveryStore(engine)
    ids = [f"d{i}" for i in range(120)]
    for i, delivery_id in enumerate(ids):
        _enqueue(store, delivery_id, number=i % 15)  # shared PRs exercise the PR lock
    claimed: list[str] = []
    active: set[int] = set()
    overlaps: list[int] = []
    lock = threading.Lock()

    def work(worker: str) -> None:
        idle = 0
        while idle < 50:
            d = store.claim(worker, lease_seconds=LEASE)
            if d is None:
                idle += 1
                threading.Event().wait(0.005)
                continue
            idle = 0
            with lock:
                if d.number in active:
                    overlaps.append(d.number)
                active.add(d.number)
                claimed.append(d.delivery_id)
            threading.Event().wait(0.001)
            with lock:
                active.discard(d.number)
            assert store.complete(d.delivery_id, worker)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(ids)  # every delivery exactly once
    assert overlaps == []
    assert store.counts() == {"done": len(ids)}


def test_purge_removes_old_done_and_ignored_but_keeps_failed(store, clock):
    for i, finish in enumerate(("complete", "ignore", "fail")):
        _enqueue(store, f"d{i}", number=i)
        claimed = store.claim("w", lease_seconds=LEASE)
        getattr(store, finish)(claimed.delivery_id, "w", *([] if finish == "complete" else ["x"]))
    _enqueue(store, "fresh", number=9)
    clock.advance(86400 * 3)
    assert store.purge(older_than_days=4) == 0
    clock.advance(86400 * 2)
    assert store.purge(older_than_days=4) == 2
    assert store.counts() == {"failed": 1, "pending": 1}


class _SkewedDatetime(datetime):
    """``datetime`` whose ``now()`` runs ``skew`` ahead: this process's clock is off."""

    skew = timedelta(0)

    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + cls.skew


def test_replicas_with_skewed_clocks_agree_on_due_times_and_leases(engine, monkeypatch):
    if engine.dialect.name != "postgresql":
        pytest.skip("replicas share a database only on PostgreSQL")
    monkeypatch.setattr(deliveries, "datetime", _SkewedDatetime)
    intake, worker_a, worker_b = (DeliveryStore(engine) for _ in range(3))
    _SkewedDatetime.skew = timedelta(minutes=10)  # the intake's host runs ahead
    _enqueue(intake, "d1")
    _SkewedDatetime.skew = timedelta(0)
    claimed = worker_a.claim("a", lease_seconds=LEASE)
    assert claimed is not None and claimed.delivery_id == "d1"  # due now, not in 10 minutes
    _SkewedDatetime.skew = timedelta(minutes=10)  # a replica running ahead...
    assert worker_b.claim("b", lease_seconds=LEASE) is None  # ...does not take a live claim
    assert worker_b.retry("d1") is False
    _SkewedDatetime.skew = timedelta(0)
    assert worker_a.complete("d1", "a") is True


def test_queue_depth_counts_pending_and_processing_without_reading_finished_rows(store, engine):
    for i, finish in enumerate(("complete", "ignore", "fail", None, None)):
        _enqueue(store, f"d{i}", number=i)
        claimed = store.claim("w", lease_seconds=LEASE)
        if finish is not None:
            getattr(store, finish)(claimed.delivery_id, "w", *([] if finish == "complete" else ["x"]))
    _enqueue(store, "waiting", number=9)
    statements: list = []
    with _recording(engine, statements):
        assert store.queue_depth() == 3  # two processing, one pending
    if engine.dialect.name == "sqlite":  # done rows pile up for the retention period
        [(sql, params)] = [(sql, params) for sql, params in statements if "count" in sql]
        with engine.connect() as conn:
            plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}",
                                                                    params))
        assert "SEARCH" in plan and "ix_deliveries_status" in plan, plan


@contextmanager
def _recording(engine, statements: list):
    def record(_conn, _cursor, sql, params, _context, _many):
        statements.append((sql, params))
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", record)
