"""A ``pull_request_review_comment`` delivery (a ``/sieve`` command on a line of the diff) at the
intake: stored under its PR's number, so it waits for that PR's other deliveries like a comment's;
an edited or deleted one is acknowledged and not queued; a replayed body is refused, as a
conversation comment's (its ``comment`` key binds it to one event). ../shared has no review-comment
example, so the payload is octokit's ``pull_request_review_comment/created`` shape laid over the
real ``pull_request`` example (tests/app/test_review_comment_commands_on_fakes builds it)."""

from __future__ import annotations

import json
from tests.app.test_review_comment_commands_on_fakes import review_comment

from .conftest import deliver, example

EVENT = "pull_request_review_comment"


def load(event: str, name: str) -> dict:
    return json.loads(example(event, name))


def body(action: str = "created") -> bytes:
    return json.dumps(review_comment(load, "/sieve ok", action=action)).encode()


def test_a_new_review_comment_is_queued_under_its_pull_request(app, client):
    raw = body()
    answer = deliver(client, raw, EVENT, "rc-1")
    assert answer.status_code == 202 and answer.json()["status"] == "queued"
    stored, payload = app.state.store.get("rc-1"), json.loads(raw)
    assert (stored.event, stored.action) == (EVENT, "created")
    assert (stored.repo, stored.number) == (payload["repository"]["full_name"], payload["pull_request"]["number"])


def test_an_edited_or_deleted_review_comment_is_acknowledged_not_queued(app, client):
    for action in ("edited", "deleted"):
        answer = deliver(client, body(action), EVENT, f"rc-{action}")
        assert answer.status_code == 200 and answer.json()["status"] == "ignored"
    assert app.state.store.counts() == {}


def test_a_replayed_review_comment_body_is_refused(app, client):
    raw = body()
    assert deliver(client, raw, EVENT, "rc-a").json()["status"] == "queued"
    assert deliver(client, raw, EVENT, "rc-b").json()["status"] == "replay"
    assert app.state.store.counts() == {"pending": 1}
