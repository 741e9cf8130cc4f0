"""The server's worker threads: processing happens off the request path, and a shutdown
lets the delivery in progress finish."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from bot.app.server import create_app
from bot.app.worker import RetryPolicy, Worker, WorkerPool
from bot.store import DeliveryStore, SqlStateStore, init_db

from .conftest import deliver, example

WAIT = 20.0  # generous upper bound for background work on a loaded 2-core machine


def wait_for(condition, timeout: float = WAIT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_deliveries_are_processed_by_worker_threads_not_the_request(settings):
    settings = settings.model_copy(update={"workers": 2, "poll_interval": 0.05})
    seen: list[tuple[str, str, int | None]] = []

    def handler(event, payload, ctx):
        seen.append((threading.current_thread().name, ctx.delivery_id, ctx.installation_id))

    app = create_app(settings, github_factory=lambda installation: object(), handler=handler)
    body = example("pull_request", "opened.payload.json")
    with TestClient(app) as client:
        assert deliver(client, body, "pull_request", "bg-1").status_code == 202
        assert wait_for(lambda: app.state.store.get("bg-1").status == "done")
        assert app.state.pool.running() == 2
    [(thread, delivery_id, installation)] = seen
    assert thread.startswith("sieve-worker-") and delivery_id == "bg-1" and installation == 1
    assert app.state.pool.running() == 0  # stopped with the app


def test_stop_lets_the_delivery_in_progress_finish(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'p.db'}")
    store = DeliveryStore(engine)
    store.enqueue("slow", "pull_request", "{}", action="opened")
    started, finished = threading.Event(), threading.Event()

    def handler(event, payload, ctx):
        started.set()
        time.sleep(0.3)
        finished.set()

    pool = WorkerPool(lambda i: Worker(store, handler, lambda _i: None, SqlStateStore(engine),
                                       worker_id=f"t{i}"), count=1, poll_interval=0.05)
    pool.start()
    assert started.wait(WAIT)
    pool.stop(timeout=WAIT)
    assert finished.is_set() and store.get("slow").status == "done"
    engine.dispose()


def test_workers_only_mode_processes_what_another_process_stored(settings):
    from bot.app.wiring import run_workers
    settings = settings.model_copy(update={"workers": 1, "poll_interval": 0.05})
    engine = init_db(settings.database_url)
    store = DeliveryStore(engine)
    store.enqueue("elsewhere", "pull_request", "{}", action="opened")
    stop = threading.Event()
    runner = threading.Thread(target=run_workers, args=(settings,),
                              kwargs={"github_factory": lambda _i: None, "stop": stop,
                                      "handler": lambda event, payload, ctx: "done"})
    runner.start()
    try:
        assert wait_for(lambda: store.get("elsewhere").status == "done")
    finally:
        stop.set()
        runner.join(WAIT)
    assert not runner.is_alive()
    engine.dispose()


def test_a_long_running_handler_keeps_renewing_its_claim(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'lease.db'}")
    store = DeliveryStore(engine)
    store.enqueue("long", "pull_request", "{}", action="opened")
    leases, stolen = set(), []

    def handler(event, payload, ctx):
        def renewed_twice():
            leases.add(store.get("long").lease_until)
            return len(leases) >= 3
        assert wait_for(renewed_twice)
        stolen.append(store.claim("thief", lease_seconds=1.0))  # right after a renewal

    policy = RetryPolicy(lease_seconds=1.0)
    worker = Worker(store, handler, lambda _i: None, SqlStateStore(engine), policy=policy)
    assert worker.process_one().status == "done"
    assert stolen == [None] and store.get("long").status == "done"
    engine.dispose()


def test_housekeeping_runs_at_start_and_stops_with_the_pool():
    ran = threading.Event()
    pool = WorkerPool(lambda i: None, count=0, housekeeping=ran.set, housekeeping_every=3600)
    pool.start()
    assert ran.wait(WAIT)
    pool.stop(timeout=WAIT)
    assert "sieve-housekeeping" not in [t.name for t in threading.enumerate()]


class RecordingStop(threading.Event):
    """A stop event that remembers how long the worker asked to wait (and waits briefly)."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout=None) -> bool:
        self.waits.append(timeout)
        return super().wait(min(timeout or 0.01, 0.01))


def test_a_worker_survives_database_errors_and_backs_off(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'down.db'}")
    store = DeliveryStore(engine)
    failures = [OSError("database is down")] * 3
    real_claim = store.claim

    def flaky_claim(*args, **kwargs):
        if failures:
            raise failures.pop()
        return real_claim(*args, **kwargs)

    store.claim = flaky_claim
    store.enqueue("after-outage", "pull_request", "{}", action="opened")
    worker = Worker(store, lambda *a: None, lambda _i: None, SqlStateStore(engine))
    stop = RecordingStop()
    thread = threading.Thread(target=worker.run, args=(stop, 1.0))
    thread.start()
    try:
        assert wait_for(lambda: store.get("after-outage").status == "done")
    finally:
        stop.set()
        thread.join(WAIT)
    assert stop.waits[:3] == [2.0, 4.0, 8.0]  # doubling pauses while the database fails
    engine.dispose()


def test_housekeeping_purges_deliveries_and_decisions_each_after_its_retention(settings, tmp_path):
    from datetime import datetime, timedelta, timezone

    from bot.app.context import Decision
    from bot.app.wiring import housekeeping

    engine = init_db(f"sqlite:///{tmp_path / 'h.db'}")
    store, state = DeliveryStore(engine), SqlStateStore(engine)
    long_ago = datetime.now(timezone.utc) - timedelta(days=400)
    for sha in ("a", "b"):
        state.record_decision(Decision("o/r", 1, sha, 60, "medium", "m", long_ago, shadow=False))
    assert housekeeping(settings.model_copy(update={"retention_days": 0, "decision_retention_days": 0}),
                        store, state) is None  # both kept forever: nothing to run
    housekeeping(settings.model_copy(update={"decision_retention_days": 90}), store, state)()
    assert [d.head_sha for d in state.decisions("o/r", 1)] == ["b"]
    engine.dispose()
