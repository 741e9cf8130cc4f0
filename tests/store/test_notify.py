"""Workers in another process are woken when the intake stores a delivery (PostgreSQL)."""

from __future__ import annotations

import threading

from bot.store import DeliveryStore
from bot.store.notify import start_listener


def test_enqueue_wakes_a_listener_on_postgres_and_none_is_needed_on_sqlite(engine, db_url):
    woken, stop = threading.Event(), threading.Event()
    thread = start_listener(engine, woken.set, stop)
    try:
        if engine.dialect.name != "postgresql":
            assert thread is None  # SQLite: workers poll
            return
        assert thread.is_alive()
        intake = DeliveryStore(engine)
        for _ in range(50):  # the LISTEN may not be in place yet: enqueue until it is
            intake.enqueue(f"d-{_}", "pull_request", "{}", action="opened")
            if woken.wait(0.2):
                break
        assert woken.is_set()
        woken.clear()
        assert not intake.enqueue("d-0", "pull_request", "{}")  # a duplicate is not news
        assert not woken.wait(0.5)
    finally:
        stop.set()
        if thread is not None:
            thread.join(5)
