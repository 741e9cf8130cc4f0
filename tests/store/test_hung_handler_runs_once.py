"""A handler past ``max_handling_seconds`` is hung: its lease lapses and another worker runs the
delivery again. The hung run must not go on writing to GitHub or to the state store beside the
new one, nor record its outcome over the new claim. Real time (the lease keeper runs on the monotonic clock) and
real databases: SQLite, and PostgreSQL when ``SIEVE_TEST_POSTGRES_URL`` is set."""

from __future__ import annotations

import json
import threading
import time
from itertools import count

import pytest

from bot.app.worker import RetryPolicy, Worker
from bot.store import DeliveryStore, SqlStateStore

PAYLOAD = {"action": "opened", "installation": {"id": 7}, "repository": {"full_name": "o/r"},
           "pull_request": {"number": 1}}


class Writes:
    """A GitHub port stand-in that keeps every comment written, in order, across runs."""

    def __init__(self) -> None:
        self.bodies: list[str] = []
        self._lock = threading.Lock()

    def create_comment(self, repo: str, number: int, body: str) -> None:
        with self._lock:
            self.bodies.append(body)


@pytest.fixture
def live(engine) -> DeliveryStore:
    """A store on the real clock (the database's on PostgreSQL), holding one delivery."""
    store = DeliveryStore(engine)
    store.enqueue("d1", "pull_request", json.dumps(PAYLOAD), action="opened", installation_id=7,
                  repo="o/r", number=1)
    return store


def _worker(store, engine, handler, github, worker_id, policy) -> Worker:
    return Worker(store, handler, lambda _i: github, SqlStateStore(engine), policy=policy,
                  worker_id=worker_id)


def _until(condition, seconds: float = 30.0, step: float = 0.02):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out")


def test_a_hung_run_writes_nothing_more_once_its_delivery_was_taken_over(live, engine):
    policy = RetryPolicy(lease_seconds=0.5, max_handling_seconds=1.0)
    github, runs = Writes(), count(1)
    hung, release = threading.Event(), threading.Event()

    def handler(_event, _payload, ctx):
        run = next(runs)
        ctx.github.create_comment("o/r", 1, f"run {run}: first write")
        if run == 1:
            hung.set()
            release.wait(30)  # stuck (a call that never answers) past its time limit and its lease
        ctx.github.create_comment("o/r", 1, f"run {run}: second write")
        return f"run {run} done"

    first: list = []
    stuck = threading.Thread(target=lambda: first.append(
        _worker(live, engine, handler, github, "w1", policy).process_one()))
    stuck.start()
    assert hung.wait(30)
    other = _worker(live, engine, handler, github, "w2",
                    RetryPolicy(lease_seconds=5, max_handling_seconds=30))  # it never hangs
    second = _until(other.process_one)  # taken over once the hung run's lease lapsed
    release.set()  # the hung call answers after all
    stuck.join(30)

    assert (second.status, second.kept, second.attempts) == ("done", True, 2)
    assert github.bodies == ["run 1: first write", "run 2: first write", "run 2: second write"]
    [late] = first
    assert late.kept is False  # its outcome was not recorded over the second run's
    row = live.get("d1")
    assert (row.status, row.result, row.attempts) == ("done", "run 2 done", 2)


def test_a_run_stopped_past_its_time_limit_gives_its_delivery_back_at_once(live, engine):
    policy = RetryPolicy(lease_seconds=5.0, max_handling_seconds=1.0, backoff_base=0.01)
    github = Writes()

    def handler(_event, _payload, ctx):
        ctx.github.create_comment("o/r", 1, "within the limit")
        time.sleep(1.5)  # slow past the limit, but not stuck: it makes its next call
        ctx.github.create_comment("o/r", 1, "past the limit")
        return "done"

    outcome = _worker(live, engine, handler, github, "w1", policy).process_one()
    assert github.bodies == ["within the limit"]  # stopped before its write past the limit
    assert (outcome.status, outcome.kept) == ("retry", True)
    assert "max_handling_seconds" in outcome.error
    row = live.get("d1")
    assert (row.status, row.claimed_by, row.attempts) == ("pending", None, 1)  # not left to lapse
    assert "max_handling_seconds" in row.last_error


