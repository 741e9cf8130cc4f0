"""A replica SIGKILLed while its handler runs: its lease (kept alive by renewals until the kill)
lapses, and the other replica handles the delivery once, as a second attempt; the dead one's
claim never blocks the PR's later deliveries for longer than the lease. Real processes."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from bot.app.worker import RetryPolicy, Worker
from bot.store import DeliveryStore, SqlStateStore, init_db

from ._mp_replica import hold_until_killed

LEASE = 1.5


def test_a_replica_killed_holding_a_lease_loses_nothing(db_url, tmp_path):
    engine = init_db(db_url)
    store = DeliveryStore(engine)  # the database's clock on PostgreSQL, as in production
    store.enqueue("first", "pull_request", "{}", repo="o/r", number=1)
    store.enqueue("second", "pull_request", "{}", repo="o/r", number=1)
    marker = tmp_path / "holding"
    child = multiprocessing.get_context("spawn").Process(
        target=hold_until_killed, args=(db_url, str(marker), LEASE))
    child.start()
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.is_alive() and time.monotonic() < deadline
        time.sleep(0.02)
    assert marker.read_text() == "first"
    time.sleep(LEASE * 1.5)  # renewals keep the live replica's claim past its first lease
    handled: list[str] = []
    survivor = Worker(store, lambda _e, _p, ctx: handled.append(ctx.delivery_id), lambda _i: None,
                      SqlStateStore(engine), policy=RetryPolicy(lease_seconds=30), worker_id="survivor")
    assert survivor.process_one() is None, "a live replica's renewed claim was taken over"
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    deadline = time.monotonic() + LEASE * 4 + 10
    while len(handled) < 2 and time.monotonic() < deadline:
        if survivor.process_one() is None:
            time.sleep(0.1)
    assert handled == ["first", "second"]  # once each, in order: the PR's queue was not reordered
    first = store.get("first")
    assert (first.status, first.attempts, first.claimed_by) == ("done", 2, None)
    assert store.get("second").status == "done"
    engine.dispose()
