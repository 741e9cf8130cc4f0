"""deliveries.github_side_attempts: how many of a delivery's attempts met only a rate limit or
GitHub's own trouble (a 5xx, a timeout, a lost connection).

The worker allowed ``max_attempts`` ordinary failures, but compared that budget with every attempt
made: a delivery that rode out a GitHub incident on its larger budget was failed for good by the
first ordinary error after it (a database blip, a handler cut off as hung). Ordinary attempts are
now ``attempts - github_side_attempts``. A release before this revision ignores the column (rows
it retries keep the count they had, so the newer one allows them at most what the older did), and
rows written before it count every attempt as ordinary, as before.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("github_side_attempts", sa.Integer(), nullable=False,
                                          server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("github_side_attempts")
