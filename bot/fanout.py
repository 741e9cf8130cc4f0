"""Run a few independent blocking calls at once (a delivery's GitHub reads).

A delivery's reads do not depend on each other: the PR, its files and its commits; then its
labels and comments. One after another they cost one GitHub round trip each, which is most of
the time from webhook to labels. ``together`` runs them on a shared thread pool and returns
their results in order. The pool is made on first use (nothing runs at import) and its threads
live as long as the process, so the per-thread PyGithub clients (``bot.github.clients``) are
built once per pool thread, then reused.

A call made from inside a pool thread runs its calls inline, so nested use cannot starve the
pool. Every call finishes before an error is raised: nothing keeps running behind the caller.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

MAX_THREADS = 32
_PREFIX = "sieve-fanout"
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _shared_pool() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=MAX_THREADS, thread_name_prefix=_PREFIX)
        return _pool


def _in_pool() -> bool:
    return threading.current_thread().name.startswith(_PREFIX)


def together(*calls: Callable[[], Any]) -> list[Any]:
    """``[call() for call in calls]``, with the calls running at the same time."""
    if len(calls) < 2 or _in_pool():
        return [call() for call in calls]
    futures = [_shared_pool().submit(call) for call in calls]
    wait(futures)
    return [future.result() for future in futures]
