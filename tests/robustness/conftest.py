"""Fixtures for the robustness tests: an intake-only app for fuzzing, and the fake GitHub."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # webhook_gen, fuzz_cases, procs

from fuzz_cases import MAX_BODY, SECRET  # noqa: E402

from tests.pgschema import fresh_schema_url  # noqa: E402


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """An empty database: a SQLite file, or a fresh PostgreSQL schema (the shared database keeps
    other runs' deliveries, whose bodies the intake would refuse as replays)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/robustness.db"
    else:
        yield from fresh_schema_url()


@pytest.fixture
def intake_app(database_url):
    """The real app with its worker pool off: only the webhook intake and ops routes."""
    from bot.app.server import create_app
    from bot.settings import Settings

    settings = Settings(webhook_secret=SECRET, database_url=database_url, workers=0, max_body_bytes=MAX_BODY)
    app = create_app(settings, start_workers=False)
    yield app
    app.state.store.engine.dispose()  # before the schema is dropped


@pytest.fixture
def intake_client(intake_app):
    from fastapi.testclient import TestClient

    with TestClient(intake_app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def fake_github():
    """The fake GitHub on loopback, with a primary rate limit no scenario here reaches."""
    from bot.fakegithub import FakeGitHub

    with FakeGitHub(rate_limit=10**9) as fake:
        yield fake


@pytest.fixture(scope="session")
def shipped_model():
    """The real scorer needs the trained model under models/; without one these end-to-end
    runs cannot label anything, so they skip and say why."""
    persist = pytest.importorskip("bot.model.persist", reason="bot.model.persist not written yet")
    try:
        persist.load_model(None)
    except persist.ModelMismatchError as exc:
        pytest.skip(f"no usable shipped model (run `sieve train`): {exc}")
