"""The replay window's numbers as the README states them, written out as literals: a comment body
is refused as stale when older than the retention "or than 3 days 1 hour", and a delivery with a
digest is kept "SIEVE_RETENTION_DAYS plus an hour, and at least 3 days 2 hours".

``test_replay_window.py`` computes its expectations from ``GITHUB_REDELIVERY + CLOCK_SKEW``
imported from production, so a ``CLOCK_SKEW`` of 0 (the margin that closes the replay hole
described in ``bot.store.replays``) moved the test and the code together and went unseen. Nothing
here imports those constants. On SQLite and PostgreSQL, on a settable clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store.replays import replay_window

from .test_replay_window import _digest, _done

SECOND = timedelta(seconds=1)
THREE_DAYS_ONE_HOUR = timedelta(days=3, hours=1)  # README: GitHub's 3 redelivery days + an hour of skew
THREE_DAYS_TWO_HOURS = timedelta(days=3, hours=2)  # README: the shortest a digest is ever kept


@pytest.mark.parametrize(("retention", "window"), [
    (0, THREE_DAYS_ONE_HOUR),  # retention 0 never purges, but the window itself is still the floor
    (1, THREE_DAYS_ONE_HOUR),  # a short retention is lifted to GitHub's 3 days and the hour
    (3, THREE_DAYS_ONE_HOUR),  # 3 days alone would miss the skew hour
    (3.04, THREE_DAYS_ONE_HOUR),  # 3 days 58 minutes: still under the floor
    (3.05, timedelta(days=3, hours=1, minutes=12)),  # over the floor: the retention itself
    (14, timedelta(days=14)),
])
def test_the_replay_window_is_the_retention_but_at_least_3_days_1_hour(retention, window):
    assert replay_window(retention) == window


def test_under_a_one_day_retention_a_comment_is_stale_only_past_3_days_1_hour(store, clock):
    assert not store.is_stale(clock.now - THREE_DAYS_ONE_HOUR + SECOND, 1)
    assert not store.is_stale(clock.now - timedelta(days=3, minutes=30), 1)  # inside the skew hour
    assert store.is_stale(clock.now - THREE_DAYS_ONE_HOUR - SECOND, 1)


def test_under_a_one_day_retention_a_digest_is_kept_3_days_2_hours(store, clock):
    _done(store, "comment")
    _done(store, "check-run", digest=False)
    finished = store.get("comment").finished_at
    clock.now = finished + timedelta(days=1) + SECOND
    assert store.purge(1) == 1  # the digest-less row goes after the plain day
    clock.now = finished + THREE_DAYS_TWO_HOURS
    assert store.purge(1) == 0 and store.get("comment") is not None  # not yet at 3 days 2 hours
    clock.now = finished + THREE_DAYS_TWO_HOURS + SECOND
    assert store.purge(1) == 1 and store.counts() == {}


def test_under_a_14_day_retention_a_digest_is_kept_an_hour_longer_than_the_retention(store, clock):
    _done(store, "comment")
    _done(store, "check-run", digest=False)
    finished = store.get("comment").finished_at
    clock.now = finished + timedelta(days=14) + SECOND
    assert store.purge(14) == 1  # the check run's row: the plain retention
    clock.now = finished + timedelta(days=14, hours=1)
    assert store.purge(14) == 0 and store.get("comment") is not None
    clock.now = finished + timedelta(days=14, hours=1) + SECOND
    assert store.purge(14) == 1 and store.counts() == {}


@pytest.mark.parametrize("retention", [1, 14])
def test_a_body_stamped_an_hour_ahead_of_its_receipt_still_finds_its_row(store, clock, retention):
    """GitHub's clock an hour ahead of ours (README's margin): the body says t0 + 1 hour, the row
    finished at t0. A second before the stale check would refuse it, after the hourly purge, the
    row and its digest are still there, so the replay is refused as a replay."""
    t0 = clock.now
    _done(store, "first")
    body_time = t0 + timedelta(hours=1)
    window = max(timedelta(days=retention), THREE_DAYS_ONE_HOUR)
    clock.now = body_time + window - SECOND
    assert not store.is_stale(body_time, retention)
    store.purge(retention)
    assert store.get("first") is not None
    assert store.replay_of("replayed", _digest("first")) == "first"
