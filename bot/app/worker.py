"""Workers: claim stored deliveries, run the handler, record the outcome with retries.

Retryable failures (``GitHubError.retryable`` or any unexpected exception) go back to pending
with exponential backoff and jitter (a ``retry_after`` from GitHub is honoured); after
``max_attempts`` ordinary ones the delivery is failed. An attempt that hit a rate limit (a
``retry_after``) or GitHub's own trouble (a 5xx, a timeout, a lost connection) is not the
delivery's fault: it waits (for the reset, or with backoff up to ``backoff_cap``) and fails only
after ``max_rate_limited_attempts``, so an ordinary GitHub incident of a few hours loses no
event (``bot.app.attempts``). A non-retryable ``GitHubError`` fails at once.
While a handler runs its lease is renewed, so only a dead or hung worker loses its claim (a
handler running past ``RetryPolicy.max_handling_seconds`` counts as hung).

A hung run must not work beside the run that takes its delivery over (two sticky comments, an
older band written last). So each attempt is fenced: the store records its outcome only for the
attempt that holds the claim (its attempt number is the token), and the handler's GitHub port
and state store are guarded (``bot.app.lease.Claim``): from ``max_handling_seconds`` on, or once
the lease may have lapsed unrenewed, every call raises ``LeaseLost`` before it is made (a hung run
that wakes up cannot record an older override over the newer one a later run recorded). A run
stopped that way has no call in flight, so it gives its delivery back for a retry at once, if it
still holds it. What no guard can recall is a call already under way when the run was cut off;
the apply step's writes are idempotent (``bot.app.apply``), so such a late write is at worst
undone by the next run.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from bot.app.attempts import Attempt, Outcome, RetryPolicy, describe_error, github_side, spent
from bot.app.context import HandlerContext, StateStore
from bot.app.lease import Claim, Guarded, LeaseKeeper, LeaseLost
from bot.obs import metrics
from bot.obs.logging import delivery_context, redact
from bot.ports import GitHubError, GitHubPort
from bot.store import Delivery, DeliveryStore
from bot.store.deliveries import LOST_LEASE as _LOST_LEASE

log = logging.getLogger(__name__)

# A handler may return a one-line outcome; one starting with "ignored" marks the delivery ignored.
Handler = Callable[[str, dict, HandlerContext], "str | None"]
GitHubFactory = Callable[[int | None], GitHubPort]
Accepts = Callable[[str, str | None], bool]  # (event, action) -> handled?


class Workers(Protocol):
    """What the server needs of its workers: ``WorkerPool`` threads or a ``WorkerProcess``."""

    def start(self) -> None: ...

    def wake(self) -> None: ...

    def stop(self, timeout: float = 15.0) -> None: ...

    def running(self) -> int: ...


_MAX_IDLE = 30.0  # longest pause between claims while the database keeps failing


def new_worker_id(index: int = 0) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{index}:{uuid.uuid4().hex[:8]}"


class Worker:
    def __init__(self, store: DeliveryStore, handler: Handler, github_factory: GitHubFactory,
                 state: StateStore, *, policy: RetryPolicy = RetryPolicy(), shadow: bool = False,
                 accepts: Accepts | None = None,
                 worker_id: str | None = None, help_url: str | None = None) -> None:
        self.store, self.handler, self.github_factory = store, handler, github_factory
        self.state, self.policy, self.shadow, self.accepts = state, policy, shadow, accepts
        self.worker_id = worker_id or new_worker_id()
        self.help_url = help_url  # the App's /help page, linked from the comment and the check

    def process_one(self) -> Outcome | None:
        """Claim and handle one due delivery; None when nothing is due."""
        asked = time.monotonic()  # before the claim: the lease cannot end sooner than this + lease
        delivery = self.store.claim(self.worker_id, lease_seconds=self.policy.lease_seconds,
                                    max_attempts=self.policy.max_attempts,
                                    max_rate_limited_attempts=self.policy.max_rate_limited_attempts,
                                    on_abandoned=_abandoned)
        if delivery is None:
            return None
        with delivery_context(delivery.delivery_id, gh_event=delivery.event,
                              action=delivery.action, attempt=delivery.attempts):
            started = time.monotonic()
            claim = Claim(self.store, delivery.attempts, self.policy.lease_seconds,
                          self.policy.max_handling_seconds, asked)
            with LeaseKeeper(claim, delivery.delivery_id, self.worker_id,
                             self.policy.lease_seconds, self.policy.max_handling_seconds):
                attempt = self._attempt(delivery, claim)
            outcome = self._record(delivery, attempt, time.monotonic() - started)
        _observe(outcome)
        return outcome

    def run(self, stop: threading.Event, poll_interval: float = 1.0,
            wake: threading.Event | None = None) -> None:
        """Process deliveries until ``stop`` is set; idle waits end early when ``wake`` is set."""
        failures = 0
        while not stop.is_set():
            try:
                outcome = self.process_one()
                failures = 0
            except Exception:  # database down or similar: keep the worker alive, back off
                failures += 1
                log.exception("worker %s could not claim or record a delivery", self.worker_id)
                stop.wait(min(_MAX_IDLE, poll_interval * 2 ** failures))
                continue
            if outcome is None:
                _idle(stop, wake, poll_interval)

    def _attempt(self, delivery: Delivery, claim: Claim) -> Attempt:
        if self.accepts is not None and not self.accepts(delivery.event, delivery.action):
            return Attempt("ignored", f"{delivery.event}.{delivery.action} is not handled")
        attempt = self._handle(delivery, claim)
        if claim.stopped is not None:  # whatever the handler made of LeaseLost: its work is unfinished
            return Attempt("retry", f"LeaseLost: {claim.stopped}")
        return attempt

    def _handle(self, delivery: Delivery, claim: Claim) -> Attempt:
        try:
            github = Guarded(self.github_factory(delivery.installation_id), claim)
            ctx = HandlerContext(github=github,
                                 state=Guarded(self.state, claim), delivery_id=delivery.delivery_id,
                                 installation_id=delivery.installation_id, shadow=self.shadow,
                                 now=_utc_now, help_url=self.help_url, received_at=_aware(delivery.received_at),
                                 attempt=delivery.attempts)
            result = self.handler(delivery.event, delivery.payload_dict(), ctx)
        except LeaseLost:
            return Attempt("retry")  # _attempt words it
        except GitHubError as err:
            return Attempt("retry" if err.retryable else "failed",
                            f"GitHubError {describe_error(err)}", err.retry_after, github_side=github_side(err))
        except Exception as err:  # noqa: BLE001 - any bug is retried, then failed, not lost
            log.exception("handler raised on %s.%s", delivery.event, delivery.action)
            return Attempt("retry", redact(f"{type(err).__name__}: {err}"))
        result = result if isinstance(result, str) else None
        if result is not None and result.startswith("ignored"):
            return Attempt("ignored", result)
        return Attempt("done", result=result)

    def _budget(self, attempt: Attempt) -> int:
        """Attempts allowed before failing: more when this one only hit a rate limit or GitHub's
        own trouble."""
        if not attempt.github_side:
            return self.policy.max_attempts
        return max(self.policy.max_attempts, self.policy.max_rate_limited_attempts)

    def _record(self, d: Delivery, attempt: Attempt, seconds: float) -> Outcome:
        status, error = attempt.status, attempt.error
        if status == "retry" and spent(d, attempt) >= self._budget(attempt):
            status, error = "failed", f"gave up after {d.attempts} attempts: {error}"
        held = dict(attempt=d.attempts)  # the fencing token: only this attempt's claim is recorded
        if status == "done":
            kept = self.store.complete(d.delivery_id, self.worker_id, attempt.result, **held)
        elif status == "ignored":
            kept = self.store.ignore(d.delivery_id, self.worker_id, error or "", **held)
        elif status == "failed":
            kept = self.store.fail(d.delivery_id, self.worker_id, error or "", **held)
            log.error("delivery failed after %d attempt(s): %s", d.attempts, error)
        else:
            delay = self.policy.delay(d.attempts, attempt.retry_after)
            kept = self.store.retry_later(d.delivery_id, self.worker_id, error or "", delay,
                                          rate_limited=attempt.github_side, **held)
            log.warning("attempt %d failed, retrying in %.1fs: %s", d.attempts, delay, error)
        if not kept:
            log.warning("claim on the delivery was lost before its outcome was recorded")
        return Outcome(d.delivery_id, d.event, status, d.attempts, error, seconds, kept,
                       attempt.result)


def _utc_now() -> datetime:
    """Aware UTC, the form the state store gives back (a naive local time would not compare)."""
    return datetime.now(UTC)


def _aware(at: datetime | None) -> datetime | None:
    """The delivery store's naive UTC times (``bot.store.deliveries.utcnow``) as aware UTC."""
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def _idle(stop: threading.Event, wake: threading.Event | None, seconds: float) -> None:
    if wake is None:
        stop.wait(seconds)
        return
    if wake.wait(seconds):
        wake.clear()


