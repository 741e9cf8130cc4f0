"""A database this release cannot use is refused at start-up with one clear line, and left as it
was: a schema newer than the code (an upgrade rolled back), a corrupted SQLite file, a SQLite file
on a read-only filesystem. ``sieve serve`` is run for real: what an operator sees is the point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.store import DeliveryStore, init_db, make_engine

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

