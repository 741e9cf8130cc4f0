"""One wording of a ``GitHubError`` for operators (``bot.app.worker.describe_error``), used by the
worker's stored error and by the installation handler's per-repository result: its HTTP status
first, credentials redacted, the same words as each caller wrote before they shared it."""

from __future__ import annotations

import json

from bot.app import dispatch
from bot.app.worker import RetryPolicy, Worker, describe_error
from bot.ports import Conflict, GitHubError
from bot.store import DeliveryStore, SqlStateStore, init_db

from .test_installation import created, refuse

TOKEN = "ghs_abcdefghijklmnopqrstuvwxyz0123456789"


def test_the_status_comes_first_and_a_token_never_shows():
    assert describe_error(GitHubError("add_labels: GitHub answered 502: Bad Gateway", status=502)) == \
        "HTTP 502: add_labels: GitHub answered 502: Bad Gateway"
    assert describe_error(GitHubError("get_snapshot: request timed out (ReadTimeout)")) == \
        "get_snapshot: request timed out (ReadTimeout)"
    leaky = describe_error(GitHubError(f"list_comments: Authorization: token {TOKEN}", status=401))
    assert leaky.startswith("HTTP 401: list_comments:") and TOKEN not in leaky


def test_the_worker_stores_it_after_the_exception_name(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'w.db'}")
    store = DeliveryStore(engine)
    store.enqueue("d1", "pull_request", json.dumps({"action": "opened"}), action="opened")
    error = GitHubError(f"create_comment: GitHub answered 403: Resource not accessible {TOKEN}",
                        status=403)

    def handler(_event, _payload, _ctx):
        raise error

    outcome = Worker(store, handler, lambda _i: None, SqlStateStore(engine),
                     policy=RetryPolicy(), worker_id="w").process_one()
    assert outcome.status == "failed"
    assert outcome.error == ("GitHubError HTTP 403: create_comment: GitHub answered 403: "
                             "Resource not accessible [REDACTED]")
    assert store.get("d1").last_error == outcome.error
    engine.dispose()


def test_the_installation_result_names_each_repository_in_at_most_160_characters(
        ctx, gh, payload, monkeypatch):
    message = f"ensure_label: GitHub answered 403: {TOKEN} " + "Repository was archived. " * 12
    refuse(gh, monkeypatch, "octo-org/archived", GitHubError(message, status=403))
    outcome = dispatch.handle("installation", created(payload), ctx)
    why = ("HTTP 403: ensure_label: GitHub answered 403: [REDACTED] " + "Repository was archived. " * 12)[:160]
    assert outcome == f"labels ensured in 2 of 3 repositories; failed for good: octo-org/archived ({why})"


def test_a_conflict_is_not_worded_as_githubs_answer():
    """A ``Conflict`` (what the delivery read changed before it wrote) carries 409 only to be an
    ordinary retry: GitHub did not answer 409, so no HTTP status is shown."""
    assert describe_error(Conflict("sticky comment 5 on o/r#2 changed since this delivery read it")) == \
        "sticky comment 5 on o/r#2 changed since this delivery read it"
