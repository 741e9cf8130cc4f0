"""The delivery workers of ``sieve serve`` in a child process (``sieve serve --workers-only``).

Why a process and not threads: the webhook must be answered fast (the target is p99 <= 20 ms
at 200 deliveries/s), and Python threads share one interpreter lock. Scoring, PyGithub and
template rendering in worker threads hold that lock and delay the intake. A child has its own
interpreter and runs at a lower CPU priority (``SIEVE_WORKER_NICE``), so on a busy host the
intake gets the CPU first. Both processes share the database.

The child's stdin is a pipe from the server:
- one byte per stored delivery wakes an idle worker at once (SQLite has no NOTIFY);
- end of file means the server is gone, even after a SIGKILL: the child stops claiming,
  finishes the deliveries it holds and exits. No orphan keeps working.

If the child dies on its own, it is started again after ``restart_delay`` seconds, or up to a
minute when it keeps dying at once. The deliveries it held are taken over when their lease ends.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time

from bot.obs import metrics

log = logging.getLogger(__name__)
LAUNCH = "import sys; from bot.cli import main; sys.argv[0] = 'sieve'; main()"
QUICK_EXIT_SECONDS = 10.0
MAX_RESTART_DELAY = 60.0
COMMAND = (sys.executable, "-c", LAUNCH, "serve", "--workers-only", "--parent-pipe")


class WorkerProcess:
    """Start, wake, watch and stop one ``sieve serve --workers-only --parent-pipe`` child.

    It offers the ``WorkerPool`` methods the server uses: ``start``, ``wake``, ``stop``, ``running``.
    """

    def __init__(self, command: tuple[str, ...] = COMMAND, *, env: dict[str, str] | None = None,
                 restart_delay: float = 1.0, after_stop=None) -> None:
        """``after_stop``: called once the child is gone (e.g. to remove the shared metrics
        folder: uvicorn ends a SIGTERMed server by re-raising the signal, so atexit never runs)."""
        self.command, self.env, self.restart_delay = command, env, restart_delay
        self.after_stop = after_stop
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None
        self.starts = 0

    def start(self) -> None:
        self._stopping.clear()
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="sieve-worker-process", daemon=True)
        self._watcher.start()

    def _spawn(self) -> None:
        with self._lock:
            self._proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, env=self.env)
            os.set_blocking(self._proc.stdin.fileno(), False)
            self.starts += 1
        log.info("started the worker process (pid %d)", self._proc.pid)

    def _watch(self) -> None:
        delay = self.restart_delay
        while not self._stopping.is_set():
            started = time.monotonic()
            code = self._proc.wait()
            if self._stopping.is_set():
                return
            # A child that keeps dying at once waits longer each time (up to MAX_RESTART_DELAY).
            quick = time.monotonic() - started < QUICK_EXIT_SECONDS
            delay = min(delay * 2, MAX_RESTART_DELAY) if quick else self.restart_delay
            log.error("the worker process exited with %s; starting it again in %.1f s", code, delay)
            metrics.record_worker_exit(code)
            if self._stopping.wait(delay):
                return
            self._spawn()

    def wake(self) -> None:
        """Tell the child a delivery was stored; a full pipe already holds a wake-up."""
        with self._lock:
            try:
                self._proc.stdin.write(b"w")
                self._proc.stdin.flush()
            except (BlockingIOError, BrokenPipeError, ValueError, AttributeError):
                pass

    def running(self) -> int:
        proc = self._proc
        return int(proc is not None and proc.poll() is None)

    def stop(self, timeout: float = 15.0) -> None:
        """Close the pipe (the child finishes its deliveries and exits); kill it after ``timeout``."""
        self._stopping.set()
        proc = self._proc
        if proc is None:
            return
        with self._lock:
            try:
                proc.stdin.close()
            except OSError:
                pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.error("the worker process did not stop within %.0f s; killing it", timeout)
            proc.kill()
            proc.wait()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        if self.after_stop is not None:
            self.after_stop()


def follow_parent(wake, stop: threading.Event, stream=None) -> threading.Thread:
    """In the child: call ``wake`` when bytes arrive on ``stream`` (a buffered binary stream,
    stdin by default), set ``stop`` at end of file."""
    stream = stream if stream is not None else sys.stdin.buffer

    def read() -> None:
        try:
            while stream.read1(4096):  # whatever arrived since the last read: one wake-up
                wake()
        except (OSError, ValueError):
            pass
        log.info("the server process is gone; stopping after the current deliveries")
        stop.set()

    thread = threading.Thread(target=read, name="sieve-parent-pipe", daemon=True)
    thread.start()
    return thread


def lower_priority(nice: int) -> None:
    """Add ``nice`` to this process's niceness (Unix; a no-op elsewhere or for 0)."""
    if nice and hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError as exc:
            log.warning("could not lower the worker priority: %s", exc)

