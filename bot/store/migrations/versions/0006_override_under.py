"""overrides.under: the clearance an exemption was given over, in force again when it ends.

One override row per PR held only the latest decision, so ``/sieve ok`` then ``/sieve exempt``
then ``/sieve exempt cancel`` left nothing in force: the PR was labelled and flagged again though
no one had cancelled the clearance. The exemption's row now keeps that clearance (JSON, NULL on
every other row and on rows written before this revision). A release before it ignores the
column: its upsert of an override leaves the column as it was. The store reads ``under`` only on
an exemption's row, but that is not enough while both releases run: an older replica writing a
band label and then an exemption over a row that held one leaves the stale clearance under the
new exemption, and its end brings that clearance back. Do not overlap releases across this
revision (README, "Run it").

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("overrides", sa.Column("under", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("overrides") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("under")
