"""A sticky the App posted but could not record (the state store failed).

The delivery fails and the worker retries it, so nothing is silently lost. But the sticky stood
on the PR unrecorded until the retry: a maintainer who deleted it meanwhile (a store outage can
last minutes, and a delivery can run out of attempts) saw it posted again, since an unrecorded
sticky that is gone reads as never posted. Now a sticky the App cannot record is taken back
before the delivery fails; the retry posts it anew and records it.
"""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.ports import GitHubError

from .test_handlers import REPO, opened, pr  # noqa: F401  (the pr fixture)


class StoreDown(RuntimeError):
    pass


def _failing(state, monkeypatch, times=1):
    real, calls = state.record_decision, []

    def record_decision(decision):
        calls.append(decision)
        if len(calls) <= times:
            raise StoreDown("could not connect to the database")
        real(decision)

    monkeypatch.setattr(state, "record_decision", record_decision)


def _delete_stickies(gh):
    gh.comments[(REPO, 2)] = [c for c in gh.comments[(REPO, 2)] if c.author_login != gh.bot]


def test_a_sticky_that_cannot_be_recorded_is_taken_back_and_the_delivery_fails(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                               payload, monkeypatch):
    _failing(state, monkeypatch)
    with pytest.raises(StoreDown):  # the worker retries the delivery
        dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.bot_comments(REPO, 2) == [] and not state.posted_sticky(REPO, 2)  # none stands unrecorded
    dispatch.handle("pull_request", opened(payload), ctx)  # the retry
    assert len(gh.bot_comments(REPO, 2)) == 1 and state.posted_sticky(REPO, 2)
    _delete_stickies(gh)  # a maintainer deletes it
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.bot_comments(REPO, 2) == []  # not posted again


def test_a_sticky_deleted_while_the_store_is_down_is_not_posted_again(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                      payload, monkeypatch):
    """The outage outlasts the delivery's attempts; a maintainer deletes whatever sticky they see."""
    _failing(state, monkeypatch, times=2)
    for _ in range(2):
        with pytest.raises(StoreDown):
            dispatch.handle("pull_request", opened(payload), ctx)
    seen = gh.bot_comments(REPO, 2)
    _delete_stickies(gh)
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)  # the store is back
    assert not (seen and gh.bot_comments(REPO, 2))  # what a maintainer deleted is not posted again
    assert len(gh.bot_comments(REPO, 2)) == 1 and state.posted_sticky(REPO, 2)  # none stood unrecorded: posted now


def test_a_failed_take_back_still_fails_the_delivery_with_the_stores_error(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                           payload, monkeypatch):
    _failing(state, monkeypatch)

    def delete_comment(repo, comment_id):
        raise GitHubError("Bad Gateway", status=502, retryable=True)

    monkeypatch.setattr(gh, "delete_comment", delete_comment)
    with pytest.raises(StoreDown):
        dispatch.handle("pull_request", opened(payload), ctx)
    monkeypatch.undo()
    dispatch.handle("pull_request", opened(payload), ctx)
    assert len(gh.bot_comments(REPO, 2)) == 1 and state.posted_sticky(REPO, 2)


def test_a_recorded_sticky_is_never_taken_back_when_a_later_record_fails(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                         payload, monkeypatch):
    from .conftest import result_for

    dispatch.handle("pull_request", opened(payload), ctx)
    [sticky] = gh.bot_comments(REPO, 2)
    _failing(state, monkeypatch)
    scorer.result = result_for("low")
    with pytest.raises(StoreDown):
        dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    [edited] = gh.bot_comments(REPO, 2)
    assert edited.id == sticky.id and "no longer flagged" in edited.body
    assert "delete_comment" not in [w[0] for w in gh.writes]