def test_a_run_past_its_time_limit_records_no_override(live, engine):
    """A maintainer's ``/sieve ok`` handled by a run that then hangs must not land after a later
    run recorded the maintainer's newer decision: the state store is guarded like GitHub."""
    from datetime import datetime, timezone

    from bot.app.context import Override

    policy = RetryPolicy(lease_seconds=5.0, max_handling_seconds=1.0, backoff_base=0.01)
    state = SqlStateStore(engine)

    def handler(_event, _payload, ctx):
        ctx.state.get_override("o/r", 1)  # reads within the limit are the store's
        time.sleep(1.5)
        ctx.state.record_override(Override("o/r", 1, "ok", "maintainer", datetime.now(timezone.utc)))
        return "done"

    outcome = _worker(live, engine, handler, Writes(), "w1", policy).process_one()
    assert state.get_override("o/r", 1) is None
    assert outcome.status == "retry" and "max_handling_seconds" in outcome.error


def test_a_run_whose_lease_cannot_be_renewed_stops_before_its_next_write(live, engine, monkeypatch):
    policy = RetryPolicy(lease_seconds=1.0, max_handling_seconds=60, backoff_base=0.01)
    github = Writes()

    def unreachable(*_args, **_kw):
        raise OSError("database unreachable")

    monkeypatch.setattr(live, "renew", unreachable)

    def handler(_event, _payload, ctx):
        ctx.github.create_comment("o/r", 1, "while the lease holds")
        time.sleep(1.5)  # past the lease: unrenewed, it may have lapsed and been taken over
        ctx.github.create_comment("o/r", 1, "after it may have lapsed")
        return "done"

    outcome = _worker(live, engine, handler, github, "w1", policy).process_one()
    assert github.bodies == ["while the lease holds"]
    assert outcome.status == "retry" and "lease" in outcome.error


def test_a_slow_handler_within_its_time_limit_runs_once_and_is_done(live, engine):
    policy = RetryPolicy(lease_seconds=1.2, max_handling_seconds=30)
    github = Writes()

    def handler(_event, _payload, ctx):
        for step in range(3):
            ctx.github.create_comment("o/r", 1, f"write {step}")
            time.sleep(0.7)  # 2.1 s in all: longer than the lease, kept by renewals
        return "slow but fine"

    outcome = _worker(live, engine, handler, github, "w1", policy).process_one()
    assert (outcome.status, outcome.kept, outcome.result) == ("done", True, "slow but fine")
    assert github.bodies == ["write 0", "write 1", "write 2"]
    row = live.get("d1")
    assert (row.status, row.attempts) == ("done", 1)


def test_an_outcome_is_recorded_only_by_the_attempt_that_holds_the_claim(store, clock):
    """The fencing token: a worker id alone does not tell two attempts apart (a restarted worker
    given the same id), the attempt number does."""
    store.enqueue("d1", "pull_request", "{}", repo="o/r", number=1)
    stale = store.claim("w", lease_seconds=30)
    clock.advance(31)  # its lease lapsed...
    fresh = store.claim("w", lease_seconds=30)  # ...and the same worker id claimed it again
    assert (stale.attempts, fresh.attempts) == (1, 2)
    assert store.renew("d1", "w", 30, attempt=stale.attempts) is False
    assert store.complete("d1", "w", "stale", attempt=stale.attempts) is False
    assert store.retry_later("d1", "w", "stale", 0, attempt=stale.attempts) is False
    assert store.fail("d1", "w", "stale", attempt=stale.attempts) is False
    assert store.ignore("d1", "w", "stale", attempt=stale.attempts) is False
    assert store.get("d1").status == "processing"
    assert store.renew("d1", "w", 30, attempt=fresh.attempts) is True
    assert store.complete("d1", "w", "fresh", attempt=fresh.attempts) is True
    assert (store.get("d1").status, store.get("d1").result) == ("done", "fresh")
