"""Child-process body for the replica tests (importable under ``spawn``): a worker whose
handler announces the delivery it holds and then never returns, until the test kills it."""

from __future__ import annotations

import time
from pathlib import Path

from bot.app.worker import RetryPolicy, Worker
from bot.store import DeliveryStore, SqlStateStore, make_engine


def hold_until_killed(db_url: str, marker: str, lease_seconds: float) -> None:
    engine = make_engine(db_url)

    def handler(_event, _payload, ctx) -> None:
        Path(marker).write_text(ctx.delivery_id)
        time.sleep(600)

    worker = Worker(DeliveryStore(engine), handler, lambda _i: None, SqlStateStore(engine),
                    policy=RetryPolicy(lease_seconds=lease_seconds), worker_id="doomed")
    while worker.process_one() is None:
        time.sleep(0.05)
