"""The App's note on a sticky a person edited: a state counts as noted only when the App said it
there (review 2, finding 1).

Finding 1: each decision records the state the App noted (``note_comment:<state>``) so that a note
a person took off stays off while that state holds. A note the App meant to add but did not write
(a person had reworded the note there) was recorded as noted too: once the person later removed
their reworded note, the App read that as its own note for the new state taken off, and the new
state (a maintainer's clearance) was never said below a sticky that still read "flagged".
"""

from __future__ import annotations

from bot.app import dispatch, stickynote

from .conftest import result_for
from .test_edited_sticky_follows_the_labels import _edit, _flagged_and_edited, _push, _sticky, _without_note
from .test_handlers import REPO, comment_event, pr  # noqa: F401  (the pr fixture)

CLEARED = "cleared this PR"  # the note's words for a maintainer's clearance


def _reworded(body: str) -> str:
    return body.replace("<!-- pr-sieve:note-end -->", "(reworded by a maintainer)\n<!-- pr-sieve:note-end -->")


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
