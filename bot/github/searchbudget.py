"""Each installation's search budget, as GitHub last reported it.

Search has its own rate limit, far smaller than the rest of the API (30 requests a minute). When
a search answer says none is left (``x-ratelimit-remaining: 0``) or a search is refused for the
rate limit, the author search of that installation is not sent again until the reset time: GitHub
can block integrations that keep sending requests while limited, and the search is optional, so
waiting for the budget would only hold up a PR's labels. ``paused_for`` says how long is left.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping

from bot.github.ratelimit import MAX_WAIT, RESET_SLACK


class SearchBudget:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._until: dict[int, float] = {}  # installation id -> epoch seconds

    def paused_for(self, installation_id: int) -> float:
        """Seconds until this installation may search again (0: now)."""
        with self._lock:
            return max(self._until.get(installation_id, 0.0) - self._clock(), 0.0)

    def update(self, installation_id: int, headers: Mapping[str, str] | None) -> None:
        """Read a search response's ``x-ratelimit-*`` headers."""
        lowered = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
        if lowered.get("x-ratelimit-remaining", "").strip() != "0":
            return
        try:
            reset = float(lowered.get("x-ratelimit-reset", ""))
        except ValueError:
            reset = self._clock() + 60.0  # no reset time: search windows are one minute
        wait = reset - self._clock() + RESET_SLACK
        self.pause(installation_id, min(wait, MAX_WAIT) if math.isfinite(wait) else 60.0)

    def pause(self, installation_id: int, seconds: float) -> None:
        with self._lock:
            self._until[installation_id] = max(self._until.get(installation_id, 0.0), self._clock() + seconds)
