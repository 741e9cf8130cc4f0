"""Every PyGithub / requests failure becomes a ``bot.ports.GitHubError`` (status, retryable,
retry_after), so handlers and the durable worker never see library exceptions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import requests
import urllib3.exceptions
from github import GithubException

from bot.github.ratelimit import rate_limit_wait
from bot.ports import GitHubError

_MESSAGE_LIMIT = 300


def _message(exc: GithubException) -> str:
    data = exc.data
    if isinstance(data, dict):
        text = str(data.get("message") or "")
        errors = data.get("errors")
        if isinstance(errors, list) and errors:
            text = f"{text} ({', '.join(map(_error_item, errors[:3]))})"
        return text[:_MESSAGE_LIMIT]
    return str(data or exc.message or "")[:_MESSAGE_LIMIT]


def _error_item(item) -> str:
    """One of GitHub's ``errors[]``: its code, and its own message when it has one (a refused
    search says why there: "The listed users cannot be searched ...")."""
    if not isinstance(item, dict):
        return str(item)
    code, said = str(item.get("code", item)), item.get("message")
    return f"{code}: {said}" if isinstance(said, str) and said else code


def from_github_exception(exc: GithubException, operation: str) -> GitHubError:
    status = exc.status
    message = _message(exc)
    wait = rate_limit_wait(exc.headers, status, message)
    retryable = status is None or status >= 500 or wait is not None
    return GitHubError(f"{operation}: GitHub answered {status}: {message}".rstrip(": "),
                       status=status, retryable=retryable, retry_after=wait)


def is_rate_limited(exc: GithubException) -> bool:
    """GitHub's answer is a rate limit (403 or 429 with its headers or message), not a refusal."""
    return rate_limit_wait(exc.headers, exc.status, _message(exc)) is not None


def _timed_out(exc: requests.RequestException) -> bool:
    inner = exc.args[0] if exc.args else None  # urllib3's MaxRetryError after our retries
    reason = getattr(inner, "reason", None)
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return False  # a refused connection (urllib3 makes it a kind of ConnectTimeoutError)
    return isinstance(exc, requests.Timeout) or isinstance(reason, urllib3.exceptions.TimeoutError)


def from_requests_exception(exc: requests.RequestException, operation: str) -> GitHubError:
    kind = "timed out" if _timed_out(exc) else "failed to connect or read"
    return GitHubError(f"{operation}: request {kind} ({type(exc).__name__})", status=None,
                       retryable=True)


def error_status(exc: Exception) -> int | None:
    return exc.status if isinstance(exc, (GithubException, GitHubError)) else None


@contextmanager
def translated(operation: str, on_unauthorized: Callable[[], None] | None = None) -> Iterator[None]:
    """Run a block of PyGithub calls; re-raise their failures as ``GitHubError``.

    A 401 means the cached installation token was revoked or expired early:
    ``on_unauthorized`` drops it and the error is retryable (the next try fetches a new one).
    """
    try:
        yield
    except GitHubError:
        raise
    except GithubException as exc:
        error = from_github_exception(exc, operation)
        if exc.status == 401 and on_unauthorized is not None:
            on_unauthorized()
            error.retryable = True
        raise error from None
    except requests.RequestException as exc:
        raise from_requests_exception(exc, operation) from None
