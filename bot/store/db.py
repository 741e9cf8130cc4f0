"""Engines and migrations: ``init_db(url)`` returns an engine on a schema at Alembic head.

SQLite gets WAL, a busy timeout and driver-level autocommit so that transactions begin
with our own ``BEGIN`` (``BEGIN IMMEDIATE`` when a caller asks for the write lock up front).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from weakref import WeakKeyDictionary

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Text, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from bot.store.writelock import WriterLock

SQLITE_BUSY_MS = 30_000
# PostgreSQL: a statement waiting longer than this for a lock (a row another replica's hung
# transaction holds) fails and is retried, instead of hanging its worker or webhook request forever
PG_LOCK_TIMEOUT_MS = 30_000
IMMEDIATE = {"sieve_immediate": True}  # execution option: take SQLite's write lock at BEGIN
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_POOL = {"pool_size": 10, "max_overflow": 20}  # request threads + workers + lease renewals
WARM_CONNECTIONS = 8
_WRITERS: WeakKeyDictionary = WeakKeyDictionary()  # SQLite file engine -> its WriterLock
_MIGRATION_LOCK_KEY = 0x5E1E7E  # pg advisory lock id serialising concurrent init_db calls


class DatabaseUnusable(OperationalError):
    """This release cannot use the database as it is; ``str(orig)`` says why in one line.

    An ``OperationalError`` like an unreachable database, so ``sieve serve`` reports it the same
    way: that one line and exit status 2, no traceback. The database is left as it was."""

    def __init__(self, message: str) -> None:
        super().__init__(None, None, _Reason(message))


class SchemaNewerThanThisRelease(DatabaseUnusable):
    """The database was migrated by a later release (this one was rolled back to)."""


class NotASieveDatabase(DatabaseUnusable):
    """The SQLite file is damaged or not a database at all."""


class _Reason(Exception):
    pass


def make_engine(url: str) -> Engine:
    """An engine for ``url`` configured for concurrent webhook intake and workers."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, **_POOL)
        if parsed.get_backend_name() == "postgresql":
            event.listen(engine, "connect", _postgres_connect)
        return engine
    memory = parsed.database in (None, "", ":memory:")
    pooling = {"poolclass": StaticPool} if memory else _POOL
    engine = create_engine(url, connect_args={"check_same_thread": False,
                                              "timeout": SQLITE_BUSY_MS / 1000}, **pooling)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    if not memory:
        _WRITERS[engine] = WriterLock(parsed.database)
    return engine


def _postgres_connect(dbapi_connection, _record) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {int(PG_LOCK_TIMEOUT_MS)}")
    dbapi_connection.commit()


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=FULL")  # a delivery answered 202 survives a power cut (NORMAL may lose it)
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("sieve_immediate")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def warm_pool(engine: Engine, connections: int = WARM_CONNECTIONS) -> None:
    """Open ``connections`` pooled connections now (PostgreSQL), so the first burst of webhooks
    does not wait for new server connections (tens of ms each)."""
    if engine.dialect.name != "postgresql":
        return
    opened = []
    try:
        for _ in range(connections):
            opened.append(engine.connect())
            opened[-1].execute(text("SELECT 1"))
    finally:
        for conn in opened:
            conn.close()


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that will write (SQLite: write lock taken at BEGIN,
    so a read-then-write never deadlocks on lock upgrade)."""
    writer = _WRITERS.get(engine)
    with writer.held() if writer is not None else nullcontext(), engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.execution_options(**IMMEDIATE)
        with conn.begin():
            yield conn


def upsert_insert(conn: Connection):
    """The dialect's ``insert`` that supports ON CONFLICT (SQLite and PostgreSQL)."""
    from sqlalchemy.dialects import postgresql, sqlite
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def alembic_config() -> Config:
    """Alembic configuration built in code so migrations run from an installed wheel."""
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema behind ``engine`` to ``revision`` (concurrent callers are serialised)."""
    cfg = alembic_config()
    with write_transaction(engine) as conn:  # SQLite: BEGIN IMMEDIATE serialises migrators
        if conn.dialect.name == "postgresql":  # another replica's migration may take longer than lock_timeout
            conn.execute(text("SET LOCAL lock_timeout = 0"))
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK_KEY})
        current = MigrationContext.configure(conn).get_current_revision()
        _refuse_unknown_revision(current, ScriptDirectory.from_config(cfg))
        if current is not None:
            _repair_edited_0001(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _refuse_unknown_revision(current: str | None, script: ScriptDirectory) -> None:
    """A revision this code does not have was written by a later release: running on it
    (or letting Alembic fail on it with a traceback) is no way to treat a rollback."""
    if current is None or current in {rev.revision for rev in script.walk_revisions()}:
        return
    raise SchemaNewerThanThisRelease(
        f"the database schema is at revision {current}, newer than this release of PR Sieve knows "
        f"(its newest is {script.get_current_head()}): a later release upgraded it; run that "
        "release again, or restore the backup taken before the upgrade")


def _repair_edited_0001(conn: Connection) -> None:
    """Give a database made by the first releases' revision 0001 what 0001 creates today.

    Revision 0001 was edited after it was released: the first release created the index
    ``ix_deliveries_status_due`` (status, next_attempt_at) and no ``deliveries.result``, the
    next one ``ix_deliveries_status`` (status, id) and still no ``result``. Such a database is
    stamped 0001 (or, upgraded since, 0002) like any other, so Alembic never applies the edits,
    and every claim, which reads ``result``, fails. This runs before the revisions, in the
    migration's transaction and lock, and changes nothing on a database that has both.
    Published revisions must never be edited again: a change is a new revision."""
    inspector = inspect(conn)
    if not inspector.has_table("deliveries"):
        return
    columns = {c["name"] for c in inspector.get_columns("deliveries")}
    indexes = {ix["name"] for ix in inspector.get_indexes("deliveries")}
    if "result" not in columns:
        conn.execute(text(f"ALTER TABLE deliveries ADD COLUMN result {Text().compile(dialect=conn.dialect)}"))
    if "ix_deliveries_status_due" in indexes:
        conn.execute(text("DROP INDEX ix_deliveries_status_due"))
    if "ix_deliveries_status" not in indexes:
        conn.execute(text("CREATE INDEX ix_deliveries_status ON deliveries (status, id)"))


def init_db(url: str) -> Engine:
    """Open the database at ``url`` and run migrations to head; returns the engine."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except DatabaseUnusable:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        unwritable = _unwritable_sqlite_file(engine)
        if unwritable is not None:
            raise DatabaseUnusable(unwritable) from exc
        _refuse_damaged_sqlite(engine, exc)
        raise
    return engine


