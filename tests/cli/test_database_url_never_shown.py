"""Operator commands name the database they could not open, never its password (security review:
a password in the URL's query string was printed, and not registered for log redaction)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.cli.database import where
from bot.cli.serve import _db_passwords


def test_an_error_names_host_and_database_only():
    assert where("postgresql+psycopg://sieve:Hunter2@db:5432/sieve") == "db:5432/sieve"
    assert where("postgresql+psycopg://sieve@127.0.0.1:1/sieve?password=Hunter2Secret") == "127.0.0.1:1/sieve"


def test_both_password_places_are_kept_out_of_logs():
    url = "postgresql+psycopg://sieve:InUser1@db/sieve?password=InQuery2&sslmode=require"
    assert sorted(_db_passwords(SimpleNamespace(database_url=url))) == ["InQuery2", "InUser1"]
    assert _db_passwords(SimpleNamespace(database_url="sqlite:///sieve.db")) == []
