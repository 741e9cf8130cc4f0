"""Run ``sieve serve`` as a real OS process on loopback: start, wait ready, SIGKILL, restart.

Used by the crash test and by ``benchmarks/bench_load.py``. The server's output goes to a log
file (never a pipe nobody reads, which would block it once full).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.app.worker_process import LAUNCH  # the same launch line sieve serve uses

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServeProcess:
    """One ``sieve serve`` process; ``env`` holds its ``SIEVE_*`` settings."""

    def __init__(self, env: dict[str, str], log_path: Path, *, port: int | None = None,
                 workers_only: bool = False) -> None:
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
        self.env = {**os.environ, **env, "PYTHONPATH": path}
        self.port = port or free_port()
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.workers_only = workers_only  # `sieve serve --workers-only`: no HTTP to wait for

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> ServeProcess:
        args = ["--workers-only"] if self.workers_only else [
            "--host", "127.0.0.1", "--port", str(self.port)]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-c", LAUNCH, "serve", *args],
                                         cwd=ROOT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT)
        if not self.workers_only:
            self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"sieve serve exited with {self.proc.returncode}:\n"
                                   + self.log_tail())
            try:
                if httpx.get(self.url + "/readyz", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"sieve serve not ready after {timeout}s:\n" + self.log_tail())

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, claimed deliveries stay claimed."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def peak_rss_kib(self) -> int | None:
        """``VmHWM`` (peak resident set) of the live process, from /proc (Linux only)."""
        return _peak_rss_kib(self.proc.pid) if self.proc is not None else None

    def children(self) -> list[int]:
        """PIDs of the live process's children (its worker process), from /proc (Linux only)."""
        if self.proc is None:
            return []
        try:
            return [int(p) for task in Path(f"/proc/{self.proc.pid}/task").iterdir()
                    for p in (task / "children").read_text().split()]
        except OSError:
            return []

    def children_peak_rss_kib(self) -> int | None:
        """Summed ``VmHWM`` of the live process's children, or None."""
        peaks = [kib for kib in map(_peak_rss_kib, self.children()) if kib is not None]
        return sum(peaks) if peaks else None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _peak_rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie awaiting its parent's wait counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False
