"""deliveries.rate_limited: whether the last recorded attempt hit a GitHub rate limit.

A worker killed (deploy, OOM) during an attempt leaves its delivery "processing" until the
lease runs out; the claimer then takes it over or, past the attempt budget, fails it. A
delivery that was only waiting out rate limits has the larger rate-limited budget, and this
column tells the claimer which budget applies.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("rate_limited", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("rate_limited")
