"""Warnings about a stored value logged once per process for each distinct value, not on every read.

The clearance kept under an exemption (``overrides.under``) is read on every delivery of its PR;
one that cannot be read (edited by hand, or a later release's) logged the same warning each time,
flooding the log for as long as the row stayed. The first read of each distinct value warns; a
different value (the row edited again) warns again.
"""

from __future__ import annotations

import hashlib
import threading

REMEMBERED = 4096  # distinct values remembered; past that the memory starts afresh (and warns again)


class Once:
    """Which (key, value) pairs were already warned about in this process."""

    def __init__(self, limit: int = REMEMBERED) -> None:
        self._seen: set[tuple] = set()
        self._limit = limit
        self._lock = threading.Lock()

    def first(self, key: tuple, value: str) -> bool:
        """Whether ``value`` under ``key`` is seen for the first time (then it is remembered)."""
        seen = (*key, hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest())
        with self._lock:
            if seen in self._seen:
                return False
            if len(self._seen) >= self._limit:
                self._seen.clear()
            self._seen.add(seen)
            return True

    def forget(self) -> None:
        """Forget every value (tests: each starts as a fresh process would)."""
        with self._lock:
            self._seen.clear()
