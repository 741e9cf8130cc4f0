"""A replayed body is refused only while its digest is kept, and the retention purge deletes
digests: so a comment's body older, by its own time, than the
digests are kept (``bot.store.replays.replay_window``) is refused as "stale", never stored or
handled, while every body GitHub may still legitimately send (a redelivery within 3 days) gets
through. On SQLite and PostgreSQL, on a settable clock; the last test on each database's own."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from bot.app.server import create_app
from bot.obs import metrics
from bot.settings import Settings
from bot.store.replays import CLOCK_SKEW, GITHUB_REDELIVERY
from tests.pgschema import db_url  # noqa: F401  (the SQLite / PostgreSQL fixture)

from .conftest import SECRET, deliver, example

DAY = 86400


@pytest.fixture
def intake(db_url, clock):
    """``make(retention_days, clock=...)``: the intake (no workers) on ``db_url``."""
    apps = []

    def make(retention_days: float = 14, *, on_clock=True):
        settings = Settings(_env_file=None, webhook_secret=SECRET, workers=0,
                            database_url=db_url, retention_days=retention_days)
        app = create_app(settings, start_workers=False, clock=clock if on_clock else None)
        apps.append(app)
        return app, TestClient(app, raise_server_exceptions=False)

    yield make
    for app in apps:
        app.state.store.engine.dispose()  # before the schema is dropped


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def command_body(at: datetime, text: str = "/sieve ok") -> bytes:
    """A real issue_comment example on a PR, written at ``at``."""
    payload = json.loads(example("issue_comment", "created.with-installation.payload.json"))
    payload["issue"]["pull_request"] = {"url": "https://api.github.com/repos/o/r/pulls/1"}
    payload["comment"].update(body=text, created_at=_iso(at), updated_at=_iso(at))
    return json.dumps(payload).encode()


def _count(reason: str) -> float:
    return sum(s.value for family in metrics.REGISTRY.collect() for s in family.samples
               if s.name == "sieve_deliveries_rejected_total" and s.labels.get("reason") == reason)


def _handle(store, delivery_id: str) -> None:
    claimed = store.claim("w", lease_seconds=30)
    assert claimed.delivery_id == delivery_id
    assert store.complete(delivery_id, "w", "commands: ok")


def test_a_body_resent_after_its_delivery_was_purged_is_refused_as_stale(intake, clock, caplog):
    """The hole: after retention the first delivery and its digest are gone, and the captured
    signed body under a fresh delivery id would be handled again (a maintainer's `/sieve ok`
    honoured a second time, after they may have reversed it)."""
    app, client = intake(14)
    store = app.state.store
    body = command_body(clock.now)
    assert deliver(client, body, "issue_comment", "d-1").json()["status"] == "queued"
    _handle(store, "d-1")
    clock.advance(15 * DAY)
    assert store.purge(14) == 1 and store.counts() == {}  # the delivery and its digest are gone
    before, replays = _count("stale"), _count("replay")
    with caplog.at_level(logging.WARNING, logger="bot.app.server"):
        answer = deliver(client, body, "issue_comment", "d-2")
    assert answer.status_code == 202
    assert answer.json() == {"status": "stale", "delivery_id": "d-2",
                             "event_time": "2026-01-01T12:00:00Z"}
    assert store.get("d-2") is None and store.counts() == {}  # nothing stored...
    assert store.claim("w", lease_seconds=30) is None  # ...so nothing for a worker to handle
    assert (_count("stale"), _count("replay")) == (before + 1, replays)
    [line] = [r.getMessage() for r in caplog.records if "stale" in r.getMessage()]
    assert "d-2" in line and "2026-01-01T12:00:00Z" in line


def test_a_body_younger_than_the_window_still_finds_its_row_and_is_a_replay(intake, clock):
    """The window's edge: the body written, received and handled at once; a second before the
    window closes, an hourly purge has just run, and the body is still refused as a replay."""
    app, client = intake(14)
    store = app.state.store
    body = command_body(clock.now)
    deliver(client, body, "issue_comment", "d-1")
    _handle(store, "d-1")
    clock.advance(14 * DAY - 1)
    assert store.purge(14) == 0
    assert deliver(client, body, "issue_comment", "d-2").json() == \
        {"status": "replay", "delivery_id": "d-2", "replay_of": "d-1"}
    clock.advance(2)
    assert deliver(client, body, "issue_comment", "d-3").json()["status"] == "stale"


def test_a_body_stamped_ahead_of_our_clock_is_still_caught_as_a_replay(intake, clock):
    """GitHub's clock up to ``CLOCK_SKEW`` ahead of ours: the body's time is later than the row's
    ``finished_at``, so the row must outlive the window by that much, and it does."""
    app, client = intake(14)
    store = app.state.store
    body = command_body(clock.now + CLOCK_SKEW)
    deliver(client, body, "issue_comment", "d-1")
    _handle(store, "d-1")
    clock.advance(14 * DAY + CLOCK_SKEW.total_seconds() - 1)
    assert store.purge(14) == 0
    assert deliver(client, body, "issue_comment", "d-2").json()["status"] == "replay"


def test_with_retention_0_nothing_is_ever_stale(intake, clock):
    app, client = intake(0)
    body = command_body(clock.now - timedelta(days=2000))
    assert deliver(client, body, "issue_comment", "d-1").json()["status"] == "queued"
    assert deliver(client, body, "issue_comment", "d-2").json()["status"] == "replay"  # kept for good


def test_a_late_redelivery_of_an_event_never_received_is_queued_whatever_the_retention(intake, clock):
    """Retention 1 day; GitHub's Redeliver of a 2-day-old event that never reached us (we were
    down) is queued. The window is at least GitHub's 3 days, and a clock-skew hour."""
    app, client = intake(1)
    for n, age in enumerate((timedelta(days=2), GITHUB_REDELIVERY + CLOCK_SKEW - timedelta(seconds=1))):
        at = clock.now - age
        answer = deliver(client, command_body(at), "issue_comment", f"late-{n}").json()
        assert answer == {"status": "queued", "delivery_id": f"late-{n}"}
    old = clock.now - GITHUB_REDELIVERY - CLOCK_SKEW - timedelta(seconds=1)
    assert deliver(client, command_body(old), "issue_comment", "older").json()["status"] == "stale"


