"""override_endings.kinds keeps each kind's own ending time: no schema change, a release boundary.

Since this revision ``kinds`` names every kind ended and may go on with a stamp and each
earlier-ended kind's own time (``bot.store.endingrows``). A release before it reads every kind
named as ended at the row's time. That is wrong when an earlier ending is handled after a later
one (a late cancel): the earlier release then reads the cancelled clearance as ended at the later
time and drops a person's ``/sieve ok`` made between the two, with no reply. Nothing in the
schema changes; this revision only makes a release before it refuse a database this one has
used (``SchemaNewerThanThisRelease``), so the two never run side by side. Do not overlap
releases across this revision (README, "Run it"). Downgrading changes no row: a release before
it would read rows written since as described above.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No schema change: the revision marks the new meaning of ``override_endings.kinds``."""


def downgrade() -> None:
    """No schema change to undo."""
