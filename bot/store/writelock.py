"""One SQLite writer at a time, across threads and processes, woken the moment it is free.

SQLite lets one connection write at a time. A second writer waits in SQLite's busy handler,
which polls with sleeps of up to 100 ms; under a burst of webhooks with the worker process
writing too, those sleeps became the webhook's answer time. Here writers queue on a lock
instead: a ``threading.Lock`` inside the process and ``flock`` on ``<database>.lock`` across
processes. The kernel hands the lock to the next writer as soon as it is released. SQLite's
own locking still guards against writers that do not use this lock (the busy timeout stays).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # not on Unix: the in-process lock alone
    fcntl = None


class WriterLock:
    def __init__(self, database_path: str) -> None:
        self.path = f"{database_path}.lock"
        self._threads = threading.Lock()
        self._fd: int | None = None
        self._pid = 0

    def _file(self) -> int | None:
        """This process's descriptor (a forked child must not share its parent's)."""
        if fcntl is None:
            return None
        if self._fd is None or self._pid != os.getpid():
            try:
                self._fd, self._pid = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
            except OSError:  # e.g. no such folder: SQLite itself then reports the real problem
                return None
        return self._fd

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._threads:
            fd = self._file()
            if fd is None:
                yield
                return
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
