"""deliveries.body_sha256: the SHA-256 of the raw signed body, unique, so a replay is refused.

GitHub signs the body only, not ``X-GitHub-Delivery`` or ``X-GitHub-Event``: a captured signed
body sent again under a fresh delivery id passes the signature check and the id dedupe. The
intake records each body's digest, and the unique index refuses a second row with the same one
(on PostgreSQL, of two replicas racing with the same body one insert wins). Rows stored before
this revision keep NULL, and NULLs never collide in a unique index (SQLite or PostgreSQL).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("body_sha256", sa.String(64), nullable=True))
    op.create_index("ux_deliveries_body_sha256", "deliveries", ["body_sha256"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_deliveries_body_sha256", table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("body_sha256")
