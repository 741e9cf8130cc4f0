"""Create the PR Sieve labels (with colour and description) in every newly installed repository.

Each repository is set up on its own: one that refuses for good (an archived repository answers
403) is logged and named in the delivery's result while the others still get their labels. Only
a failure a retry can fix (5xx, rate limit) fails the attempt, so the worker runs it again.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.app import apply as applier
from bot.app import payload as p
from bot.app import review
from bot.app.actions import EnsureLabel
from bot.app.context import HandlerContext
from bot.obs.logging import redact
from bot.ports import GitHubError

EVENTS = {"installation": {"created"}, "installation_repositories": {"added"}}
HELP = "Creates the band and exempt labels in each repository when the App is installed or given access."
_KEYS = {"installation": "repositories", "installation_repositories": "repositories_added"}
log = logging.getLogger(__name__)


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    repos = [p.get(r, "full_name", str) for r in p.get(payload, _KEYS[event], list)]
    done: list[str] = []
    failed: dict[str, GitHubError] = {}
    for repo in repos:
        try:
            if ensure_labels(ctx, repo):
                done.append(repo)
        except GitHubError as err:
            failed[repo] = err
    return outcome(f"labels ensured in {len(done)} of {len(repos)} repositories", failed)


def ensure_labels(ctx: HandlerContext, repo: str) -> bool:
    config = review.load_config(ctx, repo).config
    if review.shadow(ctx, config) or not config.enabled:
        return False
    actions = tuple(EnsureLabel(s.name, s.color, s.description) for s in config.own_labels())
    applier.apply(ctx.github, repo, 0, actions)
    return True


def outcome(summary: str, failed: dict[str, GitHubError]) -> str:
    """The result line; raises a retryable ``GitHubError`` when a retry may still succeed."""
    for repo, err in failed.items():
        log.warning("label setup in %s failed%s: %s", repo, "" if err.retryable else " for good",
                    redact(str(err)))
    if not failed:
        return summary
    retryable = [err for err in failed.values() if err.retryable]
    if retryable:
        waits = [err.retry_after for err in retryable if err.retry_after is not None]
        raise GitHubError(f"{summary}; failed: {_named(failed)}", status=retryable[0].status, retryable=True,
                          retry_after=max(waits) if waits else None)
    return f"{summary}; failed for good: {_named(failed)}"


def _named(failed: dict[str, GitHubError]) -> str:
    return "; ".join(f"{repo} ({_why(err)})" for repo, err in failed.items())


def _why(err: GitHubError) -> str:
    status = f"HTTP {err.status}: " if err.status is not None else ""
    return redact(f"{status}{err}")[:160]
