"""The store's purges and listings refuse arguments past the CLI's bounds themselves, whoever calls
them: a retention of 0 to 36500 days, finite (``sieve ... purge --days`` and the settings hold it
there, a direct call did not), a limit of at least 1, a purge batch of 1 to ``MAX_BATCH``. A
negative retention deleted every finished delivery and every decision but the kept ones, NaN or a
huge one ended in an OverflowError, a limit of None read the whole table and a negative batch
deleted everything in one transaction. Now each is a ValueError naming the argument, and nothing
is deleted; 0 and 36500 days still purge as before."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from bot.app.context import Decision
from bot.store import SqlStateStore
from bot.store.batches import delete_in_batches
from bot.store.bounds import MAX_BATCH
from bot.store.models import DecisionRow

BAD_DAYS = [-1, -0.001, -36500, 36500.5, 1e308, float("inf"), float("-inf"), float("nan"), True, "14", None]
BAD_COUNTS = [None, 0, -1, 1.5, True, "50"]


@pytest.fixture
def filled(store, engine, clock):
    """A delivery finished a minute ago and a PR's two decisions of today (one of them not its newest)."""
    store.enqueue("d1", "issue_comment", "{}", repo="o/r", number=1)
    claimed = store.claim("w", lease_seconds=60)
    store.complete(claimed.delivery_id, "w")
    clock.advance(60)
    state = SqlStateStore(engine)
    now = clock.now.replace(tzinfo=UTC)
    for sha in ("a", "b"):
        state.record_decision(Decision("o/r", 1, sha, 50, "medium", "m", now - timedelta(minutes=1), shadow=False))
    return store, state, now


def _left(store, state) -> tuple:
    return store.counts(), [d.head_sha for d in state.decisions(limit=10)]


@pytest.mark.parametrize("days", BAD_DAYS, ids=repr)
def test_a_retention_out_of_bounds_is_a_value_error_and_nothing_is_deleted(filled, days):
    store, state, now = filled
    before = _left(store, state)
    with pytest.raises(ValueError, match="older_than_days must be a finite number of days from 0 to 36500"):
        store.purge(days)
    with pytest.raises(ValueError, match="older_than_days must be a finite number of days from 0 to 36500"):
        state.purge_decisions(days, now=now)
    assert _left(store, state) == before == ({"done": 1}, ["b", "a"])


def test_the_bounds_themselves_still_purge(filled):
    store, state, now = filled
    assert store.purge(36500) == 0 and state.purge_decisions(36500, now=now) == 0
    assert store.purge(0) == 1 and state.purge_decisions(0, now=now) == 1  # as `--days 0` does
    assert _left(store, state) == ({}, ["b"])  # the PR's newest decision stays


@pytest.mark.parametrize("limit", BAD_COUNTS, ids=repr)
def test_a_listing_limit_below_1_or_not_whole_is_a_value_error(filled, limit):
    store, state, _ = filled
    with pytest.raises(ValueError, match="limit must be a whole number from 1"):
        state.decisions(limit=limit)
    with pytest.raises(ValueError, match="limit must be a whole number from 1"):
        store.list(limit=limit)
    assert [d.head_sha for d in state.decisions(limit=1)] == ["b"] and len(store.list(limit=1)) == 1


@pytest.mark.parametrize("batch", [*BAD_COUNTS, MAX_BATCH + 1], ids=repr)
def test_a_purge_batch_out_of_bounds_is_a_value_error_and_nothing_is_deleted(filled, engine, batch):
    store, state, _ = filled
    with pytest.raises(ValueError, match=f"batch must be a whole number from 1 to {MAX_BATCH}"):
        delete_in_batches(engine, DecisionRow, (DecisionRow.id > 0,), batch=batch)
    assert _left(store, state)[1] == ["b", "a"]
    assert delete_in_batches(engine, DecisionRow, (DecisionRow.id > 0,), batch=MAX_BATCH) == 2
