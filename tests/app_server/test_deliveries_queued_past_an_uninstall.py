"""Deliveries still queued when the App loses a repository (``installation.deleted``, or
``installation_repositories.removed``) can never succeed: GitHub answers 404 for everything about
that repository. They end as ``ignored`` with the reason, not as ``failed`` deliveries that an
operator is alerted to and that ``sieve deliveries retry --all-failed`` would run again for
nothing. A 404 while the PR is still reachable stays a failure. Real worker, SQLite store, the
real PyGithub adapter against the fake GitHub."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch, review  # noqa: E402
from bot.app.worker import RetryPolicy, Worker  # noqa: E402
from bot.fakegithub import FakeGitHub  # noqa: E402
from bot.github import make_github_factory  # noqa: E402
from bot.result import Result, SignalHit  # noqa: E402
from bot.store import DeliveryStore, SqlStateStore, init_db  # noqa: E402

REPO = "octo-org/widgets"
SHA = "1" * 40
HIGH = "sieve/likely-low-effort"
POLICY = RetryPolicy(max_attempts=4, backoff_base=0.0, backoff_cap=0.0)


@pytest.fixture(autouse=True)
def lag_retries_without_a_wait(monkeypatch):
    """The lag retry waits ``dispatch.LAG_WAIT`` seconds; ``drain`` runs only what is due now."""
    monkeypatch.setattr(dispatch, "LAG_WAIT", 0.0)


@pytest.fixture
def fake(monkeypatch):
    flagged = Result(score=85, band="high", probability=0.85, confidence=0.8, model_version="test-model-1",
                     signals=(SignalHit("claims_tests_without_tests", 1.0, "the description says 'added unit tests'"),))
    monkeypatch.setattr(review, "score", lambda snapshot, config: flagged)
    with FakeGitHub() as server:
        server.set_file(REPO, ".github/sieve.yml", "exempt: {associations: []}\n")
        server.add_pull(REPO, 7, {"title": "Improve docs", "body": "Added unit tests.", "user": "drive-by",
                                  "author_association": "NONE", "head_sha": SHA},
                        files=[{"filename": "README.md", "additions": 3}], commits=["Update README.md"])
        server.set_permission(REPO, "maintainer", "write")
        yield server


@pytest.fixture
def store(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'sieve.db'}")
    yield DeliveryStore(engine), SqlStateStore(engine)
    engine.dispose()


def worker(fake, store) -> Worker:
    factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key, base_url=fake.base_url,
                                  on_request=lambda *a: None, on_retry=lambda *a: None)
    deliveries, state = store
    return Worker(deliveries, dispatch.handle, factory, state, policy=POLICY, worker_id="w1",
                  accepts=lambda event, action: dispatch.handler_for(event, action) is not None)


def enqueue(store, delivery_id: str, event: str, payload: dict) -> None:
    number = (payload.get("pull_request") or payload.get("issue") or {}).get("number")
    store[0].enqueue(delivery_id, event, json.dumps(payload), action=payload["action"],
                     installation_id=payload["installation"]["id"], repo=REPO, number=number)


def drain(work: Worker) -> dict[str, tuple[str, str]]:
    """Run until nothing is due: each delivery's last status and reason."""
    last = {}
    while (outcome := work.process_one()) is not None:
        last[outcome.delivery_id] = (outcome.status, outcome.error or outcome.result or "")
    return last


def queue_pr_work(fake, store) -> None:
    enqueue(store, "push", "pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
    enqueue(store, "ok", "issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer"))


def test_deliveries_queued_for_a_repository_removed_from_the_installation_are_ignored(fake, store):
    work = worker(fake, store)
    enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    assert drain(work)["opened"][0] == "done"
    queue_pr_work(fake, store)
    fake.state.repo(REPO).installation_id = 999  # installation_repositories.removed: no longer ours
    outcomes = drain(work)
    assert {d: status for d, (status, _) in outcomes.items()} == {"push": "ignored", "ok": "ignored"}
    assert all("no longer reachable" in reason for _, reason in outcomes.values())
    assert store[0].list(status="failed") == []


