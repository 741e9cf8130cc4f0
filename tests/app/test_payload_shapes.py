"""The payloads the handler tests build (edited; issue_comment on a PR) are valid GitHub payloads:
checked against octokit's JSON Schemas from ../shared, read in place."""

from __future__ import annotations

import json

import pytest

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

from bot.paths import shared_dir  # noqa: E402

from .test_handlers import comment_event  # noqa: E402


@pytest.fixture(scope="module")
def validator_for():
    base = shared_dir()
    root = base / "github" / "webhooks" / "payload-schemas" / "api.github.com" if base else None
    if root is None or not root.is_dir():
        pytest.skip("../shared not found: no github/webhooks/payload-schemas")
    resources = []
    for path in root.rglob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = referencing.Resource.from_contents(schema, default_specification=referencing.jsonschema.DRAFT7)
        resources.append((path.relative_to(root).as_posix(), resource))
        if "$id" in schema:
            resources.append((schema["$id"], resource))
    registry = referencing.Registry().with_resources(resources)

    def make(relative: str):
        schema = json.loads((root / relative).read_text(encoding="utf-8"))
        return jsonschema.Draft7Validator(schema, registry=registry)
    return make


def test_edited_payload_matches_schema(validator_for, payload):
    event = payload("pull_request", "opened.payload.json")
    event["action"] = "edited"
    event["changes"] = {"body": {"from": "old body"}}
    validator_for("pull_request/edited.schema.json").validate(event)


def test_issue_comment_on_a_pr_matches_schema(validator_for, payload):
    event = comment_event(payload, "/sieve ok")
    validator_for("issue_comment/created.schema.json").validate(event)


def test_schema_check_can_fail(validator_for, payload):
    event = comment_event(payload, "/sieve ok")
    event["issue"]["pull_request"] = {"url": 5}
    with pytest.raises(jsonschema.ValidationError):
        validator_for("issue_comment/created.schema.json").validate(event)
