"""A suspended installation: GitHub answers every call of it with 403 "This installation has been
suspended" until an owner unsuspends it. Work queued before the suspension ends ``ignored`` with
the suspension named (no retries, no writes, not a ``failed`` delivery an operator is alerted to);
any other 403 still fails as before. ``installation.suspend``/``unsuspend`` get a one-line outcome.

The real PyGithub adapter, worker and SQLite store run against the fake GitHub where the error's
mapping matters; GitHub's message is the one it sends (``/work/shared`` records none, so it is
written out here; the non-suspension 403 is PyGithub's recorded one).
"""

from __future__ import annotations

import json
import logging

import pytest
from github import GithubException

from bot.app import dispatch, wiring
from bot.app.handlers import installation
from bot.app.worker import Worker
from bot.fakegithub.shapes import error
from bot.github.errors import from_github_exception
from bot.paths import shared_dir
from bot.ports import GitHubError

# the queued-work setup (a flagged PR #7, a maintainer, a real worker and store) is the uninstall tests'
from tests.app_server.test_deliveries_queued_past_an_uninstall import REPO, fake, store, worker  # noqa: F401

SUSPENDED = "This installation has been suspended"  # GitHub's message, with status 403
WRITES = ("POST", "PATCH", "PUT", "DELETE")


def test_githubs_suspension_answer_is_recognised_through_the_real_error_mapping():
    err = from_github_exception(GithubException(403, {"message": SUSPENDED}, headers={}),
                                f"get_snapshot {REPO}#7")
    assert installation.suspended(err)
    assert not err.retryable


def test_other_403s_and_other_statuses_are_not_a_suspension():
    recorded = _recorded_403_message()  # "Must have push access to view collaborator permission."
    for status, message in ((403, recorded), (403, "Resource not accessible by integration"),
                            (403, "Repository was archived so is read-only."), (404, SUSPENDED),
                            (401, SUSPENDED)):
        err = from_github_exception(GithubException(status, {"message": message}, headers={}), "op")
        assert not installation.suspended(err), (status, message)


# -- deliveries queued before the suspension, worked after it ------------------------------------

def _enqueue(store, delivery_id: str, event: str, payload: dict) -> None:
    number = (payload.get("pull_request") or payload.get("issue") or {}).get("number")
    store[0].enqueue(delivery_id, event, json.dumps(payload), action=payload["action"],
                     installation_id=payload["installation"]["id"], repo=REPO, number=number)


def _drain(work: Worker) -> dict:
    outcomes = {}
    while (outcome := work.process_one()) is not None:
        outcomes[outcome.delivery_id] = outcome
    return outcomes


def _suspend(fake) -> None:
    """Every call of the installation, and minting its token, answers 403 (``GET /app``, made
    with the App's own JWT, still works)."""
    fake.inject("*", r"^/(?!app$)", status=403, times=None, body=error(SUSPENDED, 403))


def test_pr_work_queued_before_a_suspension_is_ignored_naming_it_without_retries_or_writes(fake, store):
    work = worker(fake, store)
    _enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    assert _drain(work)["opened"].status == "done"
    labels = fake.issue_labels(REPO, 7)
    assert labels == ["sieve/likely-low-effort"]
    _enqueue(store, "push", "pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
    _enqueue(store, "ok", "issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer"))
    _suspend(fake)
    fake.clear_log()

    outcomes = _drain(work)

    assert {d: (o.status, o.attempts) for d, o in outcomes.items()} == {"push": ("ignored", 1),
                                                                        "ok": ("ignored", 1)}
    for outcome in outcomes.values():
        assert outcome.error.startswith("ignored: the installation is suspended (")
        assert f"GitHub answered 403: {SUSPENDED}" in outcome.error and "\n" not in outcome.error
    assert store[0].list(status="failed") == [] and store[0].list(status="pending") == []
    assert [c for c in fake.requests if c.method in WRITES and "/access_tokens" not in c.path] == []
    fake.clear_faults()
    assert fake.issue_labels(REPO, 7) == labels  # the flag stays: "/sieve ok" was not acted on


