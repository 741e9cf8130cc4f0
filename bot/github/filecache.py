"""A small thread-safe TTL cache for default-branch file reads (repo config, PR template); the
GitHub adapter also keeps team memberships and author searches in caches of this kind.

Every PR event reads files that rarely change: ``.github/sieve.yml`` in the repo and the
organisation's ``.github`` repository, and the PR template, found from three folder listings of each.
Caching them takes those sequential API calls off the path to labels and comment; a config
change takes effect at most ``seconds`` later (the template has a longer cache of its own).
Misses (``None``: no such file) are cached too, and so is a file that cannot be read as text
(the adapter keeps ``NotText`` and ``FileTooLarge`` as values); other errors are not.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

_MISSING = object()


class TTLCache:
    def __init__(self, seconds: float, max_entries: int = 1024,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()

    def _fresh(self, key: Hashable) -> object:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] <= self._clock():
                return _MISSING
            self._entries.move_to_end(key)
            return found[1]

    def _store(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._entries[key] = (self._clock() + self.seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def get_or_load(self, key: Hashable, load: Callable[[], object]) -> object:
        """The cached value for ``key``, or ``load()`` stored for ``seconds`` (0 disables)."""
        if self.seconds <= 0:
            return load()
        value = self._fresh(key)
        if value is _MISSING:
            value = load()
            self._store(key, value)
        return value
