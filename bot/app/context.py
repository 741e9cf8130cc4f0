"""What a handler is given to do its work: ports, not globals.

The worker (``bot.app.worker``) builds a ``HandlerContext`` per delivery and calls
``bot.app.dispatch.handle(event, payload, ctx)``. Handlers raise ``bot.ports.GitHubError``
on API faults; the worker decides about retries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Protocol

from bot.ports import GitHubPort


@dataclass(frozen=True)
class Override:
    """A maintainer decision the bot must respect on later pushes."""

    repo: str
    number: int
    kind: str  # "ok" | "exempt" | "label_removed" | "label_added"
    actor: str
    at: datetime
    head_sha: str = ""
    score: int | None = None
    model_version: str = ""
    detail: str = ""
    # an exemption's: the clearance (ok, label_removed) in force when it was given, in force
    # again when the exemption ends (cancelling the later decision leaves the earlier standing)
    under: Override | None = None


@dataclass(frozen=True)
class Ending:
    """A person ending the decision of ``kinds`` in force (a cancel, the exempt label taken off),
    or meaning to when none was recorded yet: nothing is in force after it, but its time tells a
    late retry of an earlier action of those kinds that a person decided after it."""

    repo: str
    number: int
    kinds: tuple[str, ...]
    actor: str
    at: datetime
    detail: str = ""  # what ended it ("comment 123", "label sieve/exempt", "check run button")


def newest_per_kind(endings: Iterable[Ending]) -> tuple[Ending, ...]:
    """Of ``endings``, each kind's latest ending (of two made at once, the first given), newest
    first, each naming only the kinds it is the latest of: an ending of one kind never moves the
    time another kind was ended at (a late cancel of that kind, written in between, still counts)."""
    given = list(endings)
    latest: dict[str, int] = {}
    for i, ending in enumerate(given):
        for kind in ending.kinds:
            if kind not in latest or utc(ending.at) > utc(given[latest[kind]].at):
                latest[kind] = i
    kept = [replace(e, kinds=tuple(k for k in e.kinds if latest[k] == i)) for i, e in enumerate(given)]
    return tuple(sorted((e for e in kept if e.kinds), key=lambda e: utc(e.at), reverse=True))


def utc(at: datetime) -> datetime:
    """``at`` as an aware UTC time (a naive one is read as UTC, as the stores keep it)."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


@dataclass(frozen=True)
class Decision:
    """What the bot decided for a PR (kept for shadow mode, audits and `sieve report`)."""

    repo: str
    number: int
    head_sha: str
    score: int
    band: str
    model_version: str
    at: datetime
    shadow: bool
    actions: tuple[str, ...] = ()


class StateStore(Protocol):
    def get_override(self, repo: str, number: int) -> Override | None: ...

    def record_override(self, override: Override) -> None: ...

    def end_override(self, endings: tuple[Ending, ...], restore: Override | None = None) -> None:
        """Remove the decision in force (if any), keep ``endings`` (``newest_per_kind``'s: one per
        kind) as the PR's endings and put ``restore`` (the decision still standing after it, if
        any) in force, in one write."""

    def endings(self, repo: str, number: int) -> tuple[Ending, ...]:
        """The PR's kept endings, newest first: each kind's latest (none is kept twice)."""

    def decided_after(self, repo: str, number: int, at: datetime) -> bool:
        """Whether a (not shadow) decision was recorded for the PR after ``at``."""

    def endings_since(self) -> datetime | None:
        """When endings began to be kept (None: always): a cancel before it left none."""

    def record_decision(self, decision: Decision) -> None: ...

    def posted_sticky(self, repo: str, number: int) -> bool:
        """Whether a recorded (not shadow) decision created the sticky comment on this PR."""

    def noted_state(self, repo: str, number: int) -> str | None:
        """The state the App last noted on the PR's sticky a person edited (``NoteOnSticky.noted``,
        as the newest real decision that kept the note records it); None: none."""

    def pr_for_head(self, repo: str, head_sha: str) -> int | None:
        """The PR that a recorded decision scored at ``head_sha`` (the newest), or None."""


@dataclass
class HandlerContext:
    github: GitHubPort
    state: StateStore
    delivery_id: str
    installation_id: int | None = None
    shadow: bool = False  # global shadow mode from settings; repo config may also set it
    now: Callable[[], datetime] = field(default=datetime.now)
    help_url: str | None = None  # settings.public_url + "/help": what the comment and check link to
    # when the delivery reached the App (GitHub sends it within seconds of the person's action): the
    # time a label change or a button press is stamped with, as a command is with its comment's time,
    # so a queue running behind does not make a person's earlier action look later than their next one
    received_at: datetime | None = None
    attempt: int = 1  # which attempt at the delivery this is (the durable worker retries)
