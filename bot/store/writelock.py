"""One SQLite writer at a time, across threads and processes, woken the moment it is free.

SQLite lets one connection write at a time. A second writer waits in SQLite's busy handler,
which polls with sleeps of up to 100 ms; under a burst of webhooks with the worker process
writing too, those sleeps became the webhook's answer time. Here writers queue on a lock
instead: a ``threading.Lock`` inside the process and ``flock`` on ``<database>.lock`` across
processes, polled every few milliseconds. SQLite's own locking still guards against writers
that do not use this lock (the busy timeout stays). A writer that cannot get the lock within
``WAIT_SECONDS`` raises ``WriterLockTimeout``: a process frozen while holding it must not hang
the webhook intake, which then answers 503 (GitHub marks the delivery failed, to redeliver)
inside GitHub's 10 s timeout.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # not on Unix: the in-process lock alone
    fcntl = None


WAIT_SECONDS = 8.0  # under GitHub's 10 s webhook timeout
_MAX_PAUSE = 0.005


class WriterLockTimeout(TimeoutError):
    """Another writer held the SQLite write lock for longer than a writer may wait."""


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
            weakref.finalize(self, _close, self._fd)  # closed with its engine's lock, not left open
        return self._fd

    @contextmanager
    def held(self, timeout: float = WAIT_SECONDS) -> Iterator[None]:
        deadline = time.monotonic() + timeout
        if not self._threads.acquire(timeout=timeout):
            raise WriterLockTimeout(f"another thread held the SQLite write lock for {timeout:.0f} s")
        try:
            fd = self._file()
            if fd is not None:
                _lock(fd, deadline, timeout)
            try:
                yield
            finally:
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:  # already closed
        pass


def _lock(fd: int, deadline: float, timeout: float) -> None:
    """``flock`` the file, trying again every few milliseconds until ``deadline``."""
    pause = 0.0005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WriterLockTimeout(f"another process held the SQLite write lock for {timeout:.0f} s") from None
            time.sleep(pause)
            pause = min(pause * 2, _MAX_PAUSE)
