"""A database this release cannot use is refused at start-up with one clear line, and left as it
was: a schema newer than the code (an upgrade rolled back), a corrupted SQLite file, a SQLite file
on a read-only filesystem. ``sieve serve`` is run for real: what an operator sees is the point."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.store import DeliveryStore, init_db, make_engine

from ._mp_worker import migrate_and_enqueue

SIEVE = str(Path(sys.executable).with_name("sieve"))


def _serve(url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SIEVE_DATABASE_URL": url, "SIEVE_INSECURE_DEV": "true",
           "SIEVE_WORKER_PROCESS": "false", "SIEVE_WORKERS": "0", "COLUMNS": "200"}
    env.pop("SIEVE_WEBHOOK_SECRET", None)
    return subprocess.run([SIEVE, "serve", "--port", "0"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)


def _one_error_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = [line for line in proc.stderr.splitlines()
             if line.strip() and '"level"' not in line]  # JSON log lines are not the error
    assert len(lines) == 1, proc.stderr[-2000:]  # no traceback
    assert lines[0].startswith("sieve serve: ")
    return lines[0]


def _stamp(url: str, revision: str) -> None:
    engine = init_db(url)
    DeliveryStore(engine).enqueue("kept", "ping", '{"zen": "x"}')
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_a_schema_newer_than_the_code_is_refused_with_one_line_and_left_alone(db_url, tmp_path):
    _stamp(db_url, "0099")  # what a later release's migration leaves behind
    with pytest.raises(OperationalError, match="newer"):  # reported like an unreachable database
        init_db(db_url)
    line = _one_error_line(_serve(db_url, tmp_path))
    assert "0099" in line and "newer" in line
    engine = make_engine(db_url)
    with engine.connect() as conn:  # nothing was changed or dropped
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099"
        assert conn.execute(text("SELECT delivery_id, status FROM deliveries")).all() == [("kept", "pending")]
    engine.dispose()


def test_a_corrupted_sqlite_file_is_refused_with_one_line_and_not_overwritten(tmp_path):
    path = tmp_path / "sieve.db"
    garbage = b"not a database, a half-copied backup\n" * 500
    path.write_bytes(garbage)
    line = _one_error_line(_serve(f"sqlite:///{path}", tmp_path))
    assert str(path) in line and "not a" in line.lower()
    assert path.read_bytes() == garbage



def test_a_sqlite_file_in_a_missing_folder_is_named_in_the_error(tmp_path):
    path = tmp_path / "not-mounted" / "sieve.db"
    line = _one_error_line(_serve(f"sqlite:///{path}", tmp_path))
    assert f"{path.parent} does not exist" in line


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_a_sqlite_file_on_a_read_only_filesystem_is_refused_with_one_line_and_kept(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "tmpfs", str(folder)):
        pytest.skip("needs root to mount a read-only filesystem")
    try:
        url = f"sqlite:///{folder / 'sieve.db'}"
        filler = multiprocessing.get_context("spawn").Process(target=migrate_and_enqueue, args=(url, "kept"))
        filler.start()  # another process: this one would keep the lock file open for writing
        filler.join(60)
        assert filler.exitcode == 0
        assert _mount("-o", "remount,ro", str(folder))
        line = _one_error_line(_serve(url, tmp_path))
        assert "read-only" in line and str(folder / "sieve.db") in line
        assert _mount("-o", "remount,rw", str(folder))
        engine = init_db(url)
        assert DeliveryStore(engine).get("kept").status == "pending"
        engine.dispose()
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)  # -l: our lock file is open
