"""A worker's claim on a delivery while its handler runs (``bot.app.worker``): kept alive by
``LeaseKeeper``, checked by ``Claim`` before each GitHub or state-store call the handler makes
(``Guarded``)."""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from bot.obs import metrics
from bot.ports import GitHubPort
from bot.store import DeliveryStore

if TYPE_CHECKING:
    from bot.app.context import StateStore

log = logging.getLogger(__name__)


class LeaseKeeper:
    """Renews a claim every third of its lease while the handler runs (a daemon thread), for at
    most ``max_seconds``: a handler still running then is hung (every GitHub call has a timeout
    and bounded retries), so its lease is left to lapse and another worker retries the delivery.
    If the hung handler returns after all, its claim is gone and its result is not recorded."""

    def __init__(self, store: DeliveryStore, delivery_id: str, worker_id: str,
                 lease_seconds: float, max_seconds: float = float("inf")) -> None:
        self._args = (delivery_id, worker_id, lease_seconds)
        self._deadline = time.monotonic() + max_seconds
        self._store, self._done = store, threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True,
                                         name=f"lease-{delivery_id[:12]}")

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._done.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._done.wait(self._args[2] / 3):
            if time.monotonic() >= self._deadline:
                log.error("handler on %s is still running past its time limit: its lease is left to "
                          "expire so another worker retries the delivery", self._args[0])
                metrics.record_hung_handler()
                return
            try:
                if not self._store.renew(*self._args):
                    log.warning("lease on %s lost to another worker", self._args[0])
                    return
            except Exception:  # noqa: BLE001 - a failed renewal is retried next period
                log.warning("could not renew lease on %s", self._args[0], exc_info=True)


class LeaseLost(Exception):
    """Raised by a handler's GitHub port, before the call, when its attempt may no longer hold
    its delivery. Not a ``GitHubError``: no handler takes it for an API failure to work around."""


class Claim:
    """One attempt's hold on its delivery. The lease keeper renews through it (fenced by the
    attempt number), and ``check`` tells, before each GitHub call, whether the run may still act:
    not once ``max_handling_seconds`` have passed (the keeper stops renewing then), nor once the
    lease may have lapsed unrenewed (the database unreachable), nor after another claim won.
    Times are monotonic and taken before each request to the store, so the lease this side
    counts on never outlasts the one the store granted."""

    def __init__(self, store: DeliveryStore, attempt: int, lease_seconds: float,
                 max_handling_seconds: float, asked: float) -> None:
        self._store, self._attempt, self._limit = store, attempt, max_handling_seconds
        self._deadline = asked + max_handling_seconds
        self._held_until = asked + lease_seconds
        self._taken = False
        self.stopped: str | None = None  # why the run was stopped, once it was

    def renew(self, delivery_id: str, worker_id: str, lease_seconds: float) -> bool:
        asked = time.monotonic()
        kept = self._store.renew(delivery_id, worker_id, lease_seconds, attempt=self._attempt)
        if kept:
            self._held_until = max(self._held_until, asked + lease_seconds)
        else:
            self._taken = True
        return kept

    def check(self) -> None:
        """Raise ``LeaseLost`` unless this attempt surely still holds its claim (then for good)."""
        if self.stopped is None:
            now = time.monotonic()
            if self._taken:
                self.stopped = "the claim was taken over by another worker"
            elif now >= self._deadline:
                self.stopped = (f"still running after max_handling_seconds ({self._limit:g} s): "
                                "taken as hung, stopped before its next GitHub call")
            elif now >= self._held_until:
                self.stopped = ("its lease could not be renewed in time: "
                                "stopped before its next GitHub call")
        if self.stopped is not None:
            raise LeaseLost(self.stopped)


class Guarded:
    """The handler's GitHub port (or state store): each call asks ``claim.check()`` first. Otherwise
    transparent (attributes, ``getattr(port, name, None)`` probes and equality are the port's)."""

    def __init__(self, port: GitHubPort | StateStore, claim: Claim) -> None:
        self._port, self._claim = port, claim

    def __getattr__(self, name: str):
        if name in ("_port", "_claim"):  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        value = getattr(self._port, name)
        if not callable(value):
            return value

        def guarded(*args, **kwargs):
            self._claim.check()
            return value(*args, **kwargs)
        return guarded

    def __eq__(self, other: object) -> bool:
        return self._port == (other._port if isinstance(other, Guarded) else other)

    def __hash__(self) -> int:
        return hash(self._port)

    def __repr__(self) -> str:
        return f"Guarded({self._port!r})"
