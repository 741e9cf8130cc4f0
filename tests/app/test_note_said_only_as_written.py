"""The App's note on a sticky a person edited: a state counts as noted only when the App said it
there, and a note owed is never left for an event that may not come (review 2, findings 1 and 3).

Finding 1: each decision records the state the App noted (``note_comment:<state>``) so that a note
a person took off stays off while that state holds. A note the App meant to add but did not write
(a person had reworded the note there) was recorded as noted too: once the person later removed
their reworded note, the App read that as its own note for the new state taken off, and the new
state (a maintainer's clearance) was never said below a sticky that still read "flagged".

Finding 3: a person's edit saved while the delivery ran (after it read the comment, before the
note was written) left the note unwritten and the delivery done, "for the next event"; but the
edit's own event (``issue_comment.edited``) is not handled, so on a quiet PR none came. Now the
delivery is retried, as an ordinary attempt, and the retry notes below their new text.
"""

from __future__ import annotations

import json
import re

import pytest

from bot.app import dispatch, stickyedit, stickynote
from bot.app.worker import RetryPolicy, Worker
from bot.ports import Comment, Conflict
from bot.store import DeliveryStore, init_db

from .conftest import result_for
from .test_edited_sticky_follows_the_labels import (_edit, _edited_after_the_read, _flagged_and_edited, _push, _sticky,
                                                   _without_note)
from .test_handlers import REPO, comment_event, pr  # noqa: F401  (the pr fixture)

CLEARED = "cleared this PR"  # the note's words for a maintainer's clearance
SECOND = "**Maintainer, second edit:** please also add a test."


def _reworded(body: str) -> str:
    return body.replace("<!-- pr-sieve:note-end -->", "(reworded by a maintainer)\n<!-- pr-sieve:note-end -->")


def _second_edit(body: str) -> str:
    return body.replace("### PR Sieve:", f"{SECOND}\n\n### PR Sieve:", 1)


def test_a_note_the_app_did_not_write_is_not_recorded_as_noted(ctx, gh, pr, scorer, payload):  # noqa: F811
    _flagged_and_edited(ctx, gh, payload)
    scorer.result = result_for("low")
    _push(payload, ctx)  # out of the band: the App notes it
    noted = ctx.state.noted_state(REPO, 2)
    assert noted and stickynote.has_note(_sticky(gh).body)
    _edit(gh, _reworded)  # the person rewords the App's note: theirs now
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)  # a new state
    assert CLEARED not in _sticky(gh).body  # their reworded note is left as they made it
    assert ctx.state.noted_state(REPO, 2) == noted  # the clearance was not said: not recorded as said
    _without_note(gh)  # later they take their reworded note off
    _push(payload, ctx)
    after = _sticky(gh).body
    assert stickynote.has_note(after) and CLEARED in after  # the clearance is said below their text


def test_a_note_already_on_the_comment_is_still_recorded_as_noted(ctx, gh, pr, scorer, payload):  # noqa: F811
    """Still works: a note the App does not write because the comment already carries it, unedited,
    counts as noted, even when no decision of the App's says so (say its decisions were purged);
    a person who then takes it off keeps it off."""
    _flagged_and_edited(ctx, gh, payload)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    noted = ctx.state.noted_state(REPO, 2)
    assert noted and CLEARED in _sticky(gh).body
    ctx.state.decisions = [d for d in ctx.state.decisions if not any(a.startswith("note_comment:") for a in d.actions)]
    writes = len(gh.writes)
    _push(payload, ctx)
    assert "edit_comment" not in [w[0] for w in gh.writes[writes:]]  # nothing to write: the note is there
    assert ctx.state.noted_state(REPO, 2) == noted
    mine = _without_note(gh)
    _push(payload, ctx)
    assert _sticky(gh).body == mine.body  # taken off by a person: stays off in the same state


def test_an_edit_saved_during_the_delivery_retries_it_and_the_retry_notes_below_it(ctx, gh, pr, scorer,  # noqa: F811
                                                                                   payload, monkeypatch):
    _flagged_and_edited(ctx, gh, payload)
    event = comment_event(payload, "/sieve ok")
    _edited_after_the_read(gh, monkeypatch, _second_edit)
    with pytest.raises(Conflict) as raised:
        dispatch.handle("issue_comment", event, ctx)
    assert raised.value.retryable and not raised.value.retry_after  # an ordinary attempt, retried
    assert "edit_comment" not in [w[0] for w in gh.writes]  # their newer words not written over
    assert ctx.state.noted_state(REPO, 2) is None  # nothing recorded as said
    dispatch.handle("issue_comment", event, ctx)  # the worker's retry of the same delivery
    after = _sticky(gh).body
    assert gh.labels[(REPO, 2)] == []
    assert SECOND in after and stickyedit.edited(after)
    assert stickynote.written_state(after) == "flagged" and stickynote.has_note(after) and CLEARED in after


