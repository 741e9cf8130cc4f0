"""A sticky a person edited stays theirs, but never goes on saying the opposite of the labels.

The App stopped editing a sticky once a person had edited it; a later clearance (``/sieve ok``)
or a push that took the PR out of its band then left a comment that still said "this PR may need
more work before review" above no label at all. Now the person's text stays as they wrote it and
the App keeps one short note of its own below it, saying what changed since; the note goes when
the PR is back where the person's text has it, and a note a person edited is theirs too.
"""

from __future__ import annotations

import re

import pytest

from bot.app import dispatch, stickyedit, stickynote
from bot.ports import Comment, Conflict

from .conftest import result_for
from .test_handlers import HIGH, REPO, comment_event, opened, pr  # noqa: F401  (the pr fixture)

NOTE = "\n\n**Maintainer's note:** the README change is wanted; please just sign off your commit."


def _edit(gh, body_of) -> Comment:
    [sticky] = [c for c in gh.bot_comments(REPO, 2) if c.body.startswith("<!-- pr-sieve:sticky")]
    edited = Comment(sticky.id, body_of(sticky.body), sticky.author_login)
    gh.comments[(REPO, 2)] = [edited if c.id == sticky.id else c for c in gh.comments[(REPO, 2)]]
    return edited


def _sticky(gh) -> Comment:
    return next(c for c in gh.bot_comments(REPO, 2) if c.body.startswith("<!-- pr-sieve:sticky"))


def _flagged_and_edited(ctx, gh, payload) -> Comment:
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]
    mine = _edit(gh, lambda body: body.replace("### PR Sieve:", f"{NOTE}\n\n### PR Sieve:", 1))
    assert stickyedit.edited(mine.body)
    return mine


def _push(payload, ctx):
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)


def test_a_clearance_after_a_persons_edit_is_said_below_their_text(ctx, gh, pr, scorer, payload):  # noqa: F811
    mine = _flagged_and_edited(ctx, gh, payload)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    assert gh.labels[(REPO, 2)] == []
    sticky = _sticky(gh)
    assert sticky.body.startswith(mine.body.rstrip())  # every word of theirs, as they left it
    assert "cleared this PR" in sticky.body.removeprefix(mine.body.rstrip())
    assert stickyedit.edited(sticky.body)  # still theirs: the App never rewrites the whole comment


def test_a_push_out_of_the_band_after_a_persons_edit_is_said_below_their_text(ctx, gh, pr, scorer, payload):  # noqa: F811
    mine = _flagged_and_edited(ctx, gh, payload)
    scorer.result = result_for("low")
    _push(payload, ctx)
    assert HIGH not in gh.labels[(REPO, 2)]
    sticky = _sticky(gh)
    assert sticky.body.startswith(mine.body.rstrip())
    assert "not flagged any more" in sticky.body.removeprefix(mine.body.rstrip())
    gh.writes.clear()
    _push(payload, ctx)  # the same again: nothing to write
    assert not [w for w in gh.writes if w[0] in ("edit_comment", "create_comment", "delete_comment")]


def test_an_edited_sticky_that_still_says_what_the_labels_say_is_not_touched(ctx, gh, pr, scorer, payload):  # noqa: F811
    mine = _flagged_and_edited(ctx, gh, payload)
    gh.writes.clear()
    scorer.result = result_for("high", score=95)
    _push(payload, ctx)
    assert _sticky(gh) == mine
    assert not [w for w in gh.writes if w[0] in ("edit_comment", "create_comment", "delete_comment")]


def test_the_note_goes_when_the_pr_is_back_where_the_persons_text_has_it(ctx, gh, pr, scorer, payload):  # noqa: F811
    mine = _flagged_and_edited(ctx, gh, payload)
    scorer.result = result_for("low")
    _push(payload, ctx)
    scorer.result = result_for("high")
    _push(payload, ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]
    assert stickyedit.unchanged(_sticky(gh).body, mine.body)  # their text, and nothing of the App's


def test_a_note_a_person_edited_is_left_as_they_made_it(ctx, gh, pr, scorer, payload):  # noqa: F811
    _flagged_and_edited(ctx, gh, payload)
    scorer.result = result_for("low")
    _push(payload, ctx)
    theirs = _edit(gh, lambda body: body.replace("not flagged any more", "not flagged any more (thanks!)"))
    scorer.result = result_for("high")
    _push(payload, ctx)
    assert _sticky(gh) == theirs


