"""Keeping a worker's claim on a delivery alive while its handler runs (``bot.app.worker``)."""

from __future__ import annotations

import logging
import threading
import time

from bot.obs import metrics
from bot.store import DeliveryStore

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