def test_with_retention_1_day_a_digest_outlives_the_retention_until_the_window_closes(intake, clock):
    """The purge keeps a row with a digest as long as the stale check lets its body through (and
    an hour more), while a digest-less row (a check run's) goes after the plain retention."""
    app, client = intake(1)
    store = app.state.store
    comment = command_body(clock.now)
    rerun = json.loads(example("check_run", "rerequested.payload.json"))
    rerun.setdefault("installation", {"id": 77})
    deliver(client, comment, "issue_comment", "comment")
    deliver(client, json.dumps(rerun).encode(), "check_run", "rerun")
    for _ in range(2):
        claimed = store.claim("w", lease_seconds=30)
        store.complete(claimed.delivery_id, "w", "ok")
    clock.advance(2 * DAY)
    assert store.purge(1) == 1
    assert [d.delivery_id for d in store.list()] == ["comment"]
    assert deliver(client, comment, "issue_comment", "again").json()["status"] == "replay"
    clock.advance(DAY + 2 * CLOCK_SKEW.total_seconds() + 1)  # 3 days 2 hours after it finished
    assert store.purge(1) == 1 and store.counts() == {}
    assert deliver(client, comment, "issue_comment", "at-last").json()["status"] == "stale"


@pytest.mark.parametrize("updated_at", [
    "not a time", "2019-13-45T99:99:99Z", "", 1557933633, {"at": "2019-05-15T15:20:33Z"},
    "2019-05-15T15:20:33",  # no zone: which day it was is unknown
    "0001-01-01T00:00:00+14:00",  # before the first representable UTC time
])
def test_a_body_whose_time_cannot_be_read_is_handled_as_before(intake, updated_at):
    app, client = intake(14)
    payload = json.loads(example("issue_comment", "created.with-installation.payload.json"))
    payload["comment"].update(created_at=updated_at, updated_at=updated_at)
    answer = deliver(client, json.dumps(payload).encode(), "issue_comment", "odd").json()
    assert answer == {"status": "queued", "delivery_id": "odd"}
    assert app.state.store.get("odd") is not None


