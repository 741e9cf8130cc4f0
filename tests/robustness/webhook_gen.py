"""Build signed GitHub webhook deliveries for robustness tests and benchmarks.

Payloads start from the real octokit examples under ``shared/github/webhooks`` (read in place);
when ../shared is absent a minimal bundled shape with the fields the App reads is used, so the
benchmarks still run. ``benchmarks/`` scripts import this module too.
"""

from __future__ import annotations

import copy
import functools
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bot.app.signature import sign
from bot.paths import shared_dir

_EXAMPLES = ("github", "webhooks", "payload-examples", "api.github.com")


def examples_dir() -> Path | None:
    base = shared_dir()
    candidate = base.joinpath(*_EXAMPLES) if base else None
    return candidate if candidate and candidate.is_dir() else None


@functools.cache
def _example(event: str, name: str) -> dict | None:
    folder = examples_dir()
    if folder is None or not (folder / event / name).is_file():
        return None
    return json.loads((folder / event / name).read_text(encoding="utf-8"))


def _minimal_pull_request() -> dict:
    user = {"login": "Codertocat", "id": 21031067, "type": "User"}
    repo = {"id": 186853002, "name": "Hello-World", "full_name": "Codertocat/Hello-World",
            "private": False, "owner": user, "default_branch": "master"}
    pr = {"number": 2, "state": "open", "title": "Update the README with new information.",
          "body": "This is a pretty simple change that we need to pull into master.",
          "user": user, "draft": False, "labels": [], "author_association": "OWNER",
          "head": {"ref": "changes", "sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                   "repo": repo, "user": user},
          "base": {"ref": "master", "sha": "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
                   "repo": repo, "user": user}}
    return {"action": "opened", "number": 2, "pull_request": pr, "repository": repo,
            "installation": {"id": 1, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ=="},
            "sender": user}


def pull_request_payload(repo: str, number: int, *, action: str = "opened",
                         head_sha: str | None = None, installation_id: int = 1,
                         title: str | None = None, body: str | None = None,
                         author: str | None = None,
                         association: str = "FIRST_TIME_CONTRIBUTOR",
                         updated_at: str | None = None) -> dict:
    """A ``pull_request`` payload for ``repo#number``, based on the real ``opened`` example.

    Its ``pull_request.updated_at`` is now unless given, as GitHub stamps it at every event the
    App handles: the example's 2019 would be refused by the intake as stale."""
    payload = copy.deepcopy(_example("pull_request", "opened.payload.json")
                            or _minimal_pull_request())
    owner, name = repo.split("/")
    payload["action"], payload["number"] = action, number
    payload["installation"] = {"id": installation_id, "node_id": "fake"}
    for target in (payload["repository"], payload["pull_request"]["base"]["repo"],
                   payload["pull_request"]["head"]["repo"]):
        target.update(full_name=repo, name=name)
        target["owner"] = {**target.get("owner", {}), "login": owner}
    pr = payload["pull_request"]
    pr["number"] = number
    pr["url"] = f"https://api.github.com/repos/{repo}/pulls/{number}"
    pr["head"]["sha"] = head_sha or uuid.uuid5(uuid.NAMESPACE_URL, f"{repo}#{number}").hex + "abcdef01"
    if title is not None:
        pr["title"] = title
    if body is not None:
        pr["body"] = body
    pr["author_association"] = association  # the example's OWNER would be exempt
    pr["updated_at"] = updated_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if author is not None:
        pr["user"] = {**pr["user"], "login": author}
        payload["sender"] = {**payload["sender"], "login": author}
    return payload


def ping_payload() -> dict:
    return copy.deepcopy(_example("ping", "payload.json") or {"zen": "Keep it logically awesome.",
                                                              "hook_id": 1, "hook": {}})


def encode(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode("utf-8")


def headers(secret: str | None, event: str, body: bytes, delivery_id: str | None = None,
            *, signature: str | None = None) -> dict[str, str]:
    """GitHub's delivery headers; ``signature`` overrides the correct one (forgery tests)."""
    result = {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery_id or str(uuid.uuid4()),
              "X-GitHub-Hook-ID": "1", "User-Agent": "GitHub-Hookshot/robustness",
              "Content-Type": "application/json"}
    sig = signature if signature is not None else (sign(secret, body) if secret else None)
    if sig is not None:
        result["X-Hub-Signature-256"] = sig
    return result
