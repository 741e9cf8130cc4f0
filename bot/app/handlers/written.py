"""Where a person wrote ``/sieve`` commands: a PR comment (``issue_comment``), the body of a PR
review (``pull_request_review``) or a comment on a line of the PR's diff
(``pull_request_review_comment``), read from any of these webhooks into one ``Written``, so
``bot.app.handlers.comments`` answers them all by the same rules.

A comment's id, a review's id and a review comment's id are separate id spaces (comment 12,
review 12 and review comment 12 can all exist on one PR), so what a reply's marker and a
decision's detail name says which it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.app import payload as p


@dataclass(frozen=True)
class Written:
    kind: str  # "comment" | "review" | "review_comment" (on a line of the diff)
    id: int | None
    number: int  # the PR's
    user: dict[str, Any] | None  # null in GitHub's schema for a deleted account
    association: str | None
    pr_user: dict[str, Any] | None  # the PR's author
    at: datetime | None  # when it was written: a comment's created_at, a review's submitted_at
    body: str | None

    @property
    def source(self) -> str:
        """The decision's detail, naming what made it: ``comment 12``, ``review 34``,
        ``review_comment 56``."""
        return f"{self.kind} {self.id}"

    @property
    def trigger(self) -> int | str | None:
        """What the replies' markers name, so a retry does not post them again: a comment's id
        (as replies always said), ``review-34`` for a review, ``review_comment-56`` for a comment on
        a line of the diff, never read as comment 34's or 56's."""
        return self.id if self.kind == "comment" or self.id is None else f"{self.kind}-{self.id}"

    @property
    def named(self) -> str:
        """How a reply names it: "this comment", "this review", "this review comment"."""
        return self.kind.replace("_", " ")

    @property
    def reacts(self) -> bool:
        """Whether a held-back repeat gets a reaction: the Issues API has one for a comment; a
        review has none (its id is no comment's), so its writer sees nothing for it. Nor does a
        review comment: GitHub reacts to one through the Pulls API, which needs the
        ``pull_requests: write`` permission the App does not ask for (it reads PRs only)."""
        return self.kind == "comment" and self.id is not None


def from_comment(payload: dict[str, Any]) -> Written:
    """An ``issue_comment`` on a PR (its ``issue`` carries a ``pull_request`` key)."""
    comment = p.get(payload, "comment", dict)
    return Written("comment", p.optional(payload, "comment.id", int), p.get(payload, "issue.number", int),
                   p.optional(payload, "comment.user", dict), comment.get("author_association"),
                   p.optional(payload, "issue.user", dict), timestamp(comment.get("created_at")),
                   p.get(payload, "comment.body", (str, type(None))))


def from_review(payload: dict[str, Any]) -> Written:
    """A ``pull_request_review``: its ``review`` (body null for a review without text) and the
    ``pull_request`` it is on."""
    review = p.get(payload, "review", dict)
    return Written("review", p.optional(payload, "review.id", int), p.get(payload, "pull_request.number", int),
                   p.optional(payload, "review.user", dict), review.get("author_association"),
                   p.optional(payload, "pull_request.user", dict), timestamp(review.get("submitted_at")),
                   p.optional(payload, "review.body", str))


def from_review_comment(payload: dict[str, Any]) -> Written:
    """A ``pull_request_review_comment``: its ``comment`` on a line of the diff (in a review or a
    reply in its thread; ``created_at`` when it was written) and the ``pull_request`` it is on."""
    comment = p.get(payload, "comment", dict)
    return Written("review_comment", p.optional(payload, "comment.id", int),
                   p.get(payload, "pull_request.number", int), p.optional(payload, "comment.user", dict),
                   comment.get("author_association"), p.optional(payload, "pull_request.user", dict),
                   timestamp(comment.get("created_at")), p.get(payload, "comment.body", (str, type(None))))


def timestamp(value) -> datetime | None:
    try:
        return utc(datetime.fromisoformat(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def utc(at: datetime) -> datetime:
    """Every time the handler compares (the clock, GitHub's timestamps, the stored decision), in
    UTC with its zone; a time without one is read as UTC."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
