"""The durable webhook queue: one row per ``X-GitHub-Delivery``, claimed by workers with leases.

A claim is exclusive: on PostgreSQL candidates are locked with ``FOR UPDATE SKIP LOCKED``;
on SQLite the claim runs under ``BEGIN IMMEDIATE``, which holds the single write lock. A claim
whose lease ran out (its worker died or hung) can be taken over; past its attempt budget (larger
when its last recorded attempt only hit a rate limit) such a row is failed instead. An attempt's
outcome is recorded only while that attempt holds the claim: its attempt number is the fencing
token, so a late answer is refused even when the same worker id claimed the row again. Two deliveries
of the same pull request are never processed at the same time (the bot keeps ONE sticky
comment per PR), and due deliveries go oldest first. GitHub signs the body, not the delivery
id: a row of a comment or pull request event also keeps its raw body's SHA-256, unique
(``bot.app.intake.body_digest``), so such a body captured and sent again under a fresh id is
refused as a replay while its first delivery is kept, and a comment's body older (by its own
time) than the digests are kept for (``bot.store.replays``) is refused as stale (``is_stale``).

Every stored time is on one clock: the database's on PostgreSQL (replicas whose own clocks
disagree still agree on leases and due times), this process's on SQLite (one host).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, DateTime, Engine, and_, case, func, or_, select, update

from bot.store import bounds
from bot.store.batches import PURGE_BATCH, delete_in_batches
from bot.store.claimable import claimable, lock_pr, spent
from bot.store.db import upsert_insert, write_transaction
from bot.store.notify import notify
from bot.store.models import DeliveryRow
from bot.store.replays import CLOCK_SKEW, replay_window

T = DeliveryRow
MAX_ERROR_CHARS = 2000
_REAP_EVERY = timedelta(seconds=15)  # how often a claimer fails rows whose last lease ran out
LOST_LEASE = "worker lease expired on the last attempt (process killed or hung)"
_DB_NOW = func.timezone("UTC", func.now(), type_=DateTime)  # naive UTC, PostgreSQL's clock


def utcnow() -> datetime:
    """Naive UTC now, the form every stored time takes."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Delivery:
    delivery_id: str
    event: str
    action: str | None
    installation_id: int | None
    repo: str | None
    number: int | None
    status: str
    attempts: int
    next_attempt_at: datetime
    claimed_by: str | None
    lease_until: datetime | None
    last_error: str | None
    result: str | None
    received_at: datetime
    finished_at: datetime | None
    payload: str | None = None  # raw JSON text; filled by claim() and get(with_payload=True)
    github_side_attempts: int = 0  # attempts that met only a rate limit or GitHub's own trouble

    def payload_dict(self) -> dict:
        return json.loads(self.payload or "{}")


_INFO_COLUMNS = [T.delivery_id, T.event, T.action, T.installation_id, T.repo, T.number,
                 T.status, T.attempts, T.next_attempt_at, T.claimed_by, T.lease_until,
                 T.last_error, T.result, T.received_at, T.finished_at, T.github_side_attempts]


