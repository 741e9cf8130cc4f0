"""A `/sieve ok cancel` whose reply failed is retried after a person took the exempt label off:
the retry must still answer "Done", not "Nothing to cancel". The store kept only the newest
ending's source (who and what ended it), so the exemption's later ending hid the clearance's,
and the retried comment no longer found that it had ended the clearance itself (store revision
0009 keeps each kind's source)."""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.ports import GitHubError
from bot.store import SqlStateStore, init_db
from tests.app.test_cancel import EXEMPT
from tests.app.test_handlers import REPO, comment_event, opened, pr, unlabeled  # noqa: F401
from tests.app.test_reply_retry import fail_once_on, replies


@pytest.fixture
def state(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path}/s.db")
    yield SqlStateStore(engine)
    engine.dispose()


def _comment(payload, body: str, comment_id: int) -> dict:
    event = comment_event(payload, body)
    event["comment"]["id"] = comment_id
    return event


def test_a_retried_cancel_still_says_done_after_the_exemption_ended(ctx, gh, state, pr, payload, monkeypatch):
    gh.permissions[(REPO, "maintainer")] = "write"
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", _comment(payload, "/sieve ok", 500), ctx)
    dispatch.handle("issue_comment", _comment(payload, "/sieve exempt", 501), ctx)
    cancel = _comment(payload, "/sieve ok cancel", 600)
    before = len(replies(gh))
    fail_once_on(gh, monkeypatch, call=1)  # the cancel is recorded, its reply fails
    with pytest.raises(GitHubError):
        dispatch.handle("issue_comment", cancel, ctx)
    dispatch.handle("pull_request", unlabeled(payload, EXEMPT), ctx)  # a person ends the exemption
    dispatch.handle("issue_comment", cancel, ctx)  # the delivery's retry
    posted = replies(gh)[before:]
    assert posted, "the retried cancel was not answered"
    assert not any("Nothing to cancel" in body for body in posted), posted
    assert any("cancel" in body.lower() for body in posted)