def test_a_note_removed_during_a_state_change_is_not_taken_as_the_new_states(ctx, gh, pr, scorer, payload,  # noqa: F811
                                                                              monkeypatch):
    """The person takes the earlier state's note off while the clearance is handled: the clearance
    was never noted, so the retry notes it."""
    _flagged_and_edited(ctx, gh, payload)
    scorer.result = result_for("low")
    _push(payload, ctx)
    assert stickynote.has_note(_sticky(gh).body)
    event = comment_event(payload, "/sieve ok")
    _edited_after_the_read(gh, monkeypatch, _without_note_text)
    with pytest.raises(Conflict):
        dispatch.handle("issue_comment", event, ctx)
    dispatch.handle("issue_comment", event, ctx)
    after = _sticky(gh).body
    assert stickynote.has_note(after) and CLEARED in after


def _without_note_text(body: str) -> str:
    return re.sub(r"\s*<!-- pr-sieve:note:.*?note-end -->\s*", "\n", body, flags=re.S)


@pytest.fixture
def deliveries(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'sieve.db'}")
    yield DeliveryStore(engine)
    engine.dispose()


def _worker(deliveries, gh, state, attempts: int = 8) -> Worker:
    return Worker(deliveries, dispatch.handle, lambda _i: gh, state, worker_id="w",
                  policy=RetryPolicy(max_attempts=attempts, backoff_base=0.0))


def _queue(deliveries, event: dict) -> None:
    deliveries.enqueue("ok", "issue_comment", json.dumps(event), action="created", installation_id=1,
                       repo=REPO, number=2)


def _drain(work: Worker) -> list[tuple[str, str]]:
    seen = []
    while (outcome := work.process_one()) is not None:
        seen.append((outcome.status, outcome.error or outcome.result or ""))
    return seen


def test_the_worker_retries_the_delivery_and_ends_it_done_with_the_note(ctx, gh, pr, scorer, payload,  # noqa: F811
                                                                        monkeypatch, deliveries):
    _flagged_and_edited(ctx, gh, payload)
    _queue(deliveries, comment_event(payload, "/sieve ok"))
    _edited_after_the_read(gh, monkeypatch, _second_edit)
    seen = _drain(_worker(deliveries, gh, ctx.state))
    assert [status for status, _ in seen] == ["retry", "done"]
    assert seen[0][1].startswith("GitHubError sticky comment") and "changed since" in seen[0][1]
    assert deliveries.get("ok").github_side_attempts == 0  # counted against the ordinary budget
    after = _sticky(gh).body
    assert SECOND in after and CLEARED in after and gh.labels[(REPO, 2)] == []
    replies = [c for c in gh.bot_comments(REPO, 2) if not c.body.startswith("<!-- pr-sieve:sticky")]
    assert len(replies) == 1  # the command's reply, once over both attempts


def test_a_person_who_keeps_editing_cannot_keep_the_delivery_going(ctx, gh, pr, scorer, payload,  # noqa: F811
                                                                   monkeypatch, deliveries):
    _flagged_and_edited(ctx, gh, payload)
    _queue(deliveries, comment_event(payload, "/sieve ok"))
    real, saves = gh.get_comment, []

    def get_comment(repo, comment_id):  # a new save between every read and write
        saves.append(1)
        found = real(repo, comment_id)
        return Comment(found.id, f"{found.body}\n(edit {len(saves)})", found.author_login)

    monkeypatch.setattr(gh, "get_comment", get_comment)
    seen = _drain(_worker(deliveries, gh, ctx.state, attempts=3))
    assert [status for status, _ in seen] == ["retry", "retry", "failed"]
    assert seen[-1][1].startswith("gave up after 3 attempts")
    assert "edit_comment" not in [w[0] for w in gh.writes]


def test_a_sticky_deleted_during_the_delivery_ends_it_done_at_once(ctx, gh, pr, scorer, payload,  # noqa: F811
                                                                   monkeypatch, deliveries):
    _flagged_and_edited(ctx, gh, payload)
    _queue(deliveries, comment_event(payload, "/sieve ok"))
    real = gh.list_comments

    def list_comments(repo, number):
        listed = real(repo, number)
        monkeypatch.setattr(gh, "list_comments", real)
        gh.comments[(REPO, 2)] = [c for c in gh.comments[(REPO, 2)] if c.author_login != gh.bot]
        return listed

    monkeypatch.setattr(gh, "list_comments", list_comments)
    seen = _drain(_worker(deliveries, gh, ctx.state))
    assert [status for status, _ in seen] == ["done"]
    assert not [c for c in gh.bot_comments(REPO, 2) if c.body.startswith("<!-- pr-sieve:sticky")]
    assert "edit_comment" not in [w[0] for w in gh.writes]
