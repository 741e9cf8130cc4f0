"""How long GitHub asks us to wait, from a response's headers (and message, when we have it).

GitHub's rules (docs: "Rate limits for the REST API"): honour ``retry-after`` when present;
otherwise when ``x-ratelimit-remaining`` is 0 wait until ``x-ratelimit-reset`` (epoch seconds);
otherwise for a secondary rate limit (or a bare 429) wait at least one minute. A wait that is
not a finite number, or longer than an hour (GitHub's windows reset within the hour), is a broken
header: it becomes a minute, or the hour.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from datetime import timezone
from email.utils import parsedate_to_datetime

SECONDARY_WAIT = 60.0
RESET_SLACK = 0.5  # the reset second is not exact
MAX_WAIT = 3600.0 + RESET_SLACK  # GitHub's windows reset within the hour; a longer ask is a broken header


def _retry_after(value: str | None, now: float) -> float | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        return max(float(text), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": RFC 5322's "UTC, source unknown", not this machine's time
        when = when.replace(tzinfo=timezone.utc)
    return max(when.timestamp() - now, 0.0)


def _reset_wait(headers: Mapping[str, str], now: float) -> float | None:
    if str(headers.get("x-ratelimit-remaining", "")).strip() != "0":
        return None
    try:
        reset = float(headers.get("x-ratelimit-reset", ""))
    except (TypeError, ValueError):
        return SECONDARY_WAIT
    return max(reset - now, 0.0) + RESET_SLACK


# GitHub's words for a secondary limit: "secondary rate limit" now, "abuse detection mechanism"
# on older GitHub Enterprise Server releases, and the advice that ends both (as PyGithub reads them)
_LIMIT_WORDS = ("rate limit", "abuse detection", "please wait a few minutes before you try again",
                "please retry your request again later")


def is_rate_limit_message(message: str | None) -> bool:
    text = " ".join((message or "").lower().split())
    return any(words in text for words in _LIMIT_WORDS)


def rate_limit_wait(headers: Mapping[str, str] | None, status: int | None, message: str = "",
                    now: float | None = None) -> float | None:
    """Seconds to wait before retrying, or None when the response is not a rate limit."""
    now = time.time() if now is None else now
    lowered = {str(k).lower(): v for k, v in (headers or {}).items()}
    if status not in (403, 429) and "retry-after" not in lowered:
        return None
    for wait in (_retry_after(lowered.get("retry-after"), now), _reset_wait(lowered, now)):
        if wait is not None:
            return min(wait, MAX_WAIT) if math.isfinite(wait) else SECONDARY_WAIT
    if status == 429 or is_rate_limit_message(message):
        return SECONDARY_WAIT
    return None
