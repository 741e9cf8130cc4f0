"""Child-process bodies for the upgrade tests (importable under ``spawn``)."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import event

from bot.store import make_engine, migrate


def migrate_until_killed(db_url: str, marker: str, statement: str) -> None:
    """Migrate to head, but stop for good right after running ``statement``: the test kills
    this process there, half way through the migration."""
    engine = make_engine(db_url)

    @event.listens_for(engine, "after_cursor_execute")
    def _hang(_conn, _cursor, sql, *_args) -> None:
        if statement in sql:
            Path(marker).write_text(sql)
            time.sleep(600)

    migrate(engine)
