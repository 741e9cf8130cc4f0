"""What a handler is given to do its work: ports, not globals.

The worker (``bot.app.worker``) builds a ``HandlerContext`` per delivery and calls
``bot.app.dispatch.handle(event, payload, ctx)``. Handlers raise ``bot.ports.GitHubError``
on API faults; the worker decides about retries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.ports import GitHubPort


# The kind of a decision that ended the one in force (a cancel, the exempt label taken off): nothing
# is in force after it, but its time still tells a late retry of an earlier action that a person
# decided after it
ENDED = "ended"


@dataclass(frozen=True)
class Override:
    """A maintainer decision the bot must respect on later pushes."""

    repo: str
    number: int
    kind: str  # "ok" | "exempt" | "label_removed" | "label_added" | ENDED
    actor: str
    at: datetime
    head_sha: str = ""
    score: int | None = None
    model_version: str = ""
    detail: str = ""


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
    def get_override(self, repo: str, number: int) -> Override | None:
        """The decision in force on the PR (None: none, or the latest one ended it)."""

    def latest_override(self, repo: str, number: int) -> Override | None:
        """The latest decision recorded for the PR, an ``ENDED`` one included."""

    def record_override(self, override: Override) -> None: ...

    def record_decision(self, decision: Decision) -> None: ...

    def posted_sticky(self, repo: str, number: int) -> bool:
        """Whether a recorded (not shadow) decision created the sticky comment on this PR."""

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
