"""``sieve deliveries`` / ``sieve decisions`` on a database they cannot use say why in one line,
as ``sieve serve`` does, not just the error's type name."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app


@pytest.mark.parametrize("command", [["deliveries"], ["decisions"]])
def test_a_damaged_database_file_is_named_with_the_reason(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "sieve.db"
    garbage = b"not a database, a half-copied backup\n" * 500
    path.write_bytes(garbage)
    monkeypatch.setenv("SIEVE_DATABASE_URL", f"sqlite:///{path}")
    result = CliRunner().invoke(build_app(), command)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"sieve {command[0]}: cannot open ") and str(path) in line
    assert "NotASieveDatabase" not in line and "not a" in line.split(": cannot open ", 1)[1].lower()
    assert path.read_bytes() == garbage
