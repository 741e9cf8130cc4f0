"""``sieve serve``'s worker child process: woken and stopped through its stdin pipe, restarted
when it dies, gone when its server is gone."""

from __future__ import annotations

import io
import os
import sys
import threading
import time

from bot.app.worker_process import WorkerProcess, follow_parent

COUNT_UNTIL_EOF = ("import sys; data = sys.stdin.buffer.read(); "
                   "open(sys.argv[1], 'w').write(str(len(data)))")


def _until(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not predicate():
        time.sleep(0.02)
    return predicate()


def test_each_byte_wakes_the_workers_and_the_end_of_the_pipe_stops_them():
    read_end, write_end = os.pipe()
    wakes, stop = [], threading.Event()
    follow_parent(lambda: wakes.append(1), stop, io.open(read_end, "rb"))
    os.write(write_end, b"w")
    assert _until(lambda: wakes) and not stop.is_set()
    os.close(write_end)  # the server process is gone (even a SIGKILL closes its pipe end)
    assert _until(stop.is_set)


def test_stop_closes_the_pipe_and_lets_the_child_finish_on_its_own(tmp_path):
    out = tmp_path / "read.txt"
    child = WorkerProcess((sys.executable, "-c", COUNT_UNTIL_EOF, str(out)))
    child.start()
    assert child.running() == 1
    for _ in range(3):
        child.wake()
    child.stop(timeout=10)
    assert out.read_text() == "3"  # every wake-up arrived; EOF ended it, no kill was needed
    assert child.running() == 0 and child.starts == 1


def _exits(code: str) -> float:
    from bot.obs.metrics import REGISTRY

    return REGISTRY.get_sample_value("sieve_worker_restarts_total", {"code": code}) or 0.0


def test_a_child_that_dies_is_started_again_until_stopped():
    before = _exits("3")
    child = WorkerProcess((sys.executable, "-c", "raise SystemExit(3)"), restart_delay=0.05)
    child.start()
    try:
        assert _until(lambda: child.starts >= 3)
    finally:
        child.stop(timeout=10)
    starts = child.starts
    time.sleep(0.3)
    assert child.starts == starts, "started again after stop()"
    assert _exits("3") - before >= starts - 1  # every unasked exit is counted, by exit code


def test_wake_never_blocks_the_server_even_when_the_child_reads_nothing():
    child = WorkerProcess((sys.executable, "-c", "import time; time.sleep(30)"))
    child.start()
    try:
        started = time.monotonic()
        for _ in range(200_000):  # far more than a pipe buffer holds
            child.wake()
        assert time.monotonic() - started < 10
    finally:
        child.stop(timeout=1)  # the child ignores EOF: stop() kills it after the timeout
    assert child.running() == 0


def test_a_child_that_keeps_dying_at_once_is_restarted_less_and_less_often():
    child = WorkerProcess((sys.executable, "-c", "raise SystemExit(2)"), restart_delay=0.05)
    child.start()
    try:
        time.sleep(2.0)  # without backing off: ~15 starts; doubling 0.1, 0.2, 0.4, 0.8 s: ~5
        starts = child.starts
    finally:
        child.stop(timeout=5)
    assert 2 <= starts <= 7, starts


def test_after_stop_runs_once_the_child_is_gone():
    seen = []
    child = WorkerProcess((sys.executable, "-c", "import sys; sys.stdin.buffer.read()"),
                          after_stop=lambda: seen.append(child.running()))
    child.start()
    child.stop(timeout=10)
    assert seen == [0]
