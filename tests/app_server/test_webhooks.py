"""POST /api/github/webhooks: refused requests store nothing; accepted ones are stored first."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from starlette.requests import Request

from bot.app.context import Decision
from bot.app.intake import Rejected, read_body
from bot.app.server import create_app
from bot.settings import Settings, SettingsError
from bot.store import SqlStateStore

from tests.payloads import replaced

from .conftest import SECRET, deliver, example, headers

HANDLED_EXAMPLES = [
    ("pull_request", "opened.payload.json"),
    ("pull_request", "synchronize.payload.json"),
    ("pull_request", "labeled.payload.json"),
    ("issue_comment", "created.with-installation.payload.json"),
    ("installation", "created.payload.json"),
    ("installation_repositories", "added.payload.json"),
    ("check_run", "rerequested.payload.json"),
]


def _stored(app) -> dict[str, int]:
    return app.state.store.counts()


def test_a_signed_delivery_is_stored_before_the_202(app, client):
    body = example("pull_request", "opened.payload.json")
    response = deliver(client, body, "pull_request", "guid-1")
    assert response.status_code == 202
    assert response.json() == {"status": "queued", "delivery_id": "guid-1"}
    stored = app.state.store.get("guid-1", with_payload=True)
    payload = json.loads(body)
    assert stored.status == "pending" and stored.payload == body.decode()
    assert (stored.event, stored.action) == ("pull_request", "opened")
    assert stored.installation_id == payload["installation"]["id"]
    assert (stored.repo, stored.number) == (payload["repository"]["full_name"],
                                            payload["pull_request"]["number"])


def test_no_202_when_the_delivery_cannot_be_stored(app, client, monkeypatch):
    def broken(*_a, **_kw):
        raise OSError("disk full")
    monkeypatch.setattr(app.state.store, "enqueue", broken)
    response = deliver(client, example("pull_request", "opened.payload.json"), "pull_request")
    assert response.status_code == 503  # GitHub marks it failed; it can be redelivered
    assert "disk full" not in response.text


@pytest.mark.parametrize("event,name", HANDLED_EXAMPLES)
def test_real_payloads_of_handled_events_are_queued(app, client, event, name):
    body = example(event, name)
    assert deliver(client, body, event, f"id-{name}").status_code == 202
    stored, payload = app.state.store.get(f"id-{name}"), json.loads(body)
    assert stored.event == event and stored.action == payload["action"]
    assert stored.installation_id == payload.get("installation", {}).get("id")
    if not event.startswith("installation"):  # the PR a delivery is about serialises it
        item = payload.get("pull_request") or payload.get("issue") \
            or (payload.get("check_run", {}).get("pull_requests") or [{}])[0]
        assert (stored.repo, stored.number) == (payload["repository"]["full_name"],
                                                item.get("number"))


def test_redelivery_of_the_same_id_is_a_no_op(app, client):
    body = example("pull_request", "opened.payload.json")
    assert deliver(client, body, "pull_request", "same").status_code == 202
    again = deliver(client, body, "pull_request", "same")
    assert again.status_code == 202 and again.json()["status"] == "duplicate"
    assert _stored(app) == {"pending": 1}


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "sha1=abc", "garbage"])
def test_missing_or_forged_signature_is_401_and_nothing_is_stored(app, client, signature):
    body = example("pull_request", "opened.payload.json")
    sent = headers(body, "pull_request", "forged", secret=None)
    if signature is not None:
        sent["X-Hub-Signature-256"] = signature
    response = client.post("/api/github/webhooks", content=body, headers=sent)
    assert response.status_code == 401
    assert _stored(app) == {}


def test_signature_of_another_body_or_secret_is_401(app, client):
    body = example("pull_request", "opened.payload.json")
    sent = headers(b"{}", "pull_request", "swapped")
    assert client.post("/api/github/webhooks", content=body, headers=sent).status_code == 401
    assert deliver(client, body, "pull_request", "other", secret="not-the-secret").status_code \
        == 401
    assert _stored(app) == {}


@pytest.mark.parametrize("body,reason", [(b'{"action": "opened",', "not valid JSON"),
                                         (b"[1, 2]", "not a JSON object"),
                                         (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
                                         (b"\xff\xfe\x00", "not valid JSON")])
def test_bad_json_with_a_valid_signature_is_400(app, client, body, reason):
    response = deliver(client, body, "pull_request", "bad-json")
    assert response.status_code == 400 and reason in response.json()["detail"]
    assert _stored(app) == {}


@pytest.mark.parametrize("missing", ["X-GitHub-Event", "X-GitHub-Delivery"])
def test_missing_github_headers_are_400(app, client, missing):
    body = example("pull_request", "opened.payload.json")
    sent = headers(body, "pull_request", "no-header")
    del sent[missing]
    response = client.post("/api/github/webhooks", content=body, headers=sent)
    assert response.status_code == 400 and missing in response.json()["detail"]
    assert _stored(app) == {}


def test_oversized_body_is_413_by_content_length(app, client, settings):
    body = json.dumps({"action": "opened", "pad": "x" * settings.max_body_bytes}).encode()
    assert deliver(client, body, "pull_request", "big").status_code == 413
    assert _stored(app) == {}


def test_oversized_streamed_body_without_length_is_413(app, client, settings):
    chunk = b" " * 4096
    chunks = settings.max_body_bytes // len(chunk) + 2
    sent = headers(b"", "pull_request", "streamed")
    response = client.post("/api/github/webhooks", headers=sent,
                           content=iter([chunk] * chunks))
    assert response.status_code == 413
    assert _stored(app) == {}


def test_reading_stops_as_soon_as_the_limit_is_passed():
    pulled = []

    async def receive():
        pulled.append(1)
        return {"type": "http.request", "body": b"x" * 100, "more_body": True}

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)
    with pytest.raises(Rejected) as refused:
        asyncio.run(read_body(request, limit=250))
    assert refused.value.status_code == 413 and len(pulled) == 3


def test_ping_is_answered_and_not_stored(app, client):
    body = example("ping", "payload.json")
    response = deliver(client, body, "ping", "ping-1")
    assert response.status_code == 200 and response.json() == {"status": "pong"}
    assert _stored(app) == {}


def test_events_and_actions_not_handled_are_acknowledged_not_queued(app, client):
    check_run = example("check_run", "completed.payload.json")
    assert deliver(client, check_run, "check_run", "c-1").json()["status"] == "ignored"
    assert deliver(client, b'{"zen": "x"}', "star", "s-1").status_code == 200
    assert deliver(client, example("pull_request", "assigned.payload.json"), "pull_request",
                   "a-1").json()["status"] == "ignored"
    assert _stored(app) == {}


def test_the_app_refuses_to_start_without_a_secret(tmp_path):
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(SettingsError, match="SIEVE_WEBHOOK_SECRET"):
        create_app(settings, start_workers=False)
    assert not (tmp_path / "x.db").exists()


def test_insecure_dev_accepts_unsigned_deliveries(tmp_path):
    from fastapi.testclient import TestClient
    settings = Settings(_env_file=None, insecure_dev=True, workers=0,
                        database_url=f"sqlite:///{tmp_path / 'x.db'}")
    client = TestClient(create_app(settings))
    body = example("pull_request", "opened.payload.json")
    assert deliver(client, body, "pull_request", "dev-1", secret=None).status_code == 202


def test_ops_routes_are_mounted(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").json() == {"status": "ready"}
    assert "sieve_deliveries_received" in client.get("/metrics").text


def test_secret_never_appears_in_responses(client):
    body = example("pull_request", "opened.payload.json")
    for response in (deliver(client, body, "pull_request", "x", secret="wrong"),
                     deliver(client, b"{", "pull_request", "y")):
        assert SECRET not in response.text


def _opened_with(path: tuple, value) -> bytes:
    return replaced(json.loads(example("pull_request", "opened.payload.json")), path, value)


@pytest.mark.parametrize("path,value", [
    (("pull_request", "number"), 2**31), (("pull_request", "number"), 0),
    (("pull_request", "number"), "7"), (("installation", "id"), 2**64),
    (("installation", "id"), True), (("repository", "full_name"), "octo/\x00repo"),
    (("repository", "full_name"), "\ud800/x"), (("repository", "full_name"), "o/" + "r" * 400),
])
def test_fields_no_github_payload_has_are_400_not_a_storage_error(app, client, path, value):
    response = deliver(client, _opened_with(path, value), "pull_request", "odd")
    assert response.status_code == 400 and path[-1] in response.json()["detail"]
    assert _stored(app) == {}


@pytest.mark.parametrize("action", ["\ud800", "opened\x00", "opened" * 40, 7])
def test_an_unusable_action_is_acknowledged_and_ignored(app, client, action):
    response = deliver(client, _opened_with(("action",), action), "pull_request", "odd-action")
    assert response.status_code == 200 and response.json() == {"status": "ignored"}
    assert _stored(app) == {}


def test_a_check_run_rerun_is_keyed_to_its_pull_request(app, client):
    payload = json.loads(example("check_run", "rerequested.payload.json"))
    payload["check_run"]["pull_requests"] = [{"number": 12, "id": 1}]
    assert deliver(client, json.dumps(payload).encode(), "check_run", "cr").status_code == 202
    assert app.state.store.get("cr").number == 12


def test_a_fork_prs_check_run_is_keyed_to_the_pr_scored_at_its_commit(app, client):
    # GitHub lists no PR on a fork PR's check run: without a number its re-run would run beside
    # the PR's other deliveries and post a second comment
    payload = json.loads(example("check_run", "rerequested.payload.json"))
    payload["check_run"]["pull_requests"] = []
    repo, sha = payload["repository"]["full_name"], payload["check_run"]["head_sha"]
    state = SqlStateStore(app.state.store.engine)
    assert deliver(client, json.dumps(payload).encode(), "check_run", "cr-0").status_code == 202
    assert app.state.store.get("cr-0").number is None  # nothing scored at that commit yet
    state.record_decision(Decision(repo, 34, sha, 80, "high", "m1", datetime.now(UTC), shadow=False))
    assert deliver(client, json.dumps(payload).encode(), "check_run", "cr-1").status_code == 202
    assert app.state.store.get("cr-1").number == 34


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32-le"])
def test_json_in_another_unicode_encoding_is_stored_as_the_same_object(app, client, encoding):
    payload = json.loads(example("pull_request", "opened.payload.json"))
    body = json.dumps(payload).encode(encoding)  # valid JSON (RFC 4627), though not GitHub's
    assert deliver(client, body, "pull_request", "wide").status_code == 202
    stored = app.state.store.get("wide", with_payload=True)
    assert "\x00" not in stored.payload  # PostgreSQL refuses NUL in text
    assert stored.payload_dict() == payload


def test_a_rerun_of_the_whole_suite_is_stored_and_keyed_like_a_check_run(app, client):
    # "Re-run all checks" sends check_suite.rerequested; a fork PR's suite lists no PR either
    run = json.loads(example("check_run", "rerequested.payload.json"))
    payload = {key: run[key] for key in ("repository", "sender", "installation")}
    payload.update(action="rerequested", check_suite=run["check_run"]["check_suite"])
    repo, sha = payload["repository"]["full_name"], payload["check_suite"]["head_sha"]
    SqlStateStore(app.state.store.engine).record_decision(
        Decision(repo, 34, sha, 80, "high", "m1", datetime.now(UTC), shadow=False))
    assert deliver(client, json.dumps(payload).encode(), "check_suite", "cs-0").status_code == 202
    assert app.state.store.get("cs-0").number == 34
    payload["check_suite"]["pull_requests"] = [{"number": 12, "id": 1}]
    assert deliver(client, json.dumps(payload).encode(), "check_suite", "cs-1").status_code == 202
    assert app.state.store.get("cs-1").number == 12


def test_a_rerun_of_a_suite_listing_two_prs_is_stored_once_for_each(app, client):
    """One commit, the head of #12 and #13: each PR's re-score waits for that PR's deliveries."""
    run = json.loads(example("check_run", "rerequested.payload.json"))
    payload = {key: run[key] for key in ("repository", "sender", "installation")}
    payload.update(action="rerequested", check_suite=run["check_run"]["check_suite"])
    payload["check_suite"]["pull_requests"] = [{"number": 12, "id": 1}, {"number": 13, "id": 2}]
    body = json.dumps(payload).encode()
    assert deliver(client, body, "check_suite", "cs-2").json()["status"] == "queued"
    first, second = app.state.store.get("cs-2", with_payload=True), app.state.store.get("cs-2/pr-13", with_payload=True)
    assert (first.number, second.number) == (12, 13)
    assert [p["number"] for p in first.payload_dict()["check_suite"]["pull_requests"]] == [12]
    assert [p["number"] for p in second.payload_dict()["check_suite"]["pull_requests"]] == [13]
    assert deliver(client, body, "check_suite", "cs-2").json()["status"] == "duplicate"  # GitHub's redelivery
