"""Fault injection for the fake GitHub: error statuses, rate limits, resets and slow replies."""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from bot.fakegithub.shapes import error

SECONDARY_MESSAGE = ("You have exceeded a secondary rate limit. Please wait a few minutes before "
                     "you try again. If you reach out to GitHub Support for help, please include "
                     "the request ID.")
PRIMARY_MESSAGE = "API rate limit exceeded for installation ID {installation}."

_DEFAULT_MESSAGES = {
    403: "Forbidden", 404: "Not Found", 422: "Validation Failed", 429: SECONDARY_MESSAGE,
    500: "Server Error", 502: "Server Error", 503: "Service Unavailable", 504: "Gateway Timeout",
}


@dataclass
class Fault:
    method: str  # an HTTP verb or "*"
    pattern: re.Pattern
    status: int | None  # None: serve normally (after ``delay``), unless ``reset``
    times: int | None  # None: forever
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    body: object = None
    reset: bool = False
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method) and bool(self.pattern.search(path))

    def error_body(self) -> object:
        if self.body is not None:
            return self.body
        return error(_DEFAULT_MESSAGES.get(self.status, "Error"), self.status)


class FaultTable:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        """The first live fault matching this request; uses up one of its ``times``."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path) and (fault.times is None or fault.times > 0):
                    fault.hits += 1
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None


class WriteLimiter:
    """GitHub's secondary limit on content creation: at most ``per_minute`` writes per caller
    in any 60 s window; beyond it a 403 with ``Retry-After`` (seconds until a slot frees)."""

    def __init__(self, per_minute: int | None) -> None:
        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._writes: dict[str, deque] = {}

    def retry_after(self, identity: str, method: str) -> int | None:
        if self.per_minute is None or method not in ("POST", "PATCH", "PUT", "DELETE"):
            return None
        now = time.monotonic()
        with self._lock:
            recent = self._writes.setdefault(identity, deque())
            while recent and recent[0] <= now - 60:
                recent.popleft()
            if len(recent) >= self.per_minute:
                return max(int(recent[0] + 60 - now) + 1, 1)
            recent.append(now)
        return None


def make_fault(method: str, path_regex: str, status: int | None, times: int | None,
               headers: dict | None, delay: float, body: object, reset: bool) -> Fault:
    lowered = {k.lower(): str(v) for k, v in (headers or {}).items()}
    return Fault(method.upper(), re.compile(path_regex), status, times, lowered, delay, body,
                 reset)


def secondary_limit_headers(retry_after: float) -> dict[str, str]:
    return {"retry-after": str(int(retry_after) if float(retry_after).is_integer() else retry_after)}


def primary_limit_headers(reset_in: float, limit: int = 5000) -> dict[str, str]:
    reset = int(time.time() + reset_in)
    return {"x-ratelimit-limit": str(limit), "x-ratelimit-remaining": "0",
            "x-ratelimit-used": str(limit), "x-ratelimit-reset": str(reset),
            "x-ratelimit-resource": "core"}
