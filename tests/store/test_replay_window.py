"""The replay window on SQLite and PostgreSQL: ``DeliveryStore.is_stale`` and ``purge`` read one
``replay_window``, so a body the stale check lets through always finds its first delivery's
digest, whatever the retention; a digest is kept at least GitHub's 3 redelivery days (and the
clock-skew margin) even under a shorter retention, while rows without one keep the plain one."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from bot.store import DeliveryStore, utcnow
from bot.store.replays import CLOCK_SKEW, GITHUB_REDELIVERY, replay_window

DAY = 86400
SECOND = timedelta(seconds=1)


def _digest(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def _done(store, delivery_id: str, *, digest: bool = True) -> None:
    assert store.enqueue(delivery_id, "issue_comment", "{}", action="created", repo="o/r",
                         number=len(delivery_id), body_sha256=_digest(delivery_id) if digest else None)
    claimed = store.claim("w", lease_seconds=30)
    assert claimed.delivery_id == delivery_id and store.complete(delivery_id, "w", "ok")


def test_the_window_is_the_retention_but_never_under_githubs_redelivery_days_and_the_margin():
    assert replay_window(14) == timedelta(days=14)
    assert replay_window(1) == replay_window(0) == GITHUB_REDELIVERY + CLOCK_SKEW
    assert replay_window(3.5) == timedelta(days=3.5)


def test_a_one_day_retention_purges_a_digest_less_row_but_keeps_a_digest_until_the_window_closes(store, clock):
    _done(store, "comment")
    _done(store, "check-run", digest=False)
    clock.advance(2 * DAY)
    assert store.purge(1) == 1
    assert [d.delivery_id for d in store.list()] == ["comment"]
    clock.now = store.get("comment").finished_at + GITHUB_REDELIVERY + 2 * CLOCK_SKEW
    assert store.purge(1) == 0  # 3 days 2 hours: not yet
    clock.advance(1)
    assert store.purge(1) == 1 and store.counts() == {}


@pytest.mark.parametrize("retention", [0.25, 1, 3, 3.05, 14, 30])
def test_a_body_the_stale_check_lets_through_still_has_its_row_after_any_purge(store, clock, retention):
    """The body written, received and handled at one instant t0 (the tightest case; a body
    stamped up to ``CLOCK_SKEW`` later is the next test's)."""
    t0 = clock.now
    _done(store, "first")
    window = replay_window(retention)
    clock.now = t0 + window - SECOND
    assert not store.is_stale(t0, retention)
    store.purge(retention)
    assert store.get("first") is not None
    assert not store.enqueue("replayed", "issue_comment", "{}", body_sha256=_digest("first"))
    assert store.replay_of("replayed", _digest("first")) == "first"
    clock.now = t0 + window + SECOND
    assert store.is_stale(t0, retention)


@pytest.mark.parametrize("retention", [1, 14])
def test_a_body_stamped_up_to_the_skew_ahead_of_its_receipt_still_has_its_row(store, clock, retention):
    t0 = clock.now
    _done(store, "first")
    body_time = t0 + CLOCK_SKEW  # GitHub's clock an hour ahead of ours
    clock.now = body_time + replay_window(retention) - SECOND
    assert not store.is_stale(body_time, retention)
    store.purge(retention)
    assert store.get("first") is not None


def test_retention_0_never_calls_a_body_stale(store, clock):
    assert not store.is_stale(datetime(1, 1, 1), 0)
    assert store.is_stale(datetime(1, 1, 1), 14)


def test_a_failed_delivery_keeps_its_digest_whatever_its_age(store, clock):
    store.enqueue("failed", "issue_comment", "{}", body_sha256=_digest("failed"))
    claimed = store.claim("w", lease_seconds=30)
    store.fail(claimed.delivery_id, "w", "boom")
    clock.advance(400 * DAY)
    assert store.purge(1) == 0 and store.get("failed") is not None


def test_without_a_clock_the_store_reads_the_time_stored_times_are_on(engine):
    """PostgreSQL's own clock (one query), this process's on SQLite: both naive UTC."""
    store = DeliveryStore(engine)
    now = store.current_time()
    assert now.tzinfo is None and abs(now - utcnow()) < timedelta(minutes=1)
    store.enqueue("d", "issue_comment", "{}", body_sha256=_digest("d"))
    assert abs(store.get("d").received_at - now) < timedelta(minutes=1)
