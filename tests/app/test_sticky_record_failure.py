"""A sticky the App posted but could not record (the state store failed).

The delivery fails and the worker retries it; the sticky stays on the PR meanwhile and the retry
finds it and records it. The App never deletes it to take it back: a person may have edited it
in the meantime (it is theirs then), and a record whose commit reached the database before the
error would read the taken-back sticky as deleted by a person, lost for good. Known limit: a
maintainer who deletes the sticky before the retry records it sees it posted again.
"""

from __future__ import annotations

import pytest

from bot.app import dispatch, stickyedit
from bot.ports import Comment

from .conftest import result_for
from .test_handlers import REPO, opened, pr  # noqa: F401  (the pr fixture)


class StoreDown(RuntimeError):
    pass


def _failing(state, monkeypatch, times=1, first=None):
    real, calls = state.record_decision, []

    def record_decision(decision):
        calls.append(decision)
        if len(calls) <= times:
            if first is not None:
                first(decision, real)
            raise StoreDown("could not connect to the database")
        real(decision)

    monkeypatch.setattr(state, "record_decision", record_decision)


def test_a_failed_record_fails_the_delivery_and_the_retry_records_the_sticky(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                             payload, monkeypatch):
    _failing(state, monkeypatch)
    with pytest.raises(StoreDown):  # the worker retries the delivery
        dispatch.handle("pull_request", opened(payload), ctx)
    [posted] = gh.bot_comments(REPO, 2)  # left standing, unrecorded
    dispatch.handle("pull_request", opened(payload), ctx)  # the retry
    assert gh.bot_comments(REPO, 2) == [posted] and state.posted_sticky(REPO, 2)
    assert "delete_comment" not in [w[0] for w in gh.writes]


def test_a_sticky_a_person_edits_while_the_record_fails_is_theirs_and_kept(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                          payload, monkeypatch):
    """Review finding 1: the failed record took back (deleted) the sticky a person had just edited."""
    def person_edits(decision, real):
        [sticky] = gh.bot_comments(REPO, 2)
        body = sticky.body.replace("### PR Sieve:", "**Maintainer:** please just sign off.\n\n### PR Sieve:", 1)
        gh.comments[(REPO, 2)] = [Comment(sticky.id, body, sticky.author_login)]
        assert stickyedit.edited(body)

    _failing(state, monkeypatch, first=person_edits)
    with pytest.raises(StoreDown):
        dispatch.handle("pull_request", opened(payload), ctx)
    [kept] = gh.bot_comments(REPO, 2)
    assert "please just sign off" in kept.body
    dispatch.handle("pull_request", opened(payload), ctx)  # the retry leaves their text as it is
    assert gh.bot_comments(REPO, 2) == [kept]
    assert state.posted_sticky(REPO, 2)  # and records the sticky (a person's now) is on the PR


def test_a_record_that_committed_before_its_error_leaves_the_sticky_up(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                       payload, monkeypatch):
    """Review finding 4: the record committed, the client saw an error; the sticky was taken back and
    the retry read it as deleted by a person, so the delivery succeeded with no sticky."""
    _failing(state, monkeypatch, first=lambda decision, real: real(decision))
    with pytest.raises(StoreDown):
        dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("pull_request", opened(payload), ctx)
    assert len(gh.bot_comments(REPO, 2)) == 1 and state.posted_sticky(REPO, 2)


def test_a_recorded_sticky_is_edited_not_deleted_when_a_later_record_fails(ctx, gh, state, pr, scorer,  # noqa: F811
                                                                           payload, monkeypatch):
    dispatch.handle("pull_request", opened(payload), ctx)
    [sticky] = gh.bot_comments(REPO, 2)
    _failing(state, monkeypatch)
    scorer.result = result_for("low")
    with pytest.raises(StoreDown):
        dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    [edited] = gh.bot_comments(REPO, 2)
    assert edited.id == sticky.id and "no longer flagged" in edited.body
    assert "delete_comment" not in [w[0] for w in gh.writes]