def open_existing(url: str) -> Engine:
    """Open the App's database at ``url`` as it is, for the operator commands: never create it, never
    migrate it. ``sieve deliveries`` in the wrong folder made an empty ``sieve.db`` and reported
    "failed: 0", and one run from a newer release upgraded the schema under the replicas still on
    the older one. Raises ``DatabaseUnusable`` (one line) when the schema is not this release's."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).is_file():
            raise DatabaseUnusable(f"no database at {Path(parsed.database).absolute()}: set SIEVE_DATABASE_URL "
                                   "to the App's database (sieve serve creates it)")
    engine = make_engine(url)
    try:
        _check_at_head(engine)
    except DBAPIError as exc:
        engine.dispose()
        _refuse_damaged_sqlite(engine, exc)
        raise
    except Exception:
        engine.dispose()
        raise
    return engine


def _refuse_damaged_sqlite(engine: Engine, exc: DBAPIError) -> None:
    """SQLITE_NOTADB / SQLITE_CORRUPT: say which file, and never write to it."""
    if engine.dialect.name == "sqlite" and not isinstance(exc, OperationalError):
        raise NotASieveDatabase(
            f"{engine.url.database} is not a usable SQLite database "
            f"({str(exc.orig).splitlines()[0]}): restore it from a backup, or move it "
            "aside to start with an empty one") from exc


def _check_at_head(engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    _refuse_unknown_revision(current, script)
    head = script.get_current_head()
    if current is None:
        raise DatabaseUnusable("the database has no PR Sieve tables: set SIEVE_DATABASE_URL to the App's "
                               "database (sieve serve creates them)")
    if current != head:
        raise DatabaseUnusable(f"the database schema is at revision {current}, older than this release's "
                               f"{head}: upgrade it by starting this release's sieve serve, or inspect it "
                               "with the release that runs it")


def _unwritable_sqlite_file(engine: Engine) -> str | None:
    """Why a SQLite file cannot be written, in one line, or None (SQLite's own "unable to open
    database file" names neither the file nor the cause)."""
    path = engine.url.database
    if engine.dialect.name != "sqlite" or path in (None, "", ":memory:"):
        return None
    file = Path(path).absolute()
    if not file.parent.is_dir():
        return f"{file}: the folder {file.parent} does not exist"
    if not os.access(file.parent, os.W_OK) or (file.exists() and not os.access(file, os.W_OK)):
        return (f"{file} is read-only (a read-only filesystem or permissions): PR Sieve writes every "
                f"delivery it accepts, and SQLite creates {file.name}-wal and {file.name}-shm beside it")
    return None
