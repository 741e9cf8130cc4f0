"""Webhook bodies that GitHub can send twice, byte for byte, as two real events: the intake
refuses replays only for bodies that always differ (a comment's, a pull request's:
``intake.EVENT_BOUND_KEYS``), so these are queued and handled. (Found by a review of the replay refusal; each failed before the fix.)"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from bot.app.server import create_app

from .conftest import deliver, example
from .test_end_to_end import NUMBER, REPO, SHA, app, fake, opened_body  # noqa: F401 (fixtures)
from .test_worker_pool import wait_for

MAINTAINER = "maint"


def _finished(app, delivery_id: str) -> str:
    assert wait_for(lambda: app.state.store.get(delivery_id).status in ("done", "failed", "ignored"))
    return app.state.store.get(delivery_id).status


def _press(client, fake, app, identifier: str, delivery_id: str) -> tuple[bytes, dict]:
    body = json.dumps(fake.check_run_action_event(REPO, NUMBER, identifier, MAINTAINER)).encode()
    return body, deliver(client, body, "check_run", delivery_id).json()


def _buttons(fake) -> list[str]:
    return [a["identifier"] for a in fake.check_run_actions(REPO, SHA)[-1]]


def test_clear_undo_clear_on_the_check_run_the_second_clear_is_handled_not_refused_as_a_replay(app, fake):
    """README: the check run's "Clear this flag" and "Undo the clearance" buttons do what
    ``/sieve ok`` and ``/sieve ok cancel`` do. A maintainer who clears, undoes and clears again
    presses the same button on the same check run, which Undo put back exactly as it was: GitHub
    sends the same bytes (what the project's own fake GitHub builds), and the third press must be
    handled, not refused as a replay."""
    fake.set_permission(REPO, MAINTAINER, "write")
    with TestClient(app) as client:
        assert deliver(client, opened_body(fake), "pull_request", "open-1").status_code == 202
        assert _finished(app, "open-1") == "done"
        assert fake.issue_labels(REPO, NUMBER) == ["sieve/likely-low-effort"]
        assert _buttons(fake) == ["sieve-ok"]

        first_clear, answer = _press(client, fake, app, "sieve-ok", "press-1")
        assert answer["status"] == "queued" and _finished(app, "press-1") == "done"
        assert fake.issue_labels(REPO, NUMBER) == [] and _buttons(fake) == ["sieve-ok-cancel"]

        _, answer = _press(client, fake, app, "sieve-ok-cancel", "press-2")
        assert answer["status"] == "queued" and _finished(app, "press-2") == "done"
        assert fake.issue_labels(REPO, NUMBER) == ["sieve/likely-low-effort"]
        assert _buttons(fake) == ["sieve-ok"]

        second_clear, answer = _press(client, fake, app, "sieve-ok", "press-3")
        assert second_clear == first_clear  # a real press, byte for byte the first one
        assert answer["status"] == "queued", answer
        assert _finished(app, "press-3") == "done"
        assert fake.issue_labels(REPO, NUMBER) == []


def test_a_clear_pressed_again_after_its_first_delivery_failed_is_handled(app, fake):
    """The first press's delivery failed (GitHub kept answering 5xx; nothing changed on the check
    run), so the maintainer presses "Clear this flag" again once GitHub is back: the same bytes,
    refused as a replay of the failed delivery ("failed deliveries until retried"), and the
    clearance is lost without anyone being told."""
    fake.set_permission(REPO, MAINTAINER, "write")
    with TestClient(app) as client:
        assert deliver(client, opened_body(fake), "pull_request", "open-1").status_code == 202
        assert _finished(app, "open-1") == "done"

        fake.inject("GET", r"/collaborators/.*/permission", status=500, times=None)
        first, answer = _press(client, fake, app, "sieve-ok", "press-1")
        assert answer["status"] == "queued"
        assert wait_for(lambda: app.state.store.get("press-1").status == "failed", timeout=30)
        fake.clear_faults()

        again, answer = _press(client, fake, app, "sieve-ok", "press-2")
        assert again == first
        assert answer["status"] == "queued", answer
        assert _finished(app, "press-2") == "done"
        assert fake.issue_labels(REPO, NUMBER) == []


def test_a_repository_removed_from_the_app_and_added_again_gets_its_added_event_handled(settings):
    """installation_repositories.added carries no per-event time: the installation object's
    ``updated_at`` is not moved by a change of repositories (octokit's real ``added`` example has
    ``updated_at == created_at``), and the rest is the repository list and the sender. So an
    owner who removes a repository from the App and later adds it back sends the same bytes as
    the first ``added``: refused as a replay (a warning and a "replay" count an operator reads
    as an attack), and the labels are not set up in the repository."""
    added = json.loads(example("installation_repositories", "added.payload.json"))
    assert added["installation"]["updated_at"] == added["installation"]["created_at"]
    removed = dict(added, action="removed", repositories_removed=added["repositories_added"],
                   repositories_added=[])
    body = json.dumps(added).encode()
    client = TestClient(create_app(settings, start_workers=False), raise_server_exceptions=False)
    assert deliver(client, body, "installation_repositories", "ir-1").json()["status"] == "queued"
    assert deliver(client, json.dumps(removed).encode(), "installation_repositories",
                   "ir-2").json()["status"] == "ignored"  # removal is not handled, not stored
    answer = deliver(client, body, "installation_repositories", "ir-3").json()
    assert answer["status"] == "queued", answer