def test_a_worker_whose_token_github_now_refuses_to_mint_ignores_the_delivery_at_once(fake, store):
    _suspend(fake)
    _enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    [outcome] = _drain(worker(fake, store)).values()  # a fresh process: no token yet
    assert (outcome.status, outcome.attempts) == ("ignored", 1)
    assert outcome.error.startswith("ignored: the installation is suspended (")
    assert {c.status for c in fake.calls("POST", r"^/app/installations/\d+/access_tokens$")} == {403}
    assert [c for c in fake.requests if c.method in WRITES and "/access_tokens" not in c.path] == []


def test_a_403_that_is_not_a_suspension_still_fails_the_delivery(fake, store):
    fake.inject("GET", rf"^/repos/{REPO}/pulls/7/files", status=403, times=None,
                body=error(_recorded_403_message(), 403))
    _enqueue(store, "opened", "pull_request", fake.pull_request_event(REPO, 7))
    [outcome] = _drain(worker(fake, store)).values()
    assert (outcome.status, outcome.attempts) == ("failed", 1)
    assert "HTTP 403" in outcome.error and "suspended" not in outcome.error


def test_label_setup_queued_before_a_suspension_is_ignored_not_done_with_every_repository_failed(ctx, gh, payload):
    event = payload("installation", "created.payload.json")
    event["repositories"] = [{"full_name": name} for name in ("octo-org/a", "octo-org/b", "octo-org/c")]
    calls = _suspend_in_memory(gh)
    outcome = dispatch.handle("installation", event, ctx)
    assert outcome.startswith("ignored: the installation is suspended (")
    assert {repo for _, repo in calls} == {"octo-org/.github", "octo-org/a"}  # the others: not tried
    assert gh.writes == []


def _suspend_in_memory(gh) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []

    def refused(name):
        def call(repo, *args, **kwargs):
            calls.append((name, repo))
            raise GitHubError(f"{name}: GitHub answered 403: {SUSPENDED}", status=403)
        return call

    for name in ("get_file", "list_folder", "ensure_label", "get_snapshot", "get_issue_labels"):
        setattr(gh, name, refused(name))
    return calls


# -- installation.suspend / unsuspend ------------------------------------------------------------

def test_suspend_and_unsuspend_are_stored_by_the_intake_not_dropped():
    accepts = wiring.accepts(wiring.handled_events())
    assert accepts("installation", "suspend") and accepts("installation", "unsuspend")


def test_suspend_is_logged_with_a_one_line_outcome(ctx, gh, payload, caplog):
    with caplog.at_level(logging.INFO, logger="bot.app.handlers.installation"):
        outcome = dispatch.handle("installation", payload("installation", "suspend.payload.json"), ctx)
    assert outcome == ("installation 16598467 (Codertocat) suspended by Codertocat: "
                       "work queued for it is ignored until it is unsuspended")
    assert outcome in caplog.text and gh.writes == []


def test_unsuspend_is_logged_and_rescores_nothing_eagerly(ctx, gh, payload, caplog):
    event = payload("installation", "unsuspend.payload.json")
    assert event["installation"]["suspended_by"] is None  # so the sender is named
    with caplog.at_level(logging.INFO, logger="bot.app.handlers.installation"):
        outcome = dispatch.handle("installation", event, ctx)
    assert outcome == ("installation 16598467 (Codertocat) unsuspended by Codertocat: "
                       "each PR is scored again at its next event")
    assert outcome in caplog.text and gh.writes == [] and gh.file_reads == []


def test_a_suspend_payload_without_logins_still_gets_its_outcome(ctx, payload):
    event = payload("installation", "suspend.payload.json")
    del event["installation"]["account"], event["sender"]
    event["installation"]["suspended_by"] = "not an object"
    assert dispatch.handle("installation", event, ctx) == (
        "installation 16598467 suspended: work queued for it is ignored until it is unsuspended")


def _recorded_403_message() -> str:
    """The 403 GitHub answered in PyGithub's recorded exchange (a permission, not a suspension)."""
    base = shared_dir()
    path = (base / "github" / "recorded" / "pygithub-replaydata"
            / "Repository.testCollaboratorPermissionNoPushAccess.json") if base else None
    if path is None or not path.is_file():
        pytest.skip("../shared has no recorded 403: set SIEVE_SHARED_DIR")
    [exchange] = json.loads(path.read_text(encoding="utf-8"))["exchanges"]
    assert exchange["status"] == 403
    return exchange["response_body"]["message"]
