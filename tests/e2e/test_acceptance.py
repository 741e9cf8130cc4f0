"""The App's acceptance story on real PRs from ../shared/data, end to end.

Signed deliveries → FastAPI intake → SQLite store → worker threads → real handlers and the
shipped model → PyGithub → the fake GitHub; assertions read what the fake GitHub received.
"""

from __future__ import annotations

import json
import uuid

import pytest

from bot.app.server import WEBHOOK_PATH
from bot.demo.run import demo_app, signed_headers, wait_until_drained
from bot.fakegithub import FakeGitHub
from bot.loaders.records import iter_records
from bot.paths import models_dir, shared_dir

REPO = "example-org/service"
HIGH, MEDIUM = "sieve/likely-low-effort", "sieve/needs-review"
AGENT = ("fiber", 3475)  # gofiber/fiber agent PR (markers put back, as GitHub shows them)
HUMAN = ("fiber", 1677)  # gofiber/fiber human PR from 2021
WRITES = ("POST", "PATCH", "PUT", "DELETE")

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")


def real_record(name: str, number: int):
    base = shared_dir()
    if base is None:
        pytest.skip("../shared not found: set SIEVE_SHARED_DIR to the shared fixtures folder")
    path = base / "data" / "git_prs" / f"{name}.prs.jsonl"
    for rec in iter_records(path, restore_removed=True):
        if not isinstance(rec, Exception) and rec.raw.get("pr_number") == number:
            return rec
    pytest.skip(f"{path.name} has no PR #{number}")


def seed_pull(fake: FakeGitHub, number: int, rec, head_sha: str, extra_commits=()) -> None:
    snap = rec.snapshot
    files = [{"filename": f.path, "status": f.status, "additions": f.additions,
              "deletions": f.deletions} for f in snap.files]
    commits = [c.message for c in snap.commits] or [snap.title]
    fake.add_pull(REPO, number, {"title": snap.title, "body": snap.body, "user": f"author{number}",
                                 "author_association": "CONTRIBUTOR", "head_sha": head_sha},
                  files, commits + list(extra_commits))


@pytest.fixture
def world(tmp_path):
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_permission(REPO, "maintainer", "write")
        fake.set_permission(REPO, "reader", "read")
        seed_pull(fake, 1, real_record(*AGENT), "a" * 40)
        seed_pull(fake, 2, real_record(*HUMAN), "b" * 40)
        yield fake, tmp_path


def post(client, event: str, payload: dict, delivery_id: str | None = None):
    body = json.dumps(payload).encode()
    delivery_id = delivery_id or str(uuid.uuid4())
    return delivery_id, client.post(WEBHOOK_PATH, content=body,
                                    headers=signed_headers(event, delivery_id, body))


def bot_comments(fake, number: int) -> list[dict]:
    return [c for c in fake.comments(REPO, number) if c["login"] == fake.bot_login]


def step(client, app, event, payload, delivery_id=None):
    delivery_id, answer = post(client, event, payload, delivery_id)
    wait_until_drained(app)
    stored = app.state.store.get(delivery_id)
    assert stored is not None and stored.status == "done", stored
    return delivery_id, answer


def test_agent_pr_flagged_human_pr_quiet_override_sticks(world):
    fake, tmp = world
    with demo_app(fake, tmp / "sieve.db") as (client, app):
        opened, _ = step(client, app, "pull_request", fake.pull_request_event(REPO, 1, "opened"))
        assert fake.issue_labels(REPO, 1) == [HIGH]
        [sticky] = bot_comments(fake, 1)
        assert [r["conclusion"] for r in fake.check_runs(REPO, "a" * 40)] == ["neutral"]

        step(client, app, "pull_request", fake.pull_request_event(REPO, 2, "opened"))
        assert fake.issue_labels(REPO, 2) == [] and bot_comments(fake, 2) == []
        assert [r["conclusion"] for r in fake.check_runs(REPO, "b" * 40)] == ["neutral"]

        seed_pull(fake, 1, real_record(*AGENT), "c" * 40, ["Address review comments"])
        pushed, _ = step(client, app, "pull_request", fake.pull_request_event(REPO, 1, "synchronize"))
        [edited] = bot_comments(fake, 1)  # still one comment: updated in place, never a second one
        assert edited["id"] == sticky["id"]
        assert bool(fake.calls("PATCH", r"/issues/comments/")) == (edited["body"] != sticky["body"])
        assert len(fake.check_runs(REPO, "c" * 40)) == 1  # the new head was scored
        flagged = fake.issue_labels(REPO, 1)  # re-scored: the new commit may move the band
        assert flagged in ([HIGH], [MEDIUM])

        fake.clear_log()
        _, again = post(client, "pull_request", fake.pull_request_event(REPO, 1, "synchronize"), pushed)
        wait_until_drained(app)
        assert again.json()["status"] == "duplicate" and fake.requests == []

        step(client, app, "issue_comment", fake.issue_comment_event(REPO, 1, "/sieve ok", "reader"))
        assert fake.issue_labels(REPO, 1) == flagged  # refused: read access only
        refusal = bot_comments(fake, 1)[-1]["body"]
        assert "write access" in refusal and "@" not in refusal

        step(client, app, "issue_comment", fake.issue_comment_event(REPO, 1, "/sieve ok", "maintainer"))
        assert fake.issue_labels(REPO, 1) == []

        seed_pull(fake, 1, real_record(*AGENT), "d" * 40, ["Address review comments", "More"])
        fake.clear_log()
        step(client, app, "pull_request", fake.pull_request_event(REPO, 1, "synchronize"))
        assert fake.issue_labels(REPO, 1) == []
        assert not fake.calls("POST", r"/labels") and not fake.calls("POST", r"/comments")


def test_shadow_mode_scores_but_writes_nothing(world):
    fake, tmp = world
    with demo_app(fake, tmp / "sieve.db", shadow=True) as (client, app):
        step(client, app, "pull_request", fake.pull_request_event(REPO, 1, "opened"))
    writes = [r for r in fake.requests if r.method in WRITES and "access_tokens" not in r.path]
    assert writes == [] and fake.issue_labels(REPO, 1) == []
