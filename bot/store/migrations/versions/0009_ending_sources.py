"""override_endings.sources: who and what ended each earlier-ended kind, not only the newest.

A PR's one endings row kept each kind's time (revision 0007) but only the newest ending's actor and
detail: an earlier ending's were kept only when the same (one comment's two cancels). So a comment
whose ``ok cancel`` ended the clearance and whose reply then failed, retried after a person took the
exempt label off, no longer found that it had ended it and said "Nothing to cancel" to the
maintainer who had just cancelled it. ``sources`` keeps each earlier-ended kind's time, actor and
detail as JSON (``bot.store.endingrows``); NULL on a row with one ending and on rows written before
this revision, which read as before. A release before it ignores the column and may write the row
over, leaving it as it was: a kind's source is read only where its time there is the kind's time
in ``kinds``, so it is never another ending's. Releases on either side of it may overlap.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("override_endings", sa.Column("sources", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("override_endings") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("sources")
