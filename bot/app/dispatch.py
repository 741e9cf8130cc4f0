"""Route a webhook delivery to its handler, Prow-style: each handler module declares the
(event, action) pairs it serves. ``HANDLED`` lets the server drop everything else early.

``handle`` raises ``PayloadError`` (non-retryable) for a payload without ``installation.id`` or
a key its handler needs, and lets ``GitHubError`` through for the worker's retry policy, except a
404 for a PR the installation can no longer see at all (the App uninstalled or the repository
removed from it while the delivery was queued): no retry can help, so it is ``ignored``. So is
work that fails because the installation is suspended (GitHub answers 403 "This installation has
been suspended" until an owner unsuspends it; the PR is scored again at its next event then).
"""

from __future__ import annotations

from datetime import timedelta
from types import ModuleType
from typing import Any

from bot.app.context import HandlerContext
from bot.app.handlers import check_run, comments, installation, labels, pull_request, review_comments, reviews
from bot.app.payload import PayloadError, installation_id
from bot.obs.logging import redact
from bot.ports import GitHubError

LAG_ATTEMPTS = 3  # a 404 on the first two attempts of a fresh delivery is retried
LAG_WINDOW = timedelta(minutes=2)
LAG_WAIT = 2.0  # seconds: GitHub's own trouble (its replicas' lag), so it spends no ordinary attempt

HANDLERS: tuple[ModuleType, ...] = (pull_request, labels, comments, reviews, review_comments, check_run, installation)


def _registry() -> dict[tuple[str, str], ModuleType]:
    table: dict[tuple[str, str], ModuleType] = {}
    for module in HANDLERS:
        for event, actions in module.EVENTS.items():
            for action in actions:
                if (event, action) in table:
                    raise RuntimeError(f"two handlers for {event}.{action}")
                table[(event, action)] = module
    return table


REGISTRY = _registry()
HANDLED: dict[str, set[str]] = {}
for _event, _action in REGISTRY:
    HANDLED.setdefault(_event, set()).add(_action)


def handler_for(event: str, action: str | None) -> ModuleType | None:
    return REGISTRY.get((event, action or ""))


def handle(event: str, payload: Any, ctx: HandlerContext) -> str:
    """Run the handler for ``event``/``payload["action"]``; returns a one-line outcome."""
    if not isinstance(payload, dict):
        raise PayloadError(f"{event} payload is {type(payload).__name__}, not a JSON object")
    module = handler_for(event, payload.get("action"))
    if module is None:
        return f"ignored: no handler for {event}.{payload.get('action')}"
    installation_id(payload)
    try:
        return module.handle(event, payload, ctx)
    except GitHubError as err:
        if installation.suspended(err):
            return (f"ignored: the installation is suspended ({redact(str(err))[:200]}); not retried: "
                    "each PR is scored again at its next event after it is unsuspended")
        if err.status == 404 and not err.retryable and _maybe_lagging(ctx):
            raise GitHubError(f"{err} (retried: GitHub's API can lag its own webhook by a few seconds)",
                              status=404, retryable=True, retry_after=LAG_WAIT) from err
        if err.status == 404 and not err.retryable and _out_of_reach(payload, ctx):
            return (f"ignored: {payload['repository']['full_name']}#{_number(payload, ctx)} is no longer "
                    "reachable (the App was uninstalled or the repository removed from it, or the PR deleted)")
        raise


def _maybe_lagging(ctx: HandlerContext) -> bool:
    """A 404 on one of a delivery's first attempts, within minutes of GitHub sending it: right after
    a PR is opened or pushed to, GitHub's API can answer 404 for what its webhook names (its
    replicas lag; octokit/octokit.js#900), so it is tried again before it is read as final."""
    if ctx.received_at is None or ctx.attempt >= LAG_ATTEMPTS:
        return False
    return ctx.now() - ctx.received_at < LAG_WINDOW


def _number(payload: dict[str, Any], ctx: HandlerContext) -> int | None:
    """The PR a delivery is about: its ``pull_request`` or ``issue``, or a check run's or suite's
    PR, as the check handler finds it (the PR scored at its commit, for a fork PR)."""
    for key in ("pull_request", "issue"):
        item = payload.get(key)
        number = item.get("number") if isinstance(item, dict) else None
        if type(number) is int:
            return number
    key = next((k for k in check_run.CHECKS if isinstance(payload.get(k), dict)), None)
    repo = (payload.get("repository") or {}).get("full_name")
    try:
        return check_run.pull_number(ctx, payload, repo, key) if key and isinstance(repo, str) else None
    except PayloadError:
        return None


def _out_of_reach(payload: dict[str, Any], ctx: HandlerContext) -> bool:
    """After a 404: whether the installation can no longer see the PR at all (a delivery queued
    before ``installation.deleted`` or ``installation_repositories.removed``, a PR GitHub
    removed), which no retry can change. A 404 on a PR still in reach is a real failure."""
    repo, number = (payload.get("repository") or {}).get("full_name"), _number(payload, ctx)
    if not isinstance(repo, str) or number is None:
        return False
    try:
        ctx.github.get_issue_labels(repo, number)
    except GitHubError as probe:
        return probe.status == 404
    return False


def help_texts() -> dict[str, str]:
    """Operator-facing: what each handler does (``sieve serve --help``-style listings)."""
    return {module.__name__.rsplit(".", 1)[-1]: module.HELP for module in HANDLERS}


__all__ = ["HANDLED", "HANDLERS", "PayloadError", "handle", "handler_for", "help_texts"]
