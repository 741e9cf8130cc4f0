"""``SqlStateStore.decisions(shadow=...)`` filters in SQL before the limit: the newest ``limit``
shadow decisions, however many real ones were recorded after them (a repository on a shadow trial
beside repositories acting for real). On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app.context import Decision
from bot.store import SqlStateStore

AT = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def state(engine):
    state = SqlStateStore(engine)
    for n in (1, 2):
        state.record_decision(Decision("o/trial", n, "a" * 40, 60, "medium", "m", AT, shadow=True))
    for n in range(3, 13):  # ten real decisions, all newer
        state.record_decision(Decision("o/live", n, "b" * 40, 10, "low", "m", AT + timedelta(minutes=n), shadow=False))
    return state


def test_the_shadow_decisions_come_through_newer_real_ones(state):
    assert [(d.repo, d.number) for d in state.decisions(limit=5, shadow=True)] == [("o/trial", 2), ("o/trial", 1)]
    assert [d.number for d in state.decisions(limit=1, shadow=True)] == [2]  # the newest of them


def test_the_filter_is_on_the_other_side_too_and_absent_by_default(state):
    assert [d.number for d in state.decisions(limit=3, shadow=False)] == [12, 11, 10]
    assert [d.number for d in state.decisions(limit=100)] == [*range(12, 2, -1), 2, 1]
    assert state.decisions("o/live", shadow=True) == []
