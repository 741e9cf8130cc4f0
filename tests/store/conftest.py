"""Store fixtures: every test gets an empty database, on SQLite and (when
SIEVE_TEST_POSTGRES_URL is set) on PostgreSQL in a fresh schema dropped afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.store import DeliveryStore, init_db
from tests.pgschema import fresh_schema_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sieve.db'}"
    else:
        yield from fresh_schema_url()


@pytest.fixture
def engine(db_url):
    engine = init_db(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine, clock) -> DeliveryStore:
    return DeliveryStore(engine, clock=clock)
