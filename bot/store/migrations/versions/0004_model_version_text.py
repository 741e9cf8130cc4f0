"""overrides.model_version and decisions.model_version: text of any length, not VARCHAR(100).

A model version names the design it was trained with (``2026.11.28-<sha>-blend-...-floor0.5s0.5``),
and v8's is 103 characters. SQLite ignores a VARCHAR's length; PostgreSQL refused every decision
and override of v8 ("value too long for type character varying(100)"), so on PostgreSQL each
scored PR's delivery failed after its GitHub writes and no maintainer decision was kept.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("overrides", "decisions")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:  # SQLite changes a column by copying the table
            batch.alter_column("model_version", type_=sa.Text(), existing_type=sa.String(100))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("model_version", type_=sa.String(100), existing_type=sa.Text())
