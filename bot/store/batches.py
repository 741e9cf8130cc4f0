"""Deleting many rows without holding the write lock for the whole delete.

On SQLite one writer writes at a time, and a webhook waits at most ``writelock.WAIT_SECONDS`` for
the lock before it is answered 503 (and lost: GitHub does not redeliver on its own). A retention
purge of a few hundred thousand rows in one ``DELETE`` held that lock for many seconds (17 s for
260k deliveries), so it goes ``PURGE_BATCH`` rows at a time instead, each batch its own short write
transaction: other writers (the intake, claims, lease renewals) get the lock between batches. On
PostgreSQL the same keeps each transaction's row locks and WAL burst small.
"""

from __future__ import annotations

import time
from collections.abc import Collection

from sqlalchemy import Engine, delete, select

from bot.store import bounds
from bot.store.db import write_transaction
from bot.store.writelock import _MAX_PAUSE

PURGE_BATCH = 1000  # rows per write transaction: a fraction of a second of the lock each
# SQLite: the pause between batches. The lock is not fair: a writer waiting in this process is only
# woken, and one in another process (the worker child) polls every ``writelock._MAX_PAUSE``, so a
# purge taking the lock straight back could keep a webhook waiting batch after batch.
BETWEEN_BATCHES = 4 * _MAX_PAUSE


def delete_in_batches(engine: Engine, table, where: tuple, *, recheck: tuple = (),
                      keep: Collection[int] = frozenset(), batch: int = PURGE_BATCH) -> int:
    """Delete the rows of ``table`` matching ``where``, ``batch`` at a time in id order, each batch
    in its own write transaction; returns how many went in all.

    Each batch selects its ids under ``where`` (evaluated afresh against what other writers
    committed meanwhile: keep it to an index range, it runs once per batch), then deletes those ids
    while ``recheck`` still holds for them (on PostgreSQL another replica may change a selected
    row before the delete). Ids only grow, so each batch starts after the last one's ids: rows
    ``where`` kept are not read again. ``where`` must not become true for an older row later
    (a fixed cutoff, not a moving now), or such a row waits for the next purge. Ids in ``keep`` (a
    set read once for the whole purge) are selected but never deleted. ``batch``: from 1
    to ``bounds.MAX_BATCH`` (a negative one was no limit on SQLite: everything in one transaction)."""
    bounds.count(batch, "batch", bounds.MAX_BATCH)
    total, after = 0, None
    while True:
        with write_transaction(engine) as conn:
            ids = list(conn.scalars(_next_ids(table, where, after, batch)))
            if gone := [i for i in ids if i not in keep]:
                total += conn.execute(delete(table).where(table.id.in_(gone), *recheck)).rowcount
        if len(ids) < batch:
            return total
        after = ids[-1]
        if engine.dialect.name == "sqlite":
            time.sleep(BETWEEN_BATCHES)


def _next_ids(table, where: tuple, after: int | None, batch: int):
    stmt = select(table.id).where(*where).order_by(table.id).limit(batch)
    return stmt if after is None else stmt.where(table.id > after)
