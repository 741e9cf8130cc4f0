"""One comment cancels the exemption and then the clearance under it; the first reply's POST fails
and the worker retries. On the SQL store only the newest ending kept its detail, so the retry said
"Nothing to cancel" for the exemption it had cancelled (review item 3)."""
from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.ports import GitHubError
from bot.store import SqlStateStore, init_db
from tests.app.fakes import MemoryState
from tests.app.test_handlers import REPO, comment_event, opened, pr  # noqa: F401
from tests.app.test_reply_retry import fail_once_on, replies


@pytest.fixture(params=["memory", "sqlite"])
def state(request, tmp_path):
    if request.param == "memory":
        yield MemoryState()
        return
    engine = init_db(f"sqlite:///{tmp_path}/s.db")
    yield SqlStateStore(engine)
    engine.dispose()


def test_the_retry_says_both_cancels_were_done(ctx, gh, state, pr, scorer, payload, monkeypatch):
    gh.permissions[(REPO, "maintainer")] = "write"
    dispatch.handle("pull_request", opened(payload), ctx)
    for i, body in enumerate(["/sieve ok", "/sieve exempt"]):
        event = comment_event(payload, body)
        event["comment"]["id"] = 500 + i
        dispatch.handle("issue_comment", event, ctx)
    both = comment_event(payload, "/sieve exempt cancel\n/sieve ok cancel")
    both["comment"]["id"] = 600
    before = len(replies(gh))
    fail_once_on(gh, monkeypatch, call=1)
    with pytest.raises(GitHubError):
        dispatch.handle("issue_comment", both, ctx)
    dispatch.handle("issue_comment", both, ctx)
    posted = replies(gh)[before:]
    assert posted and all("Nothing to cancel" not in body for body in posted), posted
    assert any("exemption is cancelled" in body for body in posted), posted