def test_deliveries_queued_for_a_deleted_installation_are_ignored(fake, store):
    work = worker(fake, store)
    enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    drain(work)
    queue_pr_work(fake, store)
    with fake.state.lock:  # installation.deleted: its tokens stop working, no new one is issued
        fake.state.installations.pop(fake.installation_id)
    fake.revoke_tokens()
    outcomes = drain(work)
    assert {d: status for d, (status, _) in outcomes.items()} == {"push": "ignored", "ok": "ignored"}
    assert store[0].list(status="failed") == []


def test_a_404_while_the_pr_is_still_reachable_still_fails(fake, store):
    work = worker(fake, store)
    fake.inject("GET", r"^/repos/octo-org/widgets/pulls/7/files", status=404, times=None)
    enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    [(status, reason)] = drain(work).values()
    assert status == "failed" and "404" in reason


def test_a_404_of_githubs_lag_right_after_its_webhook_is_retried_not_final(fake, store):
    """Right after a PR is opened GitHub's API can answer 404 for it for a moment (its replicas lag
    its webhooks): the opened event is tried again and the PR is scored, not failed or ignored."""
    work = worker(fake, store)
    fake.inject("GET", r"^/repos/octo-org/widgets/pulls/7$", status=404, times=1)
    fake.inject("GET", r"^/repos/octo-org/widgets/issues/7/labels", status=404, times=1)  # the probe lags too
    enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    assert drain(work)["opened"][0] == "done"
    assert fake.issue_labels(REPO, 7) == [HIGH]
    [delivery] = store[0].list(status="done")
    assert 1 < delivery.attempts <= dispatch.LAG_ATTEMPTS


def test_a_lasting_404_is_still_final_after_the_lag_retries(fake, store):
    work = worker(fake, store)
    fake.inject("GET", r"^/repos/octo-org/widgets/pulls/7/files", status=404, times=None)
    enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    [(status, _)] = drain(work).values()
    [delivery] = store[0].list(status="failed")
    assert status == "failed" and delivery.attempts == dispatch.LAG_ATTEMPTS


def test_a_rerun_queued_past_an_uninstall_is_ignored(fake, store):
    work = worker(fake, store)
    enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    assert drain(work)["opened"][0] == "done"
    event = fake.check_run_action_event(REPO, 7, "sieve-ok", "maintainer")
    event["action"] = "rerequested"
    event.pop("requested_action", None)
    store[0].enqueue("run", "check_run", json.dumps(event), action="rerequested",
                     installation_id=fake.installation_id, repo=REPO, number=7)
    fake.state.repo(REPO).installation_id = 999  # installation_repositories.removed: no longer ours
    status, reason = drain(work)["run"]
    assert (status, "no longer reachable" in reason) == ("ignored", True), reason


@pytest.mark.parametrize("max_attempts", [1, 2])
def test_the_lag_retries_spend_no_ordinary_attempt(fake, store, max_attempts):
    """With SIEVE_MAX_ATTEMPTS of 1 or 2, a delivery past an uninstall failed on its lag retries
    instead of reaching the check that ignores it: GitHub's lag is GitHub's trouble, not the delivery's."""
    deliveries, state = store
    factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key, base_url=fake.base_url,
                                  on_request=lambda *a: None, on_retry=lambda *a: None)
    work = Worker(deliveries, dispatch.handle, factory, state, worker_id="w1",
                  policy=RetryPolicy(max_attempts=max_attempts, backoff_base=0.0, backoff_cap=0.0),
                  accepts=lambda event, action: dispatch.handler_for(event, action) is not None)
    enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    assert drain(work)["opened"][0] == "done"
    enqueue(store, "push", "pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
    fake.state.repo(REPO).installation_id = 999  # installation_repositories.removed: no longer ours
    status, reason = drain(work)["push"]
    assert status == "ignored" and "no longer reachable" in reason, reason