def test_one_unreadable_time_beside_an_old_one_makes_the_age_unknown(intake, clock):
    """A comment's ``updated_at`` that cannot be read may be the newer time: not refused."""
    app, client = intake(14)
    payload = json.loads(command_body(clock.now - timedelta(days=400)))
    payload["comment"]["updated_at"] = "yesterday"
    body = json.dumps(payload).encode()
    assert deliver(client, body, "issue_comment", "odd").json()["status"] == "queued"


def test_the_newest_of_a_bodys_times_is_its_age(intake, clock):
    """An old comment edited now: ``updated_at`` is what counts."""
    app, client = intake(14)
    payload = json.loads(command_body(clock.now - timedelta(days=400)))
    payload["comment"]["updated_at"] = _iso(clock.now)
    assert deliver(client, json.dumps(payload).encode(), "issue_comment", "edited").json()["status"] == "queued"


def test_bodies_without_a_digest_are_never_stale(intake):
    """A check run's body names no event time the intake reads (it carries no digest either):
    the 2019 example is queued on the real clock."""
    app, client = intake(14, on_clock=False)
    rerun = json.loads(example("check_run", "rerequested.payload.json"))
    rerun.setdefault("installation", {"id": 77})
    assert deliver(client, json.dumps(rerun).encode(), "check_run", "rr").json()["status"] == "queued"


def test_on_the_databases_own_clock_the_2019_example_comment_is_stale(intake):
    """No injected clock: PostgreSQL's ``now()`` (this process's on SQLite) says 2019 is long past."""
    app, client = intake(14, on_clock=False)
    body = example("issue_comment", "created.with-installation.payload.json")
    written = json.loads(body)["comment"]["updated_at"]
    answer = deliver(client, body, "issue_comment", "old").json()
    assert answer["status"] == "stale" and answer["event_time"] == written
    assert app.state.store.counts() == {}
    fresh = command_body(datetime.now(UTC) - timedelta(hours=1))
    assert deliver(client, fresh, "issue_comment", "new").json()["status"] == "queued"


@pytest.mark.parametrize("action", ["synchronize", "reopened", "labeled"])
def test_a_pull_request_body_is_never_stale_whatever_its_updated_at(intake, clock, action):
    """A PR body's ``updated_at`` may be older than its event (the octokit ``synchronize`` and
    ``reopened`` examples carry the PR's creation time): a real push on a PR untouched for a
    month is queued. Its replay after the purge only makes the handler read the PR afresh."""
    app, client = intake(14)
    payload = json.loads(example("pull_request", f"{action}.payload.json"))
    payload["pull_request"]["updated_at"] = _iso(clock.now - timedelta(days=30))
    answer = deliver(client, json.dumps(payload).encode(), "pull_request", "push").json()
    assert answer == {"status": "queued", "delivery_id": "push"}


def test_a_review_body_older_than_the_window_is_stale_as_a_comments_is(intake, clock):
    """A ``/sieve ok`` in a review acts as a comment's does: a captured review body resent after
    its digest was purged must not act again (it names its event's time in ``submitted_at``)."""
    from tests.app_server.test_review_deliveries import review_body

    app, client = intake(1)
    old = clock.now - GITHUB_REDELIVERY - CLOCK_SKEW - timedelta(seconds=1)
    payload = json.loads(review_body())
    payload["review"]["submitted_at"] = _iso(old)
    assert deliver(client, json.dumps(payload).encode(), "pull_request_review", "rv-old").json()["status"] == "stale"
    payload["review"]["submitted_at"] = _iso(clock.now - timedelta(days=2))
    assert deliver(client, json.dumps(payload).encode(), "pull_request_review", "rv-new").json()["status"] == "queued"
