"""Store fixtures: every test gets an empty database, on SQLite and (when
SIEVE_TEST_POSTGRES_URL is set) on PostgreSQL in a fresh schema dropped afterwards."""

from __future__ import annotations

import pytest

from bot.store import DeliveryStore, init_db
from tests.pgschema import db_url  # noqa: F401  (the SQLite / PostgreSQL fixture)


@pytest.fixture(autouse=True)
def fresh_warnings():
    """Each test reads as a fresh process would: warnings logged once per process warn again."""
    from bot.store.state import UNDER_WARNED

    UNDER_WARNED.forget()
    yield
    UNDER_WARNED.forget()


@pytest.fixture
def engine(db_url):
    engine = init_db(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine, clock) -> DeliveryStore:
    return DeliveryStore(engine, clock=clock)
