"""Reading webhook payloads: the few facts handlers need, or one clear ``PayloadError``.

A payload that lacks ``installation.id`` or a key a handler relies on can never succeed on a
retry, so ``PayloadError`` is a non-retryable ``GitHubError`` for the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.ports import GitHubError


class PayloadError(GitHubError, ValueError):
    """The delivery's payload is not what GitHub sends for this event; never retried.

    A ``GitHubError`` with ``retryable=False`` so the worker fails the delivery at once (GitHub
    sent something no retry can fix) instead of retrying it as an unexpected bug.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


def get(payload: dict[str, Any], path: str, kind: type | tuple[type, ...] = object) -> Any:
    """``get(payload, "pull_request.head.sha", str)`` or PayloadError naming the missing key."""
    value: Any = payload
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            raise PayloadError(f"payload has no {path!r}")
        value = value[key]
    return _checked(value, path, kind)


def optional(payload: dict[str, Any], path: str, kind: type | tuple[type, ...]) -> Any:
    """``optional(payload, "pull_request.user", dict)``: None when the last key is absent or null,
    PayloadError naming it when it holds another type (a string where GitHub sends an object
    would otherwise fail later as an AttributeError, retried as a bug)."""
    parent, _, key = path.rpartition(".")
    value = (get(payload, parent, dict) if parent else payload).get(key)
    return None if value is None else _checked(value, path, kind)


def _checked(value: Any, path: str, kind: type | tuple[type, ...]) -> Any:
    if kind is not object and (not isinstance(value, kind) or isinstance(value, bool) and kind is int):
        raise PayloadError(f"payload {path!r} is {type(value).__name__}, expected {_name(kind)}")
    return value


def installation_id(payload: dict[str, Any]) -> int:
    return get(payload, "installation.id", int)


def repo_name(payload: dict[str, Any]) -> str:
    return get(payload, "repository.full_name", str)


@dataclass(frozen=True)
class Author:
    login: str
    is_bot: bool
    association: str


def author(user: dict[str, Any] | None, association: str | None = None) -> Author:
    user = user or {}
    login = str(user.get("login") or "")
    is_bot = user.get("type") == "Bot" or login.lower().endswith("[bot]")
    return Author(login=login, is_bot=is_bot, association=str(association or "NONE").upper())


@dataclass(frozen=True)
class PullRequestEvent:
    repo: str
    number: int
    head_sha: str
    draft: bool
    closed: bool  # closed or merged: an ``edited`` event still comes (e.g. a retitle for release notes)
    author: Author
    rescore_edit: bool  # an ``edited`` event changed what is scored: the title, the body, or the base branch (the diff)


def pull_request_event(payload: dict[str, Any]) -> PullRequestEvent:
    pr = get(payload, "pull_request", dict)
    changes = payload.get("changes") or {}
    return PullRequestEvent(
        repo=repo_name(payload),
        number=get(payload, "pull_request.number", int),
        head_sha=get(payload, "pull_request.head.sha", str),
        draft=bool(pr.get("draft")),
        closed=pr.get("state") == "closed",
        author=author(optional(payload, "pull_request.user", dict), pr.get("author_association")),
        rescore_edit=isinstance(changes, dict) and bool({"title", "body", "base"} & changes.keys()),
    )


def _name(kind: type | tuple[type, ...]) -> str:
    return " or ".join(k.__name__ for k in kind) if isinstance(kind, tuple) else kind.__name__


def based_in(pull: Any, repo_id: int | None) -> bool:
    """Whether a PR listed on a check run targets this repository: GitHub also lists PRs of
    another repository whose head is this run's branch (numbered in that repository)."""
    base = pull.get("base") if isinstance(pull, dict) else None
    base = base.get("repo") if isinstance(base, dict) else None
    other = base.get("id") if isinstance(base, dict) else None
    return repo_id is None or other is None or other == repo_id
