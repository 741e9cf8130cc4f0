"""Webhook payloads built from the fake's state validate against octokit's webhook schemas."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7

from bot.paths import shared_dir

REPO = "octo/repo"


@pytest.fixture(scope="session")
def webhook_schemas():
    root = shared_dir()
    folder = root / "github" / "webhooks" / "payload-schemas" / "api.github.com" if root else None
    if folder is None or not folder.is_dir():
        pytest.skip(f"../shared not found: no github/webhooks/payload-schemas under {root}")
    schemas, registry = {}, Registry()
    for path in folder.rglob("*.schema.json"):
        schema = json.loads(path.read_text())
        name = path.relative_to(folder).as_posix()
        resource = DRAFT7.create_resource(schema)
        registry = registry.with_resources([(name, resource)] +
                                           ([(schema["$id"], resource)] if "$id" in schema else []))
        schemas[name] = schema
    return schemas, registry


def _errors(webhook_schemas, name: str, payload: dict) -> list[str]:
    schemas, registry = webhook_schemas
    validator = Draft7Validator(schemas[name], registry=registry)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)][:5]


@pytest.fixture
def pr(fake):
    fake.add_pull(REPO, 7, {"title": "Add feature", "body": None, "user": "alice",
                            "labels": ["enhancement"]}, files=[{"filename": "a.py", "additions": 3}],
                  commits=["Add feature"])
    return fake


def test_pull_request_opened_payload(pr, webhook_schemas):
    payload = pr.pull_request_event(REPO, 7)
    assert payload["installation"]["id"] == pr.installation_id
    assert payload["pull_request"]["head"]["sha"] and payload["sender"]["login"] == "alice"
    assert _errors(webhook_schemas, "pull_request/opened.schema.json", payload) == []


def test_pull_request_edited_payload(pr, webhook_schemas):
    payload = pr.pull_request_event(REPO, 7, "edited", changes={"title": {"from": "Old"}})
    assert _errors(webhook_schemas, "pull_request/edited.schema.json", payload) == []


def test_issue_comment_on_a_pull_request_payload(pr, webhook_schemas):
    payload = pr.issue_comment_event(REPO, 7, "/sieve ok", "maintainer", association="MEMBER")
    assert payload["issue"]["pull_request"]["url"].endswith("/pulls/7")
    assert payload["comment"]["id"] == pr.comments(REPO, 7)[-1]["id"]
    assert _errors(webhook_schemas, "issue_comment/created.schema.json", payload) == []


def test_unknown_pull_is_a_clear_error(fake):
    fake.add_repo(REPO)
    with pytest.raises(KeyError, match="no pull request"):
        fake.pull_request_event(REPO, 99)


def test_check_run_requested_action_payload(pr, webhook_schemas):
    """A button pressed on a check run the App created at the PR's head."""
    import requests

    head = pr.pull_request_event(REPO, 7)["pull_request"]["head"]["sha"]
    created = requests.post(f"{pr.base_url}/repos/{REPO}/check-runs", headers=pr.auth_headers(),
                            json={"name": "PR Sieve", "head_sha": head, "conclusion": "neutral",
                                  "output": {"title": "t", "summary": "s"}})
    assert created.status_code == 201
    payload = pr.check_run_action_event(REPO, 7, "sieve-ok", "maint")
    assert payload["requested_action"] == {"identifier": "sieve-ok"} and payload["sender"]["login"] == "maint"
    assert payload["check_run"]["pull_requests"][0]["number"] == 7
    assert _errors(webhook_schemas, "check_run/requested_action.schema.json", payload) == []
