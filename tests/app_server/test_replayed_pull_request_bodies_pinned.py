"""A signed ``pull_request`` body captured once and sent again under a fresh X-GitHub-Delivery is
a replay, like a comment's: README ("the intake records the SHA-256 of each body that carries a
comment or a pull request ... a replay is refused with 202 {"status": "replay"}"). The other
replay tests all send ``issue_comment`` bodies, so a digest taken only for comments went unseen.

Expectations are the README's literals, not read from ``bot.app.intake``."""

from __future__ import annotations

import hashlib

import pytest

from .conftest import deliver, example


@pytest.mark.parametrize("name", ["opened.payload.json", "labeled.payload.json",
                                  "synchronize.payload.json", "unlabeled.payload.json"])
def test_a_pull_request_body_resent_under_a_fresh_delivery_id_is_refused_as_a_replay(app, client, name):
    body = example("pull_request", name)  # the real octokit bytes, signed as GitHub signs them
    first = deliver(client, body, "pull_request", "d-1")
    assert (first.status_code, first.json()) == (202, {"status": "queued", "delivery_id": "d-1"})
    again = deliver(client, body, "pull_request", "d-2")
    assert again.status_code == 202  # answered, so the sender does not retry it
    assert again.json() == {"status": "replay", "delivery_id": "d-2", "replay_of": "d-1"}
    store = app.state.store
    assert store.get("d-2") is None  # nothing stored, so no worker handles it a second time
    assert [d.delivery_id for d in store.list()] == ["d-1"]
    # the digest kept is the SHA-256 of the exact bytes received (README)
    assert store.replay_of("d-3", hashlib.sha256(body).hexdigest()) == "d-1"


def test_a_pull_request_body_replayed_after_it_was_handled_is_still_refused(app, client):
    """Handling a delivery does not drop its digest: the replay of a handled ``labeled`` body (a
    person's label change, re-sent after they undid it) is refused, not handled again."""
    body = example("pull_request", "labeled.payload.json")
    deliver(client, body, "pull_request", "d-1")
    store = app.state.store
    assert store.claim("w", lease_seconds=30).delivery_id == "d-1"
    assert store.complete("d-1", "w", "labelled")
    assert deliver(client, body, "pull_request", "d-2").json() == \
        {"status": "replay", "delivery_id": "d-2", "replay_of": "d-1"}
    assert store.get("d-2") is None and store.counts() == {"done": 1}
