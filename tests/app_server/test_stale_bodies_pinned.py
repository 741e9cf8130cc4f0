"""The webhook intake's replay window through HTTP, with the README's numbers as literals: under a
short retention a comment is refused as stale only when older than "3 days 1 hour", and a body
GitHub stamped up to an hour ahead of our clock is still refused as a replay until the window
closes. ``test_stale_bodies.py`` builds these times from the production ``CLOCK_SKEW``, so a skew of 0
went unseen; nothing here imports it. On SQLite and PostgreSQL, on a settable clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from bot.app.server import create_app
from bot.settings import Settings
from tests.pgschema import db_url  # noqa: F401  (the SQLite / PostgreSQL fixture)

from .conftest import SECRET, deliver, example

SECOND = timedelta(seconds=1)


@pytest.fixture
def intake(db_url, clock):  # noqa: F811
    apps = []

    def make(retention_days: float):
        settings = Settings(_env_file=None, webhook_secret=SECRET, workers=0,
                            database_url=db_url, retention_days=retention_days)
        app = create_app(settings, start_workers=False, clock=clock)
        apps.append(app)
        return app, TestClient(app, raise_server_exceptions=False)

    yield make
    for app in apps:
        app.state.store.engine.dispose()


def _comment(at: datetime, text: str = "/sieve ok") -> bytes:
    payload = json.loads(example("issue_comment", "created.with-installation.payload.json"))
    payload["issue"]["pull_request"] = {"url": "https://api.github.com/repos/o/r/pulls/1"}
    stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    payload["comment"].update(body=text, created_at=stamp, updated_at=stamp)
    return json.dumps(payload).encode()


def test_under_a_one_day_retention_a_comment_inside_3_days_1_hour_is_queued(intake, clock):
    """GitHub may redeliver for 3 days, and its clock may run an hour ahead: a comment 3 days and
    30 minutes old (a late Redeliver of an event we never got) must still be handled."""
    app, client = intake(1)
    late = deliver(client, _comment(clock.now - timedelta(days=3, minutes=30)), "issue_comment", "late")
    assert late.json() == {"status": "queued", "delivery_id": "late"}
    edge = deliver(client, _comment(clock.now - timedelta(days=3, hours=1) + SECOND), "issue_comment", "edge")
    assert edge.json()["status"] == "queued"
    old = deliver(client, _comment(clock.now - timedelta(days=3, hours=1) - SECOND), "issue_comment", "old")
    assert old.json()["status"] == "stale"


@pytest.mark.parametrize(("retention", "window"), [(1, timedelta(days=3, hours=1)), (14, timedelta(days=14))])
def test_a_comment_stamped_an_hour_ahead_is_a_replay_until_its_window_closes(intake, clock, retention, window):
    app, client = intake(retention)
    store = app.state.store
    body = _comment(clock.now + timedelta(hours=1))  # GitHub's clock an hour ahead of ours
    deliver(client, body, "issue_comment", "d-1")
    assert store.claim("w", lease_seconds=30).delivery_id == "d-1"
    assert store.complete("d-1", "w", "commands: ok")
    clock.advance((timedelta(hours=1) + window - SECOND).total_seconds())
    store.purge(retention)  # the hourly purge has just run
    assert deliver(client, body, "issue_comment", "d-2").json() == \
        {"status": "replay", "delivery_id": "d-2", "replay_of": "d-1"}
    clock.advance(2)
    assert deliver(client, body, "issue_comment", "d-3").json()["status"] == "stale"
