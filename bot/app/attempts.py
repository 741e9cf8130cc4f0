"""One delivery attempt's terms: how long to wait and how often to try (``RetryPolicy``), what an
attempt came to (``Outcome``), and how a ``GitHubError`` reads for operators (``describe_error``).

An attempt that met only a rate limit or GitHub's own trouble (``github_side``: a ``retry_after``,
a 5xx, a timeout, a lost connection) is not the delivery's fault: it counts against
``max_rate_limited_attempts``; the others, ordinary ones, against ``max_attempts`` (``spent``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from bot.obs.logging import redact
from bot.ports import Conflict, GitHubError
from bot.store import Delivery


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    max_rate_limited_attempts: int = 48  # when the last attempt hit a rate limit (it waited for the reset)
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    lease_seconds: float = 60.0
    max_handling_seconds: float = 900.0  # a handler still running after this is hung: its lease lapses

    def delay(self, attempts: int, retry_after: float | None = None,
              rng: Callable[[], float] = random.random) -> float:
        """Seconds before the next attempt: base·2^(attempts-1), capped, jittered to 50–100 %."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1))
        jittered = ceiling * (0.5 + rng() / 2)
        return max(jittered, retry_after) if retry_after else jittered


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: ``done`` | ``retry`` | ``failed`` | ``ignored``."""

    delivery_id: str
    event: str
    status: str
    attempts: int
    error: str | None = None
    seconds: float = 0.0
    kept: bool = True  # False when the claim had been lost and the result was not recorded
    result: str | None = None  # the handler's one-line outcome


@dataclass(frozen=True)
class Attempt:
    status: str
    error: str | None = None  # or the reason, for "ignored"
    retry_after: float | None = None
    result: str | None = None
    github_side: bool = False  # a rate limit or GitHub's own trouble, not the delivery's fault


def github_side(err: GitHubError) -> bool:
    """A rate limit, a 5xx, a timeout or a lost connection (no status): retried for longer."""
    return err.retryable and (err.retry_after is not None or err.status is None or err.status >= 500)


def spent(d: Delivery, attempt: Attempt) -> int:
    """The attempts ``attempt``'s budget counts: all of them for GitHub's own trouble, else the
    ordinary ones only (an incident ridden out on the larger budget leaves these untouched)."""
    return d.attempts if attempt.github_side else d.attempts - d.github_side_attempts


def describe_error(err: GitHubError) -> str:
    """A ``GitHubError`` in a few words, its HTTP status first (``HTTP 403: ...``), without
    credentials: stored and shown to operators (here, and in the installation handler's result).
    A ``Conflict`` was not GitHub's answer: no HTTP status is shown for it."""
    status = f"HTTP {err.status}: " if err.status is not None and not isinstance(err, Conflict) else ""
    return redact(f"{status}{err}")