class DeliveryStore:
    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] | None = None) -> None:
        """``clock`` (tests) replaces the default: the database's clock on PostgreSQL."""
        self.engine = engine
        self._clock = clock
        self._last_reap = datetime.min

    def _now(self):
        """Now, as a value or (PostgreSQL) as SQL evaluated by the database in the statement."""
        if self._clock is not None:
            return self._clock()
        return _DB_NOW if self.engine.dialect.name == "postgresql" else utcnow()

    # -- intake -------------------------------------------------------------------------
    def enqueue(self, delivery_id: str, event: str, payload: str, *, action: str | None = None,
                installation_id: int | None = None, repo: str | None = None,
                number: int | None = None, body_sha256: str | None = None) -> bool:
        """Store a new pending delivery; False (and nothing changed) if the id is known, or if
        ``body_sha256`` (the raw body's digest) is stored under another id: a replay, which
        ``replay_of`` names. Both are unique indexes, so of two replicas racing with the same
        id or body one insert wins and the other gets False, never an error."""
        now = self._now()
        values = dict(delivery_id=delivery_id, event=event, action=action, payload=payload,
                      installation_id=installation_id, repo=repo, number=number,
                      status="pending", attempts=0, next_attempt_at=now, received_at=now,
                      body_sha256=body_sha256)
        with write_transaction(self.engine) as conn:
            stmt = upsert_insert(conn)(T).values(**values).on_conflict_do_nothing().returning(T.id)
            new = conn.execute(stmt).first() is not None
            if new:
                notify(conn)  # workers in other processes wake at commit (PostgreSQL)
            return new

    def is_stale(self, body_time: datetime, retention_days: float) -> bool:
        """Whether a body stamped ``body_time`` (naive UTC, GitHub's clock; the intake reads a comment's) is older
        than ``replay_window(retention_days)`` by the store's clock: its digest may have been
        purged, so it can no longer be told from a replay. Never with ``retention_days`` 0 (every
        digest is kept, and refuses its replays for good)."""
        if not retention_days:
            return False
        return body_time < self.current_time() - replay_window(retention_days)

    def current_time(self) -> datetime:
        """Now as a value, on the clock stored times are on: the database's on PostgreSQL (one
        query), this process's on SQLite, the injected one in tests."""
        if self._clock is not None:
            return self._clock()
        if self.engine.dialect.name != "postgresql":
            return utcnow()
        with self.engine.connect() as conn:
            return conn.scalar(select(_DB_NOW))

    def replay_of(self, delivery_id: str, body_sha256: str | None) -> str | None:
        """The other delivery id stored with this body digest, when ``enqueue`` refused
        ``delivery_id`` as a replay; None when ``delivery_id`` itself is stored (a redelivery:
        a duplicate, as before digests were kept), the digest is not, or there is none."""
        if body_sha256 is None:  # never `IS NULL`: every row without a digest would match
            return None
        stmt = select(T.delivery_id).where(or_(T.delivery_id == delivery_id,
                                               T.body_sha256 == body_sha256))
        with self.engine.connect() as conn:
            known = set(conn.scalars(stmt))
        return None if not known or delivery_id in known else known.pop()

    # -- worker side ----------------------------------------------------------------------
    def claim(self, worker_id: str, *, lease_seconds: float, max_attempts: int = 8,
              max_rate_limited_attempts: int | None = None,
              on_abandoned: Callable[[list[tuple[str, str]]], object] | None = None
              ) -> Delivery | None:
        """Take the oldest due delivery for ``worker_id`` (attempts += 1), or None.
        A claim whose lease ran out (its worker died) is taken over while its attempts are
        within budget: ``max_rate_limited_attempts`` of all its attempts when its last recorded
        attempt hit a rate limit or GitHub's own trouble (``rate_limited``), else ``max_attempts``
        of its ordinary ones (``claimable.spent``). Deliveries failed meanwhile past that budget are passed, as
        (delivery_id, event) pairs, to ``on_abandoned`` once that is committed."""
        abandoned: list[tuple[str, str]] = []
        budget = case((T.rate_limited, max(max_attempts, max_rate_limited_attempts or 0)), else_=max_attempts)
        claimed = self._claim(worker_id, lease_seconds, budget, abandoned)
        if abandoned and on_abandoned is not None:
            on_abandoned(abandoned)
        return claimed

    def _claim(self, worker_id: str, lease_seconds: float, max_attempts,
               abandoned: list) -> Delivery | None:
        """``claim`` in one transaction; ``abandoned`` gets the rows it failed."""
        now, tick = self._now(), (self._clock or utcnow)()
        with write_transaction(self.engine) as conn:
            if tick - self._last_reap >= _REAP_EVERY:  # a local schedule: any clock will do
                abandoned.extend(self._fail_exhausted(conn, now, max_attempts))
                self._last_reap = tick
            for row in claimable(conn, now, max_attempts):
                if not lock_pr(conn, row, now):
                    continue
                claimed = conn.execute(update(T).where(T.id == row.id).values(
                    status="processing", claimed_by=worker_id, attempts=T.attempts + 1,
                    lease_until=now + timedelta(seconds=lease_seconds),
                ).returning(*_INFO_COLUMNS, T.payload)).one()
                return Delivery(**claimed._mapping)
        return None

    # Each of these acts only on the claim ``worker_id`` holds, and with ``attempt`` (the fencing
    # token: the claim's ``attempts``) only on that very attempt: a late answer from an attempt
    # whose lease lapsed is refused (False) even when the same worker id claimed the row again.
    def renew(self, delivery_id: str, worker_id: str, lease_seconds: float, *,
              attempt: int | None = None) -> bool:
        """Extend a live claim; False if the claim was lost to another worker."""
        until = self._now() + timedelta(seconds=lease_seconds)
        return self._finish(delivery_id, worker_id, attempt, status="processing", lease_until=until)

    def complete(self, delivery_id: str, worker_id: str, result: str | None = None, *,
                 attempt: int | None = None) -> bool:
        """Mark done, keeping the handler's one-line ``result`` for operators."""
        return self._finish(delivery_id, worker_id, attempt, status="done", finished_at=self._now(),
                            result=_clip(result))

    def ignore(self, delivery_id: str, worker_id: str, reason: str, *,
               attempt: int | None = None) -> bool:
        return self._finish(delivery_id, worker_id, attempt, status="ignored",
                            finished_at=self._now(), result=_clip(reason))

    def fail(self, delivery_id: str, worker_id: str, error: str, *,
             attempt: int | None = None) -> bool:
        return self._finish(delivery_id, worker_id, attempt, status="failed",
                            finished_at=self._now(), last_error=error[:MAX_ERROR_CHARS])

    def retry_later(self, delivery_id: str, worker_id: str, error: str, delay: float, *,
                    rate_limited: bool = False, attempt: int | None = None) -> bool:
        """Give the delivery back as pending, due ``delay`` seconds from now; ``rate_limited``:
        this attempt only hit a rate limit (the claimer's larger budget applies)."""
        due = self._now() + timedelta(seconds=delay)
        return self._finish(delivery_id, worker_id, attempt, status="pending", next_attempt_at=due,
                            last_error=error[:MAX_ERROR_CHARS], rate_limited=rate_limited,
                            github_side_attempts=T.github_side_attempts + int(rate_limited))

    # -- operators --------------------------------------------------------------------------
    def get(self, delivery_id: str, *, with_payload: bool = False) -> Delivery | None:
        with self.engine.connect() as conn:
            return self._fetch(conn, T.delivery_id == delivery_id, with_payload=with_payload)

    def list(self, *, status: str | None = None, limit: int = 50) -> list[Delivery]:
        """Deliveries newest first, optionally of one status (payloads not loaded); limit >= 1."""
        stmt = select(*_INFO_COLUMNS).order_by(T.id.desc()).limit(bounds.count(limit, "limit"))
        if status is not None:
            stmt = stmt.where(T.status == status)
        with self.engine.connect() as conn:
            return [Delivery(**row._mapping) for row in conn.execute(stmt)]

    def counts(self) -> dict[str, int]:
        """Number of deliveries per status."""
        stmt = select(T.status, func.count()).group_by(T.status)
        with self.engine.connect() as conn:
            return {status: n for status, n in conn.execute(stmt)}

    def queue_depth(self) -> int:
        """Deliveries pending or in progress: an index search, however many finished rows the
        retention period keeps (``counts()`` reads them all)."""
        stmt = select(func.count()).where(T.status.in_(("pending", "processing")))
        with self.engine.connect() as conn:
            return conn.scalar(stmt)

    def retry(self, delivery_id: str) -> bool:
        """Make a delivery pending again with attempts reset; refused while a live worker
        holds it (a claim whose lease ran out may be reset)."""
        idle = or_(T.status != "processing", T.lease_until <= self._now())
        return self._reset(and_(T.delivery_id == delivery_id, idle)) == 1

    def retry_all_failed(self) -> int:
        return self._reset(T.status == "failed")

    def purge(self, older_than_days: float) -> int:
        """Delete done and ignored deliveries finished more than ``older_than_days`` ago
        (failed ones stay until an operator retries them); returns how many went.

        A row with a body digest goes with its digest, so it is kept ``CLOCK_SKEW`` longer than
        ``replay_window(older_than_days)``, at least 3 days and 2 hours whatever the retention:
        a body that ``is_stale`` lets through still finds it and is refused as a replay, and
        GitHub's redelivery of an event that never reached us is not refused as stale. Rows
        without a digest keep the plain ``older_than_days``. (The server never purges with
        retention 0: everything is kept, and replays are refused for good.) ``PURGE_BATCH`` rows
        go per write transaction (``bot.store.batches``), so the intake never waits long.
        Past ``bot.store.bounds`` (0 to 36500 days, finite): a ``ValueError``, nothing deleted."""
        older_than_days = bounds.retention_days(older_than_days)
        now = self.current_time()  # one cutoff for every batch
        kept_digests = replay_window(older_than_days) + CLOCK_SKEW
        finished = (T.status.in_(("done", "ignored")),)  # an operator's retry may reset one meanwhile
        old = (T.finished_at < now - timedelta(days=older_than_days),
               or_(T.body_sha256.is_(None), T.finished_at < now - kept_digests))
        return delete_in_batches(self.engine, T, finished + old, recheck=finished + old, batch=PURGE_BATCH)

    # -- internals --------------------------------------------------------------------------
    def _fail_exhausted(self, conn: Connection, now, max_attempts) -> list[tuple[str, str]]:
        """Fail rows whose last attempt's lease ran out; their (delivery_id, event)."""
        stmt = (update(T).where(T.status == "processing", T.lease_until <= now,
                                spent() >= max_attempts)
                .values(status="failed", finished_at=now, claimed_by=None, lease_until=None,
                        last_error=LOST_LEASE).returning(T.delivery_id, T.event))
        return [(row.delivery_id, row.event) for row in conn.execute(stmt)]

    def _finish(self, delivery_id: str, worker_id: str, attempt: int | None, **values) -> bool:
        if values.get("status") != "processing":
            values.update(claimed_by=None, lease_until=None)
        held = [T.delivery_id == delivery_id, T.claimed_by == worker_id, T.status == "processing"]
        if attempt is not None:
            held.append(T.attempts == attempt)
        stmt = update(T).where(*held).values(**values)
        with write_transaction(self.engine) as conn:
            return conn.execute(stmt).rowcount == 1

    def _reset(self, condition) -> int:
        stmt = update(T).where(condition).values(
            status="pending", attempts=0, next_attempt_at=self._now(), claimed_by=None,
            lease_until=None, finished_at=None, result=None, rate_limited=False, github_side_attempts=0)
        with write_transaction(self.engine) as conn:
            return conn.execute(stmt).rowcount

    @staticmethod
    def _fetch(conn: Connection, condition, *, with_payload: bool) -> Delivery | None:
        columns = _INFO_COLUMNS + ([T.payload] if with_payload else [])
        row = conn.execute(select(*columns).where(condition)).first()
        return None if row is None else Delivery(**row._mapping)


def _clip(text: str | None) -> str | None:
    return None if text is None else text[:MAX_ERROR_CHARS]