def _abandoned(failed: list[tuple[str, str]]) -> None:
    """Deliveries the store failed because their worker died on the last attempt (a payload
    that kills its worker each time): logged and counted like any final failure."""
    for delivery_id, event in failed:
        log.error("delivery %s (%s) failed: %s", delivery_id, event, _LOST_LEASE)
        metrics.record_failed(event, final=True)


def _observe(outcome: Outcome) -> None:
    metrics.observe_processing(outcome.seconds)
    if outcome.status in ("done", "ignored"):
        metrics.record_processed(outcome.event)
    else:
        metrics.record_failed(outcome.event, final=outcome.status == "failed")


class WorkerPool:
    """``count`` worker threads sharing one store; ``stop()`` lets each finish its delivery.
    ``housekeeping`` (e.g. purging old deliveries) runs in one more thread at start and then
    every ``housekeeping_every`` seconds."""

    def __init__(self, make_worker: Callable[[int], Worker], count: int,
                 poll_interval: float = 1.0, *, housekeeping: Callable[[], object] | None = None,
                 housekeeping_every: float = 3600.0,
                 listen: Callable[[Callable[[], None], threading.Event], object] | None = None) -> None:
        self._make_worker, self.count, self.poll_interval = make_worker, count, poll_interval
        self._listen = listen  # starts a wake-up source for work stored by other processes
        self._housekeeping, self._every = housekeeping, housekeeping_every
        self._stop, self._wake = threading.Event(), threading.Event()
        self._threads: list[threading.Thread] = []
        self._janitor: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._threads = [self._spawn(self._make_worker(i).run, f"sieve-worker-{i}",
                                     self._stop, self.poll_interval, self._wake)
                         for i in range(self.count)]
        if self._housekeeping is not None:
            self._janitor = self._spawn(self._housekeep, "sieve-housekeeping")
        if self._listen is not None:
            self._listen(self.wake, self._stop)
        log.info("started %d worker thread(s)", self.count)

    @staticmethod
    def _spawn(target, name: str, *args) -> threading.Thread:
        thread = threading.Thread(target=target, name=name, args=args, daemon=True)
        thread.start()
        return thread

    def _housekeep(self) -> None:
        while not self._stop.is_set():
            try:
                self._housekeeping()
            except Exception:  # noqa: BLE001 - retried at the next period
                log.warning("housekeeping failed", exc_info=True)
            self._stop.wait(self._every)

    def running(self) -> int:
        """How many worker threads are alive."""
        return sum(thread.is_alive() for thread in self._threads)

    def wake(self) -> None:
        """Tell idle workers new work was stored (they would find it at the next poll anyway)."""
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop claiming; wait up to ``timeout`` s for deliveries in progress to finish."""
        self._stop.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads + ([self._janitor] if self._janitor else []):
            thread.join(max(0.0, deadline - time.monotonic()))
        alive = [t.name for t in self._threads if t.is_alive()]
        if alive:
            log.warning("workers still busy at shutdown (their leases will expire): %s", alive)


__all__ = ["Outcome", "RetryPolicy", "Worker", "WorkerPool", "Workers", "describe_error", "new_worker_id"]
