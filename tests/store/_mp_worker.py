"""Child-process body for the multi-process worker test (importable under ``spawn``)."""

from __future__ import annotations

import time
from pathlib import Path

from bot.app.worker import RetryPolicy, Worker
from bot.store import DeliveryStore, SqlStateStore, init_db, make_engine


def run_until_drained(db_url: str, out_path: str, index: int) -> None:
    """Process deliveries until none is pending or processing; log each id to ``out_path``."""
    engine = make_engine(db_url)
    store = DeliveryStore(engine)
    seen: list[str] = []

    def counting_handler(event, payload, ctx) -> None:
        seen.append(ctx.delivery_id)

    worker = Worker(store, counting_handler, lambda _installation: None, SqlStateStore(engine),
                    policy=RetryPolicy(lease_seconds=60), worker_id=f"proc-{index}")
    while True:
        if worker.process_one() is not None:
            continue
        counts = store.counts()
        if not counts.get("pending") and not counts.get("processing"):
            break
        time.sleep(0.01)
    Path(out_path).write_text("\n".join(seen))
    engine.dispose()


def start_replicas_together(db_url: str, prefix: str, n: int = 3) -> list[int | None]:
    """Start ``n`` processes that each migrate and enqueue one delivery (``prefix`` + index) at once;
    their exit codes."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=migrate_and_enqueue, args=(db_url, f"{prefix}{i}")) for i in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    return [p.exitcode for p in procs]


def migrate_and_enqueue(db_url: str, delivery_id: str) -> None:
    """What each replica does on start: migrate to head, then accept a delivery."""
    engine = init_db(db_url)
    DeliveryStore(engine).enqueue(delivery_id, "ping", "{}")
    engine.dispose()
