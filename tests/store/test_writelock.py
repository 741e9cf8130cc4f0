"""SQLite writers queue on one lock across threads and processes; PostgreSQL pools are warmed."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from bot.store.db import WARM_CONNECTIONS, warm_pool
from bot.store.writelock import WriterLock, WriterLockTimeout

HOLD = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
""")


def test_a_writer_in_another_process_makes_this_one_wait(tmp_path):
    lock = WriterLock(str(tmp_path / "sieve.db"))
    holder = subprocess.Popen([sys.executable, "-c", HOLD, lock.path, "0.5"], stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"locked"
    started = time.monotonic()
    with lock.held():
        waited = time.monotonic() - started
    holder.wait(5)
    assert waited >= 0.3, f"took the lock after {waited:.3f}s while another process held it"


def test_a_writer_frozen_while_holding_the_lock_makes_others_give_up_not_hang(tmp_path):
    lock = WriterLock(str(tmp_path / "sieve.db"))
    holder = subprocess.Popen([sys.executable, "-c", HOLD, lock.path, "30"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"locked"
        started = time.monotonic()
        with pytest.raises(WriterLockTimeout, match="another process held the SQLite write lock"):
            with lock.held(timeout=0.3):
                pass
        assert 0.3 <= time.monotonic() - started < 2
    finally:
        holder.kill()
        holder.wait(5)
    with lock.held(timeout=2):  # free again once that process is gone
        pass


def test_threads_of_one_process_take_turns(tmp_path):
    lock, inside, overlaps = WriterLock(str(tmp_path / "sieve.db")), [], []

    def write() -> None:
        for _ in range(50):
            with lock.held():
                inside.append(1)
                overlaps.append(len(inside))
                time.sleep(0.0005)
                inside.pop()

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(overlaps) == 200 and max(overlaps) == 1


def test_an_unopenable_lock_file_leaves_sqlite_to_report_the_problem(tmp_path):
    lock = WriterLock(str(tmp_path / "no-such-folder" / "sieve.db"))
    with lock.held():  # no error here: opening the database itself will name the real problem
        pass


def test_an_enqueue_waits_for_a_writer_in_another_process(engine, db_url, store):
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL has its own row locks; the writer lock is for SQLite files")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, engine.url.database + ".lock", "0.5"],
                              stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"locked"
    started = time.monotonic()
    assert store.enqueue("d-1", "pull_request", "{}")
    waited = time.monotonic() - started
    holder.wait(5)
    assert waited >= 0.3, f"stored after {waited:.3f}s while another process held the writer lock"


def test_warm_pool_keeps_connections_open_on_postgresql(engine, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite opens no server connections")
    warm_pool(engine)
    assert engine.pool.checkedin() >= WARM_CONNECTIONS


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open descriptors in /proc/self/fd")
def test_each_engines_lock_file_is_closed_when_the_engine_goes(tmp_path):
    """Tests and tools open and drop many SQLite engines in one process: each kept its lock file's
    descriptor open for good, until the process ran out of them."""
    from bot.store.db import make_engine, write_transaction

    lock_file = str(tmp_path / "sieve.db.lock")

    def lock_fds() -> int:
        return sum(os.path.realpath(f"/proc/self/fd/{fd}") == lock_file for fd in os.listdir("/proc/self/fd"))

    for _ in range(3):
        engine = make_engine(f"sqlite:///{tmp_path / 'sieve.db'}")
        with write_transaction(engine) as conn:  # a write takes the lock, which opens its file
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
        assert lock_fds() == 1
        engine.dispose()
        del engine, conn
        gc.collect()
        assert lock_fds() == 0
