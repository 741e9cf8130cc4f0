"""The narrow interface the App's pure core needs from GitHub.

``bot.github`` implements it with PyGithub (the only package that imports PyGithub);
tests and ``sieve demo`` use the same implementation pointed at the fake GitHub server.
Every method is synchronous and may raise ``GitHubError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.snapshot import PRSnapshot


class GitHubError(Exception):
    """A GitHub API failure. ``retryable`` is True for 5xx, timeouts and rate limits."""

    def __init__(self, message: str, *, status: int | None = None, retryable: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after


class FileTooLarge(GitHubError):
    """A file over GitHub's 1 MB contents-API limit: GitHub answers without its content.
    Permanent (not retryable): readers treat it as a broken file, not a failed delivery."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=200, retryable=False)


class Conflict(GitHubError):
    """Not GitHub's answer: what a delivery read changed on GitHub before it wrote (a person saved
    the sticky again meanwhile). Retryable as an ordinary attempt (a status below 500, no
    ``retry_after``: ``bot.app.attempts.github_side`` is False), so the retry reads afresh and a
    person who keeps editing holds the delivery for at most ``max_attempts`` attempts."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=409, retryable=True)


class NotText(GitHubError):
    """A file that is not UTF-8 text; ``content`` holds its bytes, for the reader to say why (a
    config file) or to read what it can (a PR template). Permanent, like ``FileTooLarge``."""

    def __init__(self, message: str, content: bytes) -> None:
        super().__init__(message, status=200, retryable=False)
        self.content = content


@dataclass(frozen=True)
class Comment:
    id: int
    body: str
    author_login: str


@dataclass(frozen=True)
class CheckAction:
    """A button on a check run (GitHub: label <= 20, description <= 40, identifier <= 20 characters)."""

    label: str
    description: str
    identifier: str


@dataclass(frozen=True)
class CheckRunOutput:
    name: str
    head_sha: str
    status: str  # queued | in_progress | completed
    conclusion: str | None  # neutral | success | failure | action_required | None
    title: str
    summary: str
    text: str = ""
    actions: tuple[CheckAction, ...] = ()  # the buttons shown now (none: any earlier ones go)
    external_id: str = ""  # the PR the run is for: one run per (name, head_sha, external_id)


@dataclass(frozen=True)
class PullSearch:
    """An issue search for pull requests: GitHub's total and the refs of the first page."""

    total: int
    refs: tuple[str, ...] = ()  # "owner/repo#N", newest first


@dataclass(frozen=True)
class LabelEvent:
    """One label change in an issue's event history."""

    action: str  # labeled | unlabeled
    label: str
    actor: str  # login of whoever changed it
    at: datetime | None = None  # when (the event's created_at), None: not given


class GitHubPort(Protocol):
    def get_snapshot(self, repo: str, number: int) -> PRSnapshot: ...

    def get_file(self, repo: str, path: str, ref: str | None = None) -> str | None:
        """Text of a file on ``ref`` (default branch when None); None when it does not exist.
        Raises ``FileTooLarge`` over 1 MB and ``NotText`` when it is not UTF-8."""

    def list_folder(self, repo: str, path: str) -> dict[str, str] | None:
        """Names in a folder on the default branch (``""``: the root) with their type (file, dir,
        symlink, submodule); None when there is no such folder."""

    def get_issue_labels(self, repo: str, number: int) -> list[str]: ...

    def add_labels(self, repo: str, number: int, labels: list[str]) -> None: ...

    def label_events(self, repo: str, number: int) -> list[LabelEvent]:
        """Every label added to or removed from the issue, oldest first."""

    def remove_label(self, repo: str, number: int, label: str) -> None:
        """Remove a label; a label that is not there is not an error."""

    def ensure_label(self, repo: str, name: str, color: str, description: str) -> None:
        """Create a repository label unless it exists."""

    def list_comments(self, repo: str, number: int) -> list[Comment]: ...

    def create_comment(self, repo: str, number: int, body: str) -> Comment: ...

    def get_comment(self, repo: str, comment_id: int) -> Comment:
        """One issue comment as it is now; a ``GitHubError`` with status 404 when it is gone."""

    def edit_comment(self, repo: str, comment_id: int, body: str) -> None: ...

    def delete_comment(self, repo: str, comment_id: int) -> None:
        """Delete a comment; one that is already gone is not an error."""

    def add_reaction(self, repo: str, comment_id: int, content: str) -> None:
        """React to an issue comment with ``content`` (``eyes``, ``+1``, ...); a reaction the App
        already left there is not an error (GitHub answers 200 instead of 201)."""

    def upsert_check_run(self, repo: str, output: CheckRunOutput) -> int:
        """Create the App's check run for (name, head_sha, external_id) or update the existing one
        (or the App's run there without an external_id, made before runs had one); returns its id."""

    def get_permission(self, repo: str, login: str) -> str:
        """``admin`` | ``write`` | ``triage`` | ``read`` | ``none`` (maintain→write; a custom
        role counts as its base permission)."""

    def bot_login(self) -> str:
        """The App's bot user login (``<slug>[bot]``), to recognise its own comments."""

    def search_recent_pulls(self, login: str, since: str) -> PullSearch:
        """Pull requests ``login`` opened at or after ``since`` (ISO 8601, UTC) across public
        GitHub (the issue search; its first page, up to 100)."""
