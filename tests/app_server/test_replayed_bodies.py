"""A signed body captured once and sent again under a fresh X-GitHub-Delivery (GitHub signs only
the body) is answered 202 "replay", stored and handled never, counted and logged; GitHub's own
Redeliver, which keeps the delivery id, is still a duplicate. The X-GitHub-Event header is not
signed either: what sending a body under another event name reaches is checked here too."""

from __future__ import annotations

import json
import logging

import pytest

from bot.app import dispatch
from bot.obs import metrics

from .conftest import deliver, example


def _on_a_pr(name: str, **comment) -> dict:
    """A real issue_comment example as GitHub sends it for a comment on a pull request."""
    payload = json.loads(example("issue_comment", name))
    payload["issue"]["pull_request"] = {"url": "https://api.github.com/repos/o/r/pulls/1"}
    payload["comment"].update(comment)
    payload.setdefault("installation", {"id": 77})
    return payload


def _command_body() -> bytes:
    return json.dumps(_on_a_pr("created.with-installation.payload.json", body="/sieve ok")).encode()


def _count(name: str) -> float:
    return sum(sample.value for family in metrics.REGISTRY.collect() for sample in family.samples
               if sample.name == f"{name}_total")


def _replays_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "replay" in r.getMessage()]


def test_a_command_comment_resent_under_a_fresh_delivery_id_is_refused_even_once_handled(app, client, caplog):
    body = _command_body()
    assert deliver(client, body, "issue_comment", "d-1").json()["status"] == "queued"
    store = app.state.store
    assert store.claim("w", lease_seconds=30).delivery_id == "d-1"
    assert store.complete("d-1", "w", "commands: ok")  # the maintainer may have reversed it since
    rejected, duplicates = _count("sieve_deliveries_rejected"), _count("sieve_deliveries_duplicate")
    with caplog.at_level(logging.WARNING, logger="bot.app.server"):
        answer = deliver(client, body, "issue_comment", "d-2")
    assert answer.status_code == 202
    assert answer.json() == {"status": "replay", "delivery_id": "d-2", "replay_of": "d-1"}
    assert store.get("d-2") is None and store.counts() == {"done": 1}  # nothing for a worker
    assert _count("sieve_deliveries_rejected") == rejected + 1
    assert _count("sieve_deliveries_duplicate") == duplicates
    [line] = _replays_logged(caplog)
    assert "d-2" in line and "d-1" in line


def test_githubs_redeliver_keeps_the_id_and_is_answered_duplicate_as_before(app, client, caplog):
    body = _command_body()
    deliver(client, body, "issue_comment", "d-1")
    rejected, duplicates = _count("sieve_deliveries_rejected"), _count("sieve_deliveries_duplicate")
    with caplog.at_level(logging.WARNING, logger="bot.app.server"):
        again = deliver(client, body, "issue_comment", "d-1")
    assert again.status_code == 202
    assert again.json() == {"status": "duplicate", "delivery_id": "d-1"}
    assert _count("sieve_deliveries_duplicate") == duplicates + 1
    assert _count("sieve_deliveries_rejected") == rejected
    assert _replays_logged(caplog) == [] and app.state.store.counts() == {"pending": 1}


@pytest.mark.parametrize("header, code, answer", [
    ("installation", 202, "replay"),  # installation.created is handled: the digest refuses the body
    ("pull_request", 200, "ignored"),  # no pull_request.created handler: answered before storing
    ("issue_comment", 202, "replay"),
])
def test_a_comment_body_sent_again_under_another_event_header_is_not_handled_again(
        app, client, header, code, answer):
    body = _command_body()
    deliver(client, body, "issue_comment", "d-1")
    sent = deliver(client, body, header, "d-2")
    assert (sent.status_code, sent.json()["status"]) == (code, answer)
    assert app.state.store.get("d-2") is None
    assert [d.delivery_id for d in app.state.store.list()] == ["d-1"]


def test_a_body_never_stored_has_no_digest_yet_its_handler_refuses_it_under_another_event(app, client):
    """The limit of the rule: an issue_comment ``edited`` is answered "ignored" and not stored, so
    its digest is unknown. Sent as ``pull_request`` (which handles ``edited``) it is queued once,
    and the pull_request handler refuses a payload without ``pull_request`` (not retried); any
    further copy is then a replay of that one."""
    payload = _on_a_pr("edited.payload.json", body="/sieve ok")
    body = json.dumps(payload).encode()
    assert deliver(client, body, "issue_comment", "d-1").json()["status"] == "ignored"
    assert deliver(client, body, "pull_request", "d-2").json()["status"] == "queued"
    with pytest.raises(dispatch.PayloadError, match="pull_request"):
        dispatch.handle("pull_request", payload, None)
    assert deliver(client, body, "pull_request", "d-3").json() == \
        {"status": "replay", "delivery_id": "d-3", "replay_of": "d-2"}


def _reason(reason: str) -> float:
    return sum(s.value for family in metrics.REGISTRY.collect() for s in family.samples
               if s.name == "sieve_deliveries_rejected_total" and s.labels.get("reason") == reason)


def test_a_replay_is_counted_under_its_own_reason(app, client):
    body = _command_body()
    deliver(client, body, "issue_comment", "d-1")
    before, other = _reason("replay"), _reason("other")
    assert deliver(client, body, "issue_comment", "d-2").json()["status"] == "replay"
    assert (_reason("replay"), _reason("other")) == (before + 1, other)


def test_a_second_rerun_press_with_the_same_body_is_queued_not_refused(app, client):
    """Pressing "Re-run" twice on a check run that did not change sends the same bytes; replaying
    one only scores the PR again, so both are queued (a check run body is not ``intake.EVENT_BOUND_KEYS``)."""
    payload = json.loads(example("check_run", "rerequested.payload.json"))
    payload.setdefault("installation", {"id": 77})
    body = json.dumps(payload).encode()
    first, second = (deliver(client, body, "check_run", d).json()["status"] for d in ("rr-1", "rr-2"))
    assert (first, second) == ("queued", "queued")
    assert app.state.store.get("rr-2") is not None
    assert deliver(client, body, "check_run", "rr-2").json()["status"] == "duplicate"  # Redeliver still is
