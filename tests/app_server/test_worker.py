"""Worker: outcome of each attempt, retries with backoff, final failure, manual retry, leases."""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta

import pytest

from bot.app.lease import LeaseKeeper
from bot.app.worker import RetryPolicy, Worker
from bot.obs import metrics
from bot.ports import GitHubError
from bot.store import DeliveryStore, SqlStateStore, init_db

POLICY = RetryPolicy(max_attempts=3, backoff_base=10, backoff_cap=60, lease_seconds=30)
PAYLOAD = {"action": "opened", "installation": {"id": 42},
           "repository": {"full_name": "octo/repo"}, "pull_request": {"number": 9}}


class Recorder:
    """A fake dispatch: records its calls and raises the queued exceptions in turn."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls: list = []

    def __call__(self, event, payload, ctx) -> None:
        self.calls.append((event, payload, ctx))
        if self.errors:
            raise self.errors.pop(0)


@pytest.fixture
def engine(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'w.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine, clock) -> DeliveryStore:
    store = DeliveryStore(engine, clock=clock)
    store.enqueue("d1", "pull_request", json.dumps(PAYLOAD), action="opened",
                  installation_id=42, repo="octo/repo", number=9)
    return store


def make_worker(store, engine, handler, **kw) -> Worker:
    factories: list = []

    def github_factory(installation_id):
        factories.append(installation_id)
        return f"github-for-{installation_id}"

    worker = Worker(store, handler, github_factory, SqlStateStore(engine), policy=POLICY,
                    worker_id="w1", **kw)
    worker.factories = factories
    return worker


def test_success_passes_a_full_context_and_marks_done(store, engine):
    handler = Recorder()
    worker = make_worker(store, engine, handler, shadow=True)
    outcome = worker.process_one()
    assert outcome.status == "done" and outcome.kept
    [(event, payload, ctx)] = handler.calls
    assert (event, payload) == ("pull_request", PAYLOAD)
    assert (ctx.delivery_id, ctx.installation_id, ctx.shadow) == ("d1", 42, True)
    assert ctx.github == "github-for-42" and worker.factories == [42]
    assert ctx.state == worker.state and isinstance(worker.state, SqlStateStore)  # guarded by the claim
    assert ctx.now().tzinfo is not None  # compares with the stored (aware UTC) override times
    assert store.get("d1").status == "done"
    assert worker.process_one() is None


def test_retryable_error_goes_back_to_pending_with_backoff(store, engine, clock):
    worker = make_worker(store, engine, Recorder(GitHubError("bad gateway", status=502,
                                                             retryable=True)))
    outcome = worker.process_one()
    assert outcome.status == "retry"
    waiting = store.get("d1")
    assert waiting.status == "pending" and waiting.attempts == 1
    assert "502" in waiting.last_error and "bad gateway" in waiting.last_error
    delay = waiting.next_attempt_at - clock.now
    assert timedelta(seconds=5) <= delay <= timedelta(seconds=10)  # base 10 s, jitter 50-100 %
    assert worker.process_one() is None  # not due yet


def test_retry_after_from_github_is_honoured(store, engine, clock):
    limited = GitHubError("secondary rate limit", status=403, retryable=True, retry_after=120)
    make_worker(store, engine, Recorder(limited)).process_one()
    assert store.get("d1").next_attempt_at - clock.now >= timedelta(seconds=120)


def test_rate_limited_attempts_wait_for_the_reset_instead_of_failing_the_delivery(store, engine, clock):
    limited = [GitHubError("API rate limit exceeded", status=403, retryable=True, retry_after=3600)
               for _ in range(5)]
    policy = RetryPolicy(max_attempts=3, max_rate_limited_attempts=5, backoff_base=10, backoff_cap=60,
                         lease_seconds=30)
    worker = Worker(store, Recorder(*limited, RuntimeError("boom")), lambda _i: None, SqlStateStore(engine),
                    policy=policy, worker_id="w1")
    statuses = []
    for _ in range(5):
        statuses.append(worker.process_one().status)
        clock.advance(3600)
    assert statuses == ["retry"] * 4 + ["failed"]  # past max_attempts, until max_rate_limited_attempts
    assert "gave up after 5 attempts" in store.get("d1").last_error


def test_a_worker_killed_while_waiting_out_rate_limits_does_not_lose_the_delivery(store, engine, clock):
    limited = GitHubError("API rate limit exceeded", status=403, retryable=True, retry_after=60)
    worker = make_worker(store, engine, Recorder(*[limited] * 3))  # POLICY: max_attempts 3, rate-limited 48
    for _ in range(3):
        assert worker.process_one().status == "retry"
        clock.advance(60)
    lost = store.claim("killed", lease_seconds=POLICY.lease_seconds)  # this process dies mid-attempt
    assert lost.attempts == 4
    clock.advance(POLICY.lease_seconds + 1)
    taken = store.claim("w2", lease_seconds=POLICY.lease_seconds, max_attempts=POLICY.max_attempts,
                        max_rate_limited_attempts=POLICY.max_rate_limited_attempts)
    assert taken is not None and taken.attempts == 5 and store.get("d1").status == "processing"


def test_a_worker_killed_after_an_incident_and_one_ordinary_error_leaves_the_ordinary_budget(store, engine, clock):
    limited = GitHubError("API rate limit exceeded", status=403, retryable=True, retry_after=60)
    worker = make_worker(store, engine, Recorder(*[limited] * 4, RuntimeError("a bug")))  # max_attempts 3
    for _ in range(5):
        assert worker.process_one().status == "retry"
        clock.advance(60)
    lost = store.claim("killed", lease_seconds=POLICY.lease_seconds)  # the 6th attempt dies with its process
    assert (lost.attempts, lost.github_side_attempts) == (6, 4)
    clock.advance(POLICY.lease_seconds + 1)
    taken = store.claim("w2", lease_seconds=POLICY.lease_seconds, max_attempts=POLICY.max_attempts,
                        max_rate_limited_attempts=POLICY.max_rate_limited_attempts)
    assert taken is not None and taken.attempts == 7  # two ordinary attempts of three spent, not failed


def test_ordinary_failures_after_rate_limits_fail_at_max_ordinary_attempts(store, engine, clock):
    limited = GitHubError("API rate limit exceeded", status=403, retryable=True, retry_after=60)
    handler = Recorder(limited, limited, RuntimeError("a bug"), RuntimeError("a bug"), RuntimeError("a bug"))
    worker = make_worker(store, engine, handler)  # POLICY: max_attempts 3, rate-limited budget 48
    statuses = []
    for _ in range(5):
        statuses.append(worker.process_one().status)
        clock.advance(POLICY.backoff_cap)
    assert statuses == ["retry"] * 4 + ["failed"]  # the third ordinary failure, at the fifth attempt
    assert "gave up after 5 attempts" in store.get("d1").last_error


def test_an_ordinary_error_after_a_long_incident_is_retried_not_final(store, engine, clock):
    """After ten attempts spent riding out GitHub's 502s (within the larger budget), the first
    ordinary error (a database blip) failed the delivery at once: the ordinary budget was
    compared with every attempt made, the incident's included (review)."""
    outage = [GitHubError("bad gateway", status=502, retryable=True)] * 10
    handler = Recorder(*outage, RuntimeError("database is locked"))
    worker = make_worker(store, engine, handler)
    statuses = []
    while (outcome := worker.process_one()) is not None:
        statuses.append(outcome.status)
        clock.advance(POLICY.backoff_cap)
    assert statuses == ["retry"] * 11 + ["done"]
    assert store.get("d1").status == "done"


