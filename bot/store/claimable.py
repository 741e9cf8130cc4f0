"""Which deliveries a claim may take: the candidate rows (abandoned claims within their attempt
budget, then due pending ones, oldest first, none of a pull request another live claim holds),
and on PostgreSQL the per-pull-request lock that keeps two claimers off the same PR at once.

``DeliveryStore.claim`` runs these inside its write transaction; nothing here commits.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, and_, case, exists, func, select
from sqlalchemy.orm import aliased

from bot.store.models import DeliveryRow

T = DeliveryRow
_CANDIDATES = 16


def spent():
    """The attempts a row's budget counts: all of them after a rate limit or GitHub's own trouble
    (``rate_limited``: its larger budget), else the ordinary ones only."""
    return case((T.rate_limited, T.attempts), else_=T.attempts - T.github_side_attempts)


def claimable(conn: Connection, now, max_attempts) -> list:
    """Up to a few claimable rows: abandoned claims first, then due pending ones by age.
    Two queries rather than one OR, so each walks the (status, id) index in order."""
    abandoned = and_(T.status == "processing", T.lease_until <= now,
                     spent() < max_attempts)
    due = and_(T.status == "pending", T.next_attempt_at <= now)
    return [row for condition in (abandoned, due)
            for row in conn.execute(_candidate_query(conn, condition, now)).all()]


def _candidate_query(conn: Connection, condition, now):
    other = aliased(DeliveryRow)
    busy = exists().where(other.repo == T.repo, other.number == T.number,
                          other.status == "processing", other.lease_until > now)
    stmt = select(T.id, T.repo, T.number).where(condition, ~busy).order_by(T.id)
    stmt = stmt.limit(_CANDIDATES)
    if conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=T)
    return stmt


def lock_pr(conn: Connection, row, now) -> bool:
    """PostgreSQL: no other claimer may take the same PR concurrently (SQLite: one writer)."""
    if conn.dialect.name != "postgresql" or row.number is None:
        return True
    if not conn.scalar(select(func.pg_try_advisory_xact_lock(_pr_key(row.repo, row.number)))):
        return False
    busy = select(T.id).where(T.repo == row.repo, T.number == row.number,
                              T.status == "processing", T.lease_until > now).limit(1)
    return conn.scalar(busy) is None  # fresh snapshot: sees claims committed meanwhile


def _pr_key(repo: str | None, number: int) -> int:
    """A signed 64-bit advisory-lock key for one pull request."""
    digest = hashlib.blake2b(f"{repo}#{number}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
