"""Alembic environment. ``bot.store.db.init_db`` hands over an open connection; the
``alembic -c bot/store/alembic.ini`` command line uses ``SIEVE_DATABASE_URL`` instead."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from bot.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = os.environ.get("SIEVE_DATABASE_URL", "sqlite:///./sieve.db")
    with create_engine(url).connect() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(url=os.environ.get("SIEVE_DATABASE_URL", "sqlite:///./sieve.db"),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
