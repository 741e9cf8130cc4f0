"""Our in-process retry policy for GitHub calls (a ``urllib3.Retry`` that PyGithub's session uses).

* 5xx: retried for idempotent methods only (a POST that failed with 502 may have created
  its comment; the durable worker decides instead).
* 403/429 rate limits: retried for every method (GitHub rejected the request) when the wait
  GitHub asks for (``Retry-After``, or ``x-ratelimit-reset`` when ``x-ratelimit-remaining``
  is 0) is at most ``max_wait`` seconds; longer waits are left to the durable worker.
  A 403 without those headers is a permission problem, or a secondary limit whose message the
  error mapping recognises — it is not retried here. A 5xx with ``Retry-After`` waits that long.
* connection errors: retried; read errors (request maybe processed) only for idempotent methods.
* backoff: ``backoff_factor * 2**(n-1)`` plus up to ``backoff_jitter``, capped at ``backoff_max``;
  a client with ``max_wait=0`` (the author search) still backs off between 5xx retries.
It also reports every response (``on_request(method, status)``) and every retry
(``on_retry(status)``); ``status`` is ``"timeout"``/``"connection"`` when there was no response.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable

from urllib3.exceptions import (ConnectTimeoutError, MaxRetryError, ReadTimeoutError,
                                ResponseError)
from urllib3.util.retry import Retry

from bot.github.ratelimit import rate_limit_wait

log = logging.getLogger(__name__)

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})
OnRequest = Callable[[str, "int | str"], None]
OnRetry = Callable[["int | str"], None]


def _error_word(error: Exception | None) -> str:
    return "timeout" if isinstance(error, (ConnectTimeoutError, ReadTimeoutError)) else "connection"


def _safe_call(hook, *args) -> None:
    if hook is None:
        return
    try:
        hook(*args)
    except Exception:  # noqa: BLE001 - metrics must never break a GitHub call
        log.exception("GitHub request hook failed")


class SieveRetry(Retry):
    """The policy described in the module docstring; ``sleep`` is injectable for tests."""

    def __init__(self, total: int = 3, *, max_wait: float = 30.0, backoff_factor: float = 0.25,
                 backoff_max: float = 8.0, backoff_jitter: float = 0.25,
                 on_request: OnRequest | None = None, on_retry: OnRetry | None = None,
                 sleep: Callable[[float], None] = time.sleep, **kwargs) -> None:
        kwargs.setdefault("allowed_methods", IDEMPOTENT)
        kwargs.update(raise_on_status=False, respect_retry_after_header=True,
                      raise_on_redirect=False)
        super().__init__(total=total, backoff_factor=backoff_factor, backoff_max=backoff_max,
                         backoff_jitter=backoff_jitter, **kwargs)
        self.max_wait, self.on_request, self.on_retry = max_wait, on_request, on_retry
        self._sleep_fn = sleep
        self.planned_wait = 0.0

    def new(self, **kw) -> "SieveRetry":
        for key in ("raise_on_status", "respect_retry_after_header", "raise_on_redirect"):
            kw.pop(key, None)
        return super().new(max_wait=self.max_wait, on_request=self.on_request,
                           on_retry=self.on_retry, sleep=self._sleep_fn, **kw)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        """Called by urllib3 for every response: count it, then say whether it may be retried."""
        _safe_call(self.on_request, method.upper(), status_code)
        if status_code in (403, 429):
            return True  # increment() looks at the headers and decides
        return status_code >= 500 and method.upper() in IDEMPOTENT

    def increment(self, method=None, url=None, response=None, error=None, _pool=None,
                  _stacktrace=None) -> "SieveRetry":
        wait = None
        if response is not None:
            wait = rate_limit_wait(response.headers, response.status)
            permission_denied = response.status in (403, 429) and wait is None
            too_long = wait is not None and wait > self.max_wait  # the durable worker waits
            if permission_denied or too_long:
                raise MaxRetryError(_pool, url, ResponseError(f"{response.status} not retried"))
        if error is not None and response is None:
            _safe_call(self.on_request, (method or "").upper(), _error_word(error))
        fresh = super().increment(method, url, response, error, _pool, _stacktrace)
        fresh.planned_wait = wait or 0.0
        _safe_call(self.on_retry, response.status if response is not None else _error_word(error))
        return fresh

    def get_backoff_time(self) -> float:
        attempts = len(self.history)
        if attempts == 0:
            return 0.0
        value = self.backoff_factor * (2 ** (attempts - 1)) + random.random() * self.backoff_jitter
        return max(0.0, min(self.backoff_max, value))

    def sleep(self, response=None) -> None:
        wait = max(min(self.planned_wait, self.max_wait), self.get_backoff_time())
        if wait > 0:
            self._sleep_fn(wait)

