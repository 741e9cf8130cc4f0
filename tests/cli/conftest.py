"""Fixtures for the operator commands: the App's database in a temporary folder."""

from __future__ import annotations

import pytest

from bot.store import init_db


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """A migrated SQLite database that ``SIEVE_DATABASE_URL`` points at (and no stray .env)."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'sieve.db'}"
    monkeypatch.setenv("SIEVE_DATABASE_URL", url)
    engine = init_db(url)
    yield engine
    engine.dispose()
