"""The App's own note below a sticky comment a person edited.

A sticky a person edited is theirs (``bot.app.stickyedit``): the App never rewrites it. But the
labels move on (a push takes the PR out of its band, a maintainer clears it), and the App's text
in it would then say the opposite of them. So the App keeps one short note of its own at the end,
between its markers, saying what is true now; the person's text is never touched. The note goes
when the PR is back where the comment's text has it (its state marker), and a note a person
edited (its text no longer matches the digest in its first marker) is theirs too: left alone.
A note a person removed is not added again while the PR stays in the state it said: the App keeps
what it noted with its decisions (``StateStore.noted_state``), as the comment itself can lose it.
"""

from __future__ import annotations

import re

from bot.app.actions import NoteOnSticky, View
from bot.app.stickyedit import digest

NOTE_START = "<!-- pr-sieve:note:{digest} -->"
NOTE_END = "<!-- pr-sieve:note-end -->"
_NOTE = re.compile(r"\s*<!-- pr-sieve:note:([0-9a-f]{16}) -->\r?\n(.*?)\r?\n<!-- pr-sieve:note-end -->[ \t]*(?:\r?\n)?", re.S)
_STATE = re.compile(r"<!-- pr-sieve:state:(\w+) -->")  # actions.STATE_MARKER


def written_state(body: str) -> str | None:
    """The state the sticky's text was written in (its state marker), or None when it has none."""
    found = _STATE.search(body)
    return found.group(1) if found else None


def has_note(body: str) -> bool:
    return _NOTE.search(body) is not None


def amended(body: str, note: str | None) -> str | None:
    """``body`` with the App's note saying ``note`` at its end (None: without a note), or None
    when a person edited the note there: it is theirs now."""
    found = _last(body)
    if found is not None and digest(found.group(2)) != found.group(1):
        return None
    kept = body[:found.start()] + body[found.end():] if found else body
    if note is None:
        return kept
    text = note.strip()
    return f"{kept.rstrip()}\n\n{NOTE_START.format(digest=digest(text))}\n{text}\n{NOTE_END}\n"


def _last(body: str) -> re.Match | None:
    found = list(_NOTE.finditer(body))
    return found[-1] if found else None


def note_actions(sticky, state: str, noted_state: str | None, note: View) -> list[NoteOnSticky]:
    """A sticky a person edited is theirs, left as they made it; only when its text no longer says
    what is true (``state``: the labels moved on) does the App's own short ``note`` below it say so.
    A note a person removed stays removed while the state it said (``noted_state``) holds; a new
    state may be noted again. The action is recorded either way (what the App noted, and that
    its sticky is on the PR), and writes nothing when the comment already reads as it should."""
    if state == written_state(sticky.body):
        return [NoteOnSticky(sticky.id, sticky.body)]
    if not has_note(sticky.body) and noted_state == state:
        return [NoteOnSticky(sticky.id, sticky.body, noted=state)]  # a person took it off: theirs
    return [NoteOnSticky(sticky.id, sticky.body, note, noted=state)]
