"""A check run lists, besides this repository's PRs, PRs of another repository whose head is the
run's branch, numbered in that repository. The handler acts on this repository's PR only; the
intake now keys the delivery to that same PR (or, with none listed, to the PR scored at the run's
commit), so a re-run or a button press waits for that PR's other deliveries. Before, the first
listed PR was taken, another repository's number: the re-run could run beside its PR's push, and
it held up an unrelated PR of that number (found by review)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.app.context import Decision
from bot.store import SqlStateStore

from .conftest import deliver, example


def _listing_another_repository_first(payload: dict) -> dict:
    here, sha = payload["repository"]["id"], payload["check_run"]["head_sha"]
    head = {"ref": "x", "sha": sha, "repo": {"id": here}}
    payload["check_run"]["pull_requests"] = [
        {"number": 9, "id": 999, "head": head, "base": {"ref": "main", "sha": "0" * 40, "repo": {"id": 424242}}},
        {"number": 4, "id": 444, "head": head, "base": {"ref": "main", "sha": "1" * 40, "repo": {"id": here}}},
    ]
    return payload


def test_the_delivery_is_keyed_to_this_repositorys_pr(app, client):
    payload = _listing_another_repository_first(json.loads(example("check_run", "rerequested.payload.json")))
    assert deliver(client, json.dumps(payload).encode(), "check_run", "cr-x").status_code == 202
    assert app.state.store.get("cr-x").number == 4


def test_with_only_another_repositorys_pr_listed_the_pr_scored_at_the_commit_is_used(app, client):
    payload = _listing_another_repository_first(json.loads(example("check_run", "rerequested.payload.json")))
    payload["check_run"]["pull_requests"] = payload["check_run"]["pull_requests"][:1]
    repo, sha = payload["repository"]["full_name"], payload["check_run"]["head_sha"]
    SqlStateStore(app.state.store.engine).record_decision(Decision(
        repo=repo, number=31, head_sha=sha, score=50, band="medium", model_version="m",
        at=datetime.now(UTC), shadow=False, actions=()))
    assert deliver(client, json.dumps(payload).encode(), "check_run", "cr-y").status_code == 202
    assert app.state.store.get("cr-y").number == 31


def test_a_re_run_waits_while_its_prs_push_is_handled(app, client):
    push = json.loads(example("pull_request", "synchronize.payload.json"))
    push["repository"] = json.loads(example("check_run", "rerequested.payload.json"))["repository"]
    push["pull_request"]["number"] = push["number"] = 4
    assert deliver(client, json.dumps(push).encode(), "pull_request", "push-4").status_code == 202
    payload = _listing_another_repository_first(json.loads(example("check_run", "rerequested.payload.json")))
    assert deliver(client, json.dumps(payload).encode(), "check_run", "rerun-4").status_code == 202
    store = app.state.store
    assert store.claim("worker-a", lease_seconds=60).delivery_id == "push-4"
    assert store.claim("worker-b", lease_seconds=60) is None  # PR #4's re-run waits for its push
