"""``sieve`` as a process: a terminal that cannot show every character, a reader that stops early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")

ROOT = Path(__file__).resolve().parents[2]
SIEVE = [sys.executable, "-c", "from bot.cli import main; main()"]


def _env(**extra) -> dict:
    return {**os.environ, "COLUMNS": "80", **extra}


def test_a_terminal_that_cannot_encode_a_character_still_gets_the_score():
    proc = subprocess.run([*SIEVE, "score", str(ROOT / "examples" / "careful-ai-pr.json")], cwd=ROOT,
                          env=_env(PYTHONIOENCODING="latin-1"), capture_output=True, timeout=120)
    assert b"UnicodeEncodeError" not in proc.stderr, proc.stderr.decode("latin-1")
    assert proc.returncode in (0, 1, 2) and b"model " in proc.stdout


@pytest.mark.parametrize("args", [["--json"], []])
def test_a_reader_that_stops_early_ends_the_command_quietly_with_141(tmp_path, args):
    """``sieve score many.jsonl --json | head -1``: 1 would read as 'high'."""
    data = tmp_path / "many.jsonl"
    record = '{"title": "Fix race in span flush", "body": "Tested with go test -race."}\n'
    data.write_text(record * 50)
    proc = subprocess.Popen([*SIEVE, "score", str(data), *args], cwd=ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line is written
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) == 141, stderr.decode()
    assert stderr == b""


@pytest.mark.parametrize("args", [["--json"], []])
def test_a_reader_that_stops_during_a_large_table_ends_the_command_with_141(tmp_path, args):
    """``sieve score many.jsonl | head -1``: the table is written in one piece; the pipe took the
    part ``head`` read and the rest was dropped without an error, so the exit was the band's."""
    data = tmp_path / "many.jsonl"
    record = '{"title": "Fix race in span flush number %d", "body": "Tested with go test -race."}\n'
    data.write_text("".join(record % i for i in range(1500)))  # a table far beyond a pipe's 64 KiB
    proc = subprocess.Popen([*SIEVE, "score", str(data), *args], cwd=ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert os.read(proc.stdout.fileno(), 100)  # the writing has begun: the pipe is full behind it
    proc.stdout.close()
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) == 141, stderr.decode()
    assert stderr == b""