def test_github_server_errors_and_timeouts_are_ridden_out_like_rate_limits(store, engine, clock):
    """Eight attempts (about three minutes of backoff) failed a delivery for good during an
    ordinary GitHub incident, and nothing ran it again (review)."""
    outage = [GitHubError("bad gateway", status=502, retryable=True),
              GitHubError("read timed out", retryable=True)] * 3
    policy = RetryPolicy(max_attempts=3, max_rate_limited_attempts=6, backoff_base=10, backoff_cap=60,
                         lease_seconds=30)
    worker = Worker(store, Recorder(*outage), lambda _i: None, SqlStateStore(engine), policy=policy, worker_id="w1")
    statuses = []
    for _ in range(6):
        statuses.append(worker.process_one().status)
        clock.advance(60)
    assert statuses == ["retry"] * 5 + ["failed"]  # past max_attempts (3), until the larger budget (6)
    assert "gave up after 6 attempts" in store.get("d1").last_error


def test_non_retryable_error_fails_at_once(store, engine):
    handler = Recorder(GitHubError("Not Found", status=404, retryable=False))
    worker = make_worker(store, engine, handler)
    assert worker.process_one().status == "failed"
    failed = store.get("d1")
    assert failed.status == "failed" and failed.attempts == 1 and "404" in failed.last_error
    assert len(handler.calls) == 1 and worker.process_one() is None


def test_repeated_crashes_fail_after_max_attempts_then_a_manual_retry_succeeds(store, engine,
                                                                                clock):
    handler = Recorder(*(RuntimeError(f"boom {i}") for i in range(POLICY.max_attempts)))
    worker = make_worker(store, engine, handler)
    statuses = []
    for _ in range(POLICY.max_attempts):
        statuses.append(worker.process_one().status)
        clock.advance(POLICY.backoff_cap)
    assert statuses == ["retry", "retry", "failed"]
    failed = store.get("d1")
    assert failed.status == "failed" and failed.attempts == POLICY.max_attempts
    assert "gave up after 3 attempts" in failed.last_error and "boom 2" in failed.last_error
    assert worker.process_one() is None

    assert store.retry("d1") is True
    assert store.get("d1").attempts == 0
    assert worker.process_one().status == "done"  # the handler no longer raises
    assert store.get("d1").status == "done" and len(handler.calls) == 4


