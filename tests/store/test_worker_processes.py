"""Two worker processes drain one queue: every delivery is handled exactly once."""

from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import insert

from bot.store import DeliveryStore, utcnow
from bot.store.models import DeliveryRow

from ._mp_worker import run_until_drained, start_replicas_together

# 2,000 on PostgreSQL (the production multi-replica setup); fewer on SQLite, whose single
# writer lock serialises the two processes anyway.
DELIVERIES = {"postgresql": 2000, "sqlite": 400}


def _seed(engine, n: int) -> list[str]:
    now = utcnow()
    rows = [dict(delivery_id=f"mp-{i}", event="pull_request", action="synchronize",
                 installation_id=1, repo="octo/repo", number=i % 200, payload="{}",
                 status="pending", attempts=0, next_attempt_at=now, received_at=now)
            for i in range(n)]
    with engine.begin() as conn:
        conn.execute(insert(DeliveryRow), rows)
    return [r["delivery_id"] for r in rows]


@pytest.mark.slow
def test_two_processes_handle_each_delivery_exactly_once(engine, db_url, tmp_path):
    n = DELIVERIES[engine.dialect.name]
    ids = _seed(engine, n)
    ctx = multiprocessing.get_context("spawn")
    outs = [tmp_path / f"out{i}.txt" for i in range(2)]
    procs = [ctx.Process(target=run_until_drained, args=(db_url, str(out), i))
             for i, out in enumerate(outs)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
        assert p.exitcode == 0
    handled = Counter(line for out in outs for line in out.read_text().splitlines())
    assert set(handled) == set(ids)
    assert max(handled.values()) == 1
    assert DeliveryStore(engine).counts() == {"done": n}
    assert all(out.read_text() for out in outs), "both processes should have taken work"


def test_replicas_starting_together_migrate_once(db_url):
    assert start_replicas_together(db_url, "r") == [0, 0, 0]
    from bot.store import init_db
    engine = init_db(db_url)
    assert DeliveryStore(engine).counts() == {"pending": 3}
    engine.dispose()
