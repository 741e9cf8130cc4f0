"""``sieve deliveries`` and ``sieve decisions`` read the App's database as it is (operator review):
run in the wrong folder they made an empty ``sieve.db`` and reported "failed: 0", and run from a
newer release they upgraded the schema under the replicas still on the older one."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from bot.cli import build_app
from bot.store.db import make_engine, migrate


@pytest.mark.parametrize("command", [["deliveries", "--status", "failed"], ["decisions"]])
def test_no_database_is_an_error_and_no_file_is_made(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SIEVE_DATABASE_URL", f"sqlite:///{tmp_path / 'sieve.db'}")
    result = CliRunner().invoke(build_app(), command)
    assert result.exit_code == 2 and "no database at" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["deliveries"], ["decisions"]])
def test_an_older_schema_is_refused_and_left_as_it_is(tmp_path, monkeypatch, command):
    url = f"sqlite:///{tmp_path / 'sieve.db'}"
    engine = make_engine(url)
    migrate(engine, "0003")
    monkeypatch.setenv("SIEVE_DATABASE_URL", url)
    result = CliRunner().invoke(build_app(), command)
    assert result.exit_code == 2 and "older than this release's" in result.stderr
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
    engine.dispose()


def test_a_database_at_head_is_read(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'sieve.db'}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    monkeypatch.setenv("SIEVE_DATABASE_URL", url)
    result = CliRunner().invoke(build_app(), ["deliveries"])
    assert result.exit_code == 0 and "failed: 0" in result.stdout
