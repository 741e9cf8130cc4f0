"""override_endings: when a person ended a PR's decision, and which kinds it ended.

A cancel (``/sieve ok cancel``, the exempt label taken off, the check run's "Undo") used to
delete the override and keep nothing, so a late retry of the action it ended (a ``labeled``
delivery, a ``/sieve ok`` comment, a button press) found no later decision and brought it back.
The override row is still deleted, as earlier releases expect; the ending is kept here. An
earlier release refuses this revision, and while one runs beside this one (a rolling update)
it reads ``overrides`` as it always did. One row with an empty ``repo`` marks when endings began
to be kept: a PR's cancel made before it left no ending (``SqlStateStore.endings_since``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "override_endings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("repo", sa.String(300), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kinds", sa.String(200), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default=""),
        sa.UniqueConstraint("repo", "number", name="uq_override_endings_pr"),
    )
    began = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(table, [{"repo": "", "number": 0, "kinds": "", "actor": "", "at": began,
                            "detail": "endings are kept from here on"}])


def downgrade() -> None:
    op.drop_table("override_endings")
