"""A ``pull_request_review`` delivery (a ``/sieve`` command in a review's body) at the intake: it
is stored under its PR's number, so it waits for that PR's other deliveries like a comment's; an
edited or dismissed review is acknowledged and not queued; a replayed review body is refused as
any body naming one event is. octokit's examples have no review, so the payload is GitHub's
``pull_request_review.submitted`` shape laid over the real ``pull_request`` example."""

from __future__ import annotations

import json

from .conftest import deliver, example


def review_body(action: str = "submitted", body: str | None = "/sieve ok", review_id: int = 237895671) -> bytes:
    opened = json.loads(example("pull_request", "opened.payload.json"))
    pull = opened["pull_request"]
    html_url = f"{pull['html_url']}#pullrequestreview-{review_id}"
    payload = {key: opened[key] for key in ("repository", "sender", "installation")}
    payload.update(action=action, pull_request=pull, review={
        "id": review_id, "node_id": "PRR_kwDOAA", "user": opened["sender"], "body": body,
        "commit_id": pull["head"]["sha"], "submitted_at": "2019-05-15T15:20:38Z", "state": "approved",
        "html_url": html_url, "pull_request_url": pull["url"], "author_association": "OWNER",
        "_links": {"html": {"href": html_url}, "pull_request": {"href": pull["url"]}}})
    return json.dumps(payload).encode()


def test_a_submitted_review_is_queued_under_its_pull_request(app, client):
    body = review_body()
    answer = deliver(client, body, "pull_request_review", "rv-1")
    assert answer.status_code == 202 and answer.json()["status"] == "queued"
    stored, payload = app.state.store.get("rv-1"), json.loads(body)
    assert (stored.event, stored.action) == ("pull_request_review", "submitted")
    assert stored.installation_id == payload["installation"]["id"]
    assert (stored.repo, stored.number) == (payload["repository"]["full_name"], payload["pull_request"]["number"])


def test_an_edited_or_dismissed_review_is_acknowledged_not_queued(app, client):
    for action in ("edited", "dismissed"):
        answer = deliver(client, review_body(action), "pull_request_review", f"rv-{action}")
        assert answer.status_code == 200 and answer.json()["status"] == "ignored"
    assert app.state.store.counts() == {}


def test_a_replayed_review_body_is_refused(app, client):
    body = review_body()
    assert deliver(client, body, "pull_request_review", "rv-a").json()["status"] == "queued"
    assert deliver(client, body, "pull_request_review", "rv-b").json() == {
        "status": "replay", "delivery_id": "rv-b", "replay_of": "rv-a"}
    assert app.state.store.counts() == {"pending": 1}
