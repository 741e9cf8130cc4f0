"""A fresh PostgreSQL schema per test (dropped afterwards), so no test reads another run's rows:
the database named by SIEVE_TEST_POSTGRES_URL is shared by every run on the machine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "SIEVE_TEST_POSTGRES_URL"


def fresh_schema_url() -> Iterator[str]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} "
                    "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    schema = f"sieve_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # synchronous_commit=off: each commit would otherwise wait for a disk flush (~6 ms here);
    # durability against an OS crash is PostgreSQL's business, not what these tests check.
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    url = make_url(base).update_query_dict({"options": options})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> Iterator[str]:
    """A database URL for each of SQLite (a file) and PostgreSQL (a fresh schema; skipped without
    ``SIEVE_TEST_POSTGRES_URL``): import it into a conftest or test module to run a test on both."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sieve.db'}"
    else:
        yield from fresh_schema_url()
