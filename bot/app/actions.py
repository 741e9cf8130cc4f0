"""The actions ``plan`` decides and ``apply`` performs: plain, immutable data.

Text is carried as a ``View`` (template name + context) so planning stays pure; ``apply``
renders it. Every action writes to GitHub; shadow mode therefore means "no actions".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class View:
    template: str
    context: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)


@dataclass(frozen=True)
class AddLabels:
    """Add ``labels``; ``ensure`` first creates any of them the repository lacks, with its colour and
    description (GitHub would create a missing one on use with neither: a repository installed in
    shadow mode, or whose config renamed a label). An existing label is left as it is."""

    labels: tuple[str, ...]
    ensure: tuple["EnsureLabel", ...] = field(default=(), compare=False)

    def describe(self) -> str:
        return "add_labels:" + ",".join(self.labels)


@dataclass(frozen=True)
class DeleteComment:
    """Remove a duplicate sticky comment (a create that GitHub finished after a timeout)."""

    comment_id: int

    def describe(self) -> str:
        return f"delete_comment:{self.comment_id}"


@dataclass(frozen=True)
class RemoveLabel:
    label: str

    def describe(self) -> str:
        return f"remove_label:{self.label}"


@dataclass(frozen=True)
class EnsureLabel:
    name: str
    color: str
    description: str

    def describe(self) -> str:
        return f"ensure_label:{self.name}"


@dataclass(frozen=True)
class UpsertComment:
    """Create the sticky comment, or edit ``comment_id`` when the text differs from ``current``."""

    view: View
    comment_id: int | None = None
    current: str | None = None

    def describe(self) -> str:
        verb = "create" if self.comment_id is None else "edit"
        return f"{verb}_comment:{self.view.template}"


@dataclass(frozen=True)
class NoteOnSticky:
    """Keep the App's own note at the end of the sticky ``comment_id`` a person edited
    (``bot.app.stickynote``), their text untouched: ``view`` says what is true now that the
    comment's text no longer is; None takes the note away. ``noted``: the state the App has
    noted there ("": none), recorded (``describe``) so that a note a person removed is not
    added again for the same state (``noted_state``)."""

    comment_id: int
    current: str
    view: View | None = None
    noted: str = ""

    def describe(self) -> str:
        return f"{NOTE_ACTION}{self.noted or NO_NOTE}"


NOTE_ACTION, NO_NOTE = "note_comment:", "none"  # how a decision records NoteOnSticky


def noted_state(described: tuple[str, ...]) -> str | None:
    """The state a decision's recorded actions say the App noted on a person's sticky (None: none)."""
    noted = next((a[len(NOTE_ACTION):] for a in described if a.startswith(NOTE_ACTION)), NO_NOTE)
    return None if noted == NO_NOTE else noted


@dataclass(frozen=True)
class CheckRun:
    name: str
    head_sha: str
    conclusion: str
    title: View
    summary: View
    text: View | None = None
    buttons: tuple[str, ...] = ()  # identifiers of templates/check_actions.yml
    external_id: str = ""  # the PR the run is for (``bot.app.checkid``): PRs sharing a head commit each have one

    def describe(self) -> str:
        return f"check_run:{self.conclusion}"


@dataclass(frozen=True)
class Reply:
    """A reply to a command. ``trigger`` (the id of the comment that asked) marks the reply, so
    a retried delivery finds it on the PR and does not post it again."""

    view: View
    trigger: int | None = None

    @property
    def name(self) -> str:
        """What the reply answers: ``reply_explain.md.j2`` -> ``explain``, ``help.md.j2`` -> ``help``;
        a template that answers several commands adds the command (``cancel-ok``, ``cancel-exempt``)."""
        stem = self.view.template.split(".", 1)[0].removeprefix("reply_")
        command = self.view.context.get("command")
        return f"{stem}-{command}" if isinstance(command, str) else stem

    @property
    def marker(self) -> str:
        return "" if self.trigger is None else REPLY_MARKER.format(trigger=self.trigger, name=self.name)

    def describe(self) -> str:
        return f"reply:{self.view.template}"


@dataclass(frozen=True)
class React:
    """Leave the reaction ``content`` on the comment ``comment_id``: the sign a command was read
    when its reply was held back (``bot.app.replylimit``). A courtesy: ``apply`` logs a failure
    and goes on. Idempotent: GitHub answers 200 for a reaction the App already left."""

    comment_id: int
    content: str

    def describe(self) -> str:
        return f"react:{self.content}"


Action = Union[AddLabels, RemoveLabel, EnsureLabel, UpsertComment, NoteOnSticky, DeleteComment, CheckRun, Reply,
               React]

STICKY_MARKER = "<!-- pr-sieve:sticky -->"
REPLY_MARKER = "<!-- pr-sieve:reply:{trigger}:{name} -->"  # never contains STICKY_MARKER: a reply is no sticky
STATE_MARKER = "<!-- pr-sieve:state:{state} -->"  # the sticky's second line: what it said (flagged, advisory, ...)
# A held-back command's reaction: GitHub's eyes say "seen", and read as neither approval ("+1"
# would suggest a refused "/sieve ok" was done) nor judgement ("confused" reads as a reproach).
SEEN_REACTION = "eyes"
