"""Run the scripted demo: fake GitHub + the real App (SQLite, worker threads, PyGithub adapter).

Each step of ``script.json`` seeds the fake and POSTs one signed delivery to the App through
its ASGI interface; the demo waits until the durable queue is drained, then reads back what
the App wrote on the fake GitHub.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

with warnings.catch_warnings():  # starlette's notice about its httpx-based client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from bot.app.actions import STICKY_MARKER
from bot.app.server import WEBHOOK_PATH, create_app
from bot.fakegithub import FakeGitHub
from bot.settings import Settings

SECRET = "sieve-demo-secret"


@dataclass(frozen=True)
class Sent:
    say: str
    delivery_id: str
    status: int
    answer: str
    outcome: str  # the stored delivery's final status (done, failed, ...) and error if any
    labels: tuple[str, ...]  # the PR's labels after the delivery was processed
    bot_comments: int  # how many comments the App has on the PR
    sticky: str  # the body of the App's sticky comment on the PR ("" when none)
    check: str = ""  # the summary of the PR's latest check run ("" when none)


def load_script() -> dict:
    return json.loads(resources.files("bot.demo").joinpath("script.json").read_text("utf-8"))


def signed_headers(event: str, delivery_id: str, body: bytes) -> dict[str, str]:
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery_id,
            "X-Hub-Signature-256": f"sha256={digest}", "Content-Type": "application/json"}


def seed(fake: FakeGitHub, script: dict) -> None:
    repo = script["repo"]
    fake.add_repo(repo)
    fake.set_permission(repo, script["maintainer"], "write")
    fake.set_permission(repo, script["drive_by"], "read")
    for number, pull in script["pulls"].items():
        fake.add_pull(repo, int(number), dict(pull["fields"]), pull["files"], pull["commits"])
    seed_elsewhere(fake, script.get("elsewhere"))


def seed_elsewhere(fake: FakeGitHub, elsewhere: dict | None) -> None:
    """PRs the same account opened in other repositories a few hours ago (what the App's author
    search finds); the timestamps are relative to now, so the demo works on any day."""
    if not elsewhere:
        return
    when = (datetime.now(timezone.utc) - timedelta(hours=elsewhere["hours_ago"])).strftime("%Y-%m-%dT%H:%M:%SZ")
    for i in range(elsewhere["repos"]):
        other = f"other-org-{i + 1}/project-{i + 1}"
        fake.add_repo(other)
        fake.add_pull(other, 40 + i, {"title": "Enhance documentation", "user": elsewhere["user"], "created_at": when})


def push(fake: FakeGitHub, script: dict, number: int, change: dict) -> None:
    pull = script["pulls"][str(number)]
    pull["fields"]["head_sha"] = change["head_sha"]
    pull["commits"].append(change["commit"])
    fake.add_pull(script["repo"], number, dict(pull["fields"]), pull["files"], pull["commits"])


def payload_for(fake: FakeGitHub, script: dict, step: dict) -> dict:
    repo, number = script["repo"], step["pr"]
    if step["event"] == "issue_comment":
        login = script[step["login"]]
        return fake.issue_comment_event(repo, number, step["comment"], login)
    if step["event"] == "check_run":
        return fake.check_run_action_event(repo, number, step["button"], script[step["login"]])
    if "push" in step:
        push(fake, script, number, step["push"])
    return fake.pull_request_event(repo, number, step["action"])


def wait_until_drained(app, timeout: float = 60.0) -> None:
    store, deadline = app.state.store, time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = store.counts()
        if not counts.get("pending") and not counts.get("processing"):
            return
        time.sleep(0.05)
    raise TimeoutError(f"deliveries still queued after {timeout:.0f}s: {store.counts()}")


def replay(client: TestClient, app, fake: FakeGitHub, script: dict) -> Iterator[Sent]:
    last: tuple[str, str, bytes] | None = None
    number = 0
    for step in script["steps"]:
        if step.get("redeliver"):
            event, delivery_id, body = last
        else:
            event, delivery_id, number = step["event"], str(uuid.uuid4()), step["pr"]
            body = json.dumps(payload_for(fake, script, step)).encode()
        answer = client.post(WEBHOOK_PATH, content=body,
                             headers=signed_headers(event, delivery_id, body))
        last = (event, delivery_id, body)
        wait_until_drained(app)  # one step at a time, as a person would watch it
        mine = [c for c in fake.comments(script["repo"], number) if c["login"] == fake.bot_login]
        yield Sent(step["say"], delivery_id, answer.status_code, answer.json().get("status", ""),
                   _outcome(app.state.store, delivery_id),
                   tuple(fake.issue_labels(script["repo"], number)), len(mine),
                   next((c["body"] for c in mine if is_sticky(c["body"])), ""), _check_summary(fake, script, number))


def is_sticky(body: str) -> bool:
    """The App's sticky comment carries its hidden marker first; replies never do."""
    return body.lstrip().startswith(STICKY_MARKER)


def _check_summary(fake: FakeGitHub, script: dict, number: int) -> str:
    """The summary of the latest check run on the PR's head commit."""
    head = script["pulls"][str(number)]["fields"].get("head_sha")
    runs = fake.check_runs(script["repo"], head) if head else []
    return (runs[-1].get("output") or {}).get("summary") or "" if runs else ""


def _outcome(store, delivery_id: str) -> str:
    stored = store.get(delivery_id)
    if stored is None:
        return "not stored"
    return stored.status + (f" ({stored.last_error})" if stored.last_error else "")


@contextmanager
def demo_app(fake: FakeGitHub, db_path: Path, **overrides):
    """The production App wired to ``fake`` on SQLite; ``overrides``: other Settings fields."""
    settings = Settings(**{"webhook_secret": SECRET, "app_id": fake.app_id,
                           "private_key": fake.app_private_key, "github_api_url": fake.base_url,
                           "database_url": f"sqlite:///{db_path}", "workers": 2,
                           "poll_interval": 0.05, "backoff_base": 0.1, "backoff_cap": 0.5,
                           "max_attempts": 3, **overrides}, _env_file=None)
    app = create_app(settings)
    with TestClient(app) as client:
        yield client, app


def run_demo(report: Callable[[Sent], None], db_path: Path | None = None) -> tuple[FakeGitHub, dict]:
    """Run every step, calling ``report`` after each; return the fake (stopped) and script."""
    script = load_script()
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake:
        seed(fake, script)
        with demo_app(fake, db_path or Path(tmp) / "sieve-demo.db") as (client, app):
            for sent in replay(client, app, fake, script):
                report(sent)
    return fake, script
