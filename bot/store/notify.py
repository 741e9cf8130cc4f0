"""Wake workers in other processes when a delivery is stored (PostgreSQL LISTEN/NOTIFY).

The intake wakes its own worker threads directly; workers in another process or replica
would otherwise only find new work at their next poll. On PostgreSQL the intake's enqueue
also sends ``NOTIFY``, and each worker pool keeps one listening connection that wakes it.
On SQLite there is nothing to listen to and polling remains the only path.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

CHANNEL = "sieve_deliveries"
log = logging.getLogger(__name__)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def notify(conn: Connection) -> None:
    """Queue a wake-up; PostgreSQL delivers it when the enqueue transaction commits."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"NOTIFY {CHANNEL}"))


def _dsn(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def listen(engine: Engine, on_notify: Callable[[], None], stop: threading.Event,
           check_every: float = 1.0) -> None:
    """Call ``on_notify`` for every NOTIFY until ``stop`` is set; reconnects after errors."""
    import psycopg

    while not stop.is_set():
        try:
            with psycopg.connect(_dsn(engine), autocommit=True) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                while not stop.is_set():
                    for _ in conn.notifies(timeout=check_every, stop_after=1):
                        on_notify()
        except psycopg.Error as exc:
            log.warning("delivery wake-ups paused (%s); workers keep polling", type(exc).__name__)
            stop.wait(check_every * 5)


def start_listener(engine: Engine, on_notify: Callable[[], None],
                   stop: threading.Event) -> threading.Thread | None:
    """A daemon thread running ``listen`` on PostgreSQL; None elsewhere."""
    if not is_postgres(engine):
        return None
    thread = threading.Thread(target=listen, args=(engine, on_notify, stop),
                              name="sieve-listen", daemon=True)
    thread.start()
    return thread
