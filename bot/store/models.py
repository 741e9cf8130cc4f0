"""SQLAlchemy tables: webhook deliveries (the durable queue), overrides and decisions.

Times are naive UTC (``TIMESTAMP WITHOUT TIME ZONE``) so SQLite and PostgreSQL agree.
The Alembic revisions under ``migrations/versions`` create exactly these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

STATUSES = ("pending", "processing", "done", "failed", "ignored")


class Base(DeclarativeBase):
    pass


class DeliveryRow(Base):
    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(String(100), unique=True)
    event: Mapped[str] = mapped_column(String(100))
    action: Mapped[str | None] = mapped_column(String(100))
    installation_id: Mapped[int | None] = mapped_column(BigInteger)
    repo: Mapped[str | None] = mapped_column(String(300))
    number: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)  # the handler's one-line outcome
    received_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # the last recorded attempt hit a rate limit: a worker dying on the next one leaves the
    # delivery the rate-limited budget of attempts, not the ordinary one (revision 0002)
    rate_limited: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # how many attempts met only a rate limit or GitHub's own trouble: the rest are ordinary ones,
    # held to the ordinary budget (revision 0008)
    github_side_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # SHA-256 (hex) of the raw signed body: the same body under another delivery id is a replay
    # (revision 0003; NULL on older rows, and NULLs never collide)
    body_sha256: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_deliveries_status", "status", "id"),
        Index("ix_deliveries_pr", "repo", "number", "status"),
        Index("ux_deliveries_body_sha256", "body_sha256", unique=True),
    )


class OverrideRow(Base):
    __tablename__ = "overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(300))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)
    head_sha: Mapped[str] = mapped_column(String(64), default="")
    score: Mapped[int | None] = mapped_column(Integer)
    model_version: Mapped[str] = mapped_column(Text, default="")  # any length: a version names its design
    detail: Mapped[str] = mapped_column(Text, default="")
    # an exemption's: the clearance it was given over, as JSON, in force again when it ends (revision 0006)
    under: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("repo", "number", name="uq_overrides_pr"),)


class EndingRow(Base):
    """The latest ending of each kind of a PR's decision (a cancel, the exempt label taken off): a
    table of its own, so a release that knows only ``overrides`` reads the ended decision as gone,
    as it wrote it. One row per PR; ``kinds`` carries each kind's time, ``sources`` each earlier-ended
    kind's actor and detail (``bot.store.endingrows``)."""

    __tablename__ = "override_endings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(300))
    number: Mapped[int] = mapped_column(Integer)
    kinds: Mapped[str] = mapped_column(String(200))  # the kinds it ended, comma-separated
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)
    detail: Mapped[str] = mapped_column(Text, default="")
    # each earlier-ended kind's time, actor and detail, as JSON (revision 0009; NULL: one ending, or older rows)
    sources: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("repo", "number", name="uq_override_endings_pr"),)


class DecisionRow(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(300))
    number: Mapped[int] = mapped_column(Integer)
    head_sha: Mapped[str] = mapped_column(String(64))
    score: Mapped[int] = mapped_column(Integer)
    band: Mapped[str] = mapped_column(String(40))
    model_version: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    shadow: Mapped[bool] = mapped_column(Boolean)
    actions: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of strings

    __table_args__ = (Index("ix_decisions_pr", "repo", "number", "at"),)