def test_the_note_keeps_the_persons_text_whatever_they_wrote_below_the_hidden_line():
    from bot.app import stickynote

    signed = stickyedit.signed("<!-- pr-sieve:sticky -->\n<!-- pr-sieve:state:flagged -->\n### PR Sieve: hm\n")
    theirs = signed + NOTE
    noted = stickynote.amended(theirs, "**Update:** cleared.")
    assert noted.startswith(theirs.rstrip()) and "**Update:** cleared." in noted
    assert stickyedit.unchanged(stickynote.amended(noted, None), theirs)
    assert stickynote.amended(noted, "**Update:** cleared.") == noted
    assert stickynote.written_state(theirs) == "flagged" and stickynote.written_state("### no marker") is None


def _edited_after_the_read(gh, monkeypatch, body_of):
    """A person saves an edit of the sticky after this delivery listed the comments: the delivery
    goes on with the copy it read (the reviewer's case: right after their own ``/sieve ok``)."""
    real = gh.list_comments

    def list_comments(repo, number):
        listed = real(repo, number)
        monkeypatch.setattr(gh, "list_comments", real)
        _edit(gh, body_of)
        return listed

    monkeypatch.setattr(gh, "list_comments", list_comments)


def test_a_persons_edit_saved_during_the_delivery_is_not_written_over(ctx, gh, pr, scorer, payload,  # noqa: F811
                                                                      monkeypatch):
    """Review finding 5: the note was written into the copy read when the delivery began, so the
    person's newer words were lost. The comment is read again before the write; changed, the
    delivery is retried (review 2 finding 3: no later event may come)."""
    _flagged_and_edited(ctx, gh, payload)
    second = "**Maintainer, second edit:** please also add a test."
    _edited_after_the_read(gh, monkeypatch, lambda b: b.replace("### PR Sieve:", f"{second}\n\n### PR Sieve:", 1))
    event = comment_event(payload, "/sieve ok")
    with pytest.raises(Conflict):
        dispatch.handle("issue_comment", event, ctx)
    assert gh.labels[(REPO, 2)] == [] and second in _sticky(gh).body  # cleared; their newer words kept
    assert "edit_comment" not in [w[0] for w in gh.writes]
    dispatch.handle("issue_comment", event, ctx)  # the retry notes the clearance below their text as it is now
    after = _sticky(gh)
    assert second in after.body and "cleared this PR" in after.body and stickyedit.edited(after.body)


def test_a_sticky_deleted_during_the_delivery_is_not_written_to(ctx, gh, pr, scorer, payload,  # noqa: F811
                                                                        monkeypatch):
    _flagged_and_edited(ctx, gh, payload)
    real = gh.list_comments

    def list_comments(repo, number):
        listed = real(repo, number)
        monkeypatch.setattr(gh, "list_comments", real)
        gh.comments[(REPO, 2)] = [c for c in gh.comments[(REPO, 2)] if c.author_login != gh.bot]
        return listed

    monkeypatch.setattr(gh, "list_comments", list_comments)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    assert not [c for c in gh.bot_comments(REPO, 2) if c.body.startswith("<!-- pr-sieve:sticky")]
    assert "edit_comment" not in [w[0] for w in gh.writes]


def _without_note(gh) -> Comment:
    mine = _edit(gh, lambda body: re.sub(r"\s*<!-- pr-sieve:note:.*?note-end -->\s*", "\n", body, flags=re.S))
    assert not stickynote.has_note(mine.body)
    return mine


def test_a_note_a_person_removed_is_not_added_again_for_the_same_state(ctx, gh, pr, scorer, payload):  # noqa: F811
    """Review finding 2: the note a person deleted from their comment came back on every later event."""
    _flagged_and_edited(ctx, gh, payload)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    assert stickynote.has_note(_sticky(gh).body)
    mine = _without_note(gh)
    writes = len(gh.writes)
    _push(payload, ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)  # cleared still
    assert _sticky(gh).body == mine.body
    assert "edit_comment" not in [w[0] for w in gh.writes[writes:]]


def test_a_new_state_after_a_removed_note_is_noted_again(ctx, gh, pr, scorer, payload):  # noqa: F811
    _flagged_and_edited(ctx, gh, payload)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    mine = _without_note(gh)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)  # the labels move on
    after = _sticky(gh)
    assert after.body.startswith(mine.body.rstrip()) and stickynote.written_state(after.body) == "flagged"
    assert stickynote.has_note(after.body) and "exempt" in after.body.removeprefix(mine.body.rstrip())


def test_a_state_left_and_reached_again_is_noted_again(ctx, gh, pr, scorer, payload):  # noqa: F811
    """Cleared, the note removed by a person, the clearance cancelled (back where their text is),
    then cleared again: that is a new clearance, said below their text."""
    _flagged_and_edited(ctx, gh, payload)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    mine = _without_note(gh)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel"), ctx)
    assert _sticky(gh).body == mine.body
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    assert stickynote.has_note(_sticky(gh).body) and _sticky(gh).body.startswith(mine.body.rstrip())