def test_an_event_no_longer_handled_is_marked_ignored(store, engine):
    handler = Recorder()
    worker = make_worker(store, engine, handler, accepts=lambda event, action: False)
    assert worker.process_one().status == "ignored"
    assert store.get("d1").status == "ignored" and handler.calls == []


def test_a_late_result_after_losing_the_lease_is_not_recorded(store, engine, clock):
    def slow_handler(event, payload, ctx):
        clock.advance(POLICY.lease_seconds + 1)  # hung past the lease...
        taken = store.claim("w2", lease_seconds=30)  # ...so another worker takes over
        assert taken.delivery_id == "d1"

    outcome = make_worker(store, engine, slow_handler).process_one()
    assert outcome.status == "done" and outcome.kept is False
    current = store.get("d1")
    assert current.status == "processing" and current.claimed_by == "w2"


@pytest.mark.parametrize("attempts,rng,expected", [
    (1, 0.0, 5.0), (1, 1.0, 10.0), (2, 1.0, 20.0), (3, 0.5, 30.0), (10, 1.0, 60.0)])
def test_backoff_doubles_with_jitter_up_to_the_cap(attempts, rng, expected):
    assert POLICY.delay(attempts, rng=lambda: rng) == pytest.approx(expected)


def test_backoff_never_shorter_than_retry_after():
    assert POLICY.delay(1, retry_after=300, rng=lambda: 1.0) == 300
    assert POLICY.delay(3, retry_after=1, rng=lambda: 1.0) == 40


def test_the_handlers_outcome_is_kept_and_an_ignored_outcome_marks_ignored(store, engine):
    store.enqueue("d2", "pull_request", "{}", action="closed", installation_id=42)
    outcomes = iter(["scored 85 (high); 3 action(s)", "ignored: no handler for x.y"])
    worker = make_worker(store, engine, lambda event, payload, ctx: next(outcomes))
    assert worker.process_one().result == "scored 85 (high); 3 action(s)"
    assert worker.process_one().status == "ignored"
    assert store.get("d1").result == "scored 85 (high); 3 action(s)"
    assert (store.get("d2").status, store.get("d2").result) == \
        ("ignored", "ignored: no handler for x.y")


def test_errors_are_stored_without_credentials(store, engine):
    leaky = RuntimeError("request failed: Authorization: token ghs_abcdefghijklmnopqrstuvwxyz0123")
    make_worker(store, engine, Recorder(leaky)).process_one()
    error = store.get("d1").last_error
    assert "RuntimeError" in error and "ghs_abcdefghijklmnopqrstuvwxyz0123" not in error


def test_a_delivery_whose_worker_died_on_the_last_attempt_counts_as_a_final_failure(
        store, engine, clock, caplog):
    for _ in range(POLICY.max_attempts):  # e.g. a payload that gets its worker OOM-killed
        assert store.claim("doomed", lease_seconds=POLICY.lease_seconds,
                           max_attempts=POLICY.max_attempts) is not None
        clock.advance(POLICY.lease_seconds + 1)
    final = {"event": "pull_request", "final": "true"}
    before = metrics.REGISTRY.get_sample_value("sieve_deliveries_failed_total", final) or 0.0
    with caplog.at_level(logging.ERROR, logger="bot.app.worker"):
        assert make_worker(store, engine, Recorder()).process_one() is None
    assert store.get("d1").status == "failed"
    after = metrics.REGISTRY.get_sample_value("sieve_deliveries_failed_total", final)
    assert after == before + 1  # the documented alert sees it
    assert any("d1" in record.getMessage() for record in caplog.records)


class _RenewLog:
    """A store stand-in that records when the lease keeper renews."""

    def __init__(self):
        self.at: list[float] = []

    def renew(self, *_args) -> bool:
        self.at.append(time.monotonic())
        return True


def _wait_until(condition, seconds: float = 10.0) -> None:
    """Poll ``condition`` (the keeper thread may be scheduled late on a busy machine)."""
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)


def test_a_hung_handler_stops_renewing_its_lease_after_the_time_limit(caplog):
    store, before = _RenewLog(), metrics.HUNG_HANDLERS._value.get()
    start = time.monotonic()
    with LeaseKeeper(store, "d-hung", "w1", lease_seconds=0.06, max_seconds=0.2):
        _wait_until(lambda: metrics.HUNG_HANDLERS._value.get() > before)  # the handler keeps running: hung
        time.sleep(0.1)  # a keeper that went on renewing would do so now
    assert metrics.HUNG_HANDLERS._value.get() == before + 1
    assert all(t - start < 0.2 for t in store.at)  # never renewed past the limit: the lease lapses
    assert "still running past its time limit" in caplog.text


def test_a_handler_within_the_time_limit_keeps_renewing():
    store = _RenewLog()
    with LeaseKeeper(store, "d-ok", "w1", lease_seconds=0.06, max_seconds=60):
        _wait_until(lambda: len(store.at) >= 3)
    assert len(store.at) >= 3
