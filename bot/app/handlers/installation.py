"""Installation events: label setup, and suspension.

``installation.created`` and ``installation_repositories.added`` create the PR Sieve labels (with
colour and description) in every newly installed repository whose settings can be used (not
off, not in shadow mode, no broken config file). Each repository is set up on its
own: one that refuses for good (an archived repository answers 403) is logged and named in the
delivery's result while the others still get their labels. Only a failure a retry can fix (5xx,
rate limit) fails the attempt, so the worker runs it again.

``installation.suspend`` and ``unsuspend`` are logged. While an installation is suspended GitHub
answers every call of it with 403 "This installation has been suspended" (``suspended``): work
queued before the suspension is ignored by ``dispatch``. Nothing is re-scored on ``unsuspend``:
each PR is scored again at its next event, and its labels are made sure of then.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.app import apply as applier
from bot.app import payload as p
from bot.app import review
from bot.app.actions import EnsureLabel
from bot.app.context import HandlerContext
from bot.app.worker import describe_error
from bot.obs.logging import redact
from bot.ports import GitHubError

EVENTS = {"installation": {"created", "suspend", "unsuspend"}, "installation_repositories": {"added"}}
HELP = ("Creates the band and exempt labels in each repository when the App is installed or given "
        "access; logs the installation's suspension and unsuspension.")
_KEYS = {"installation": "repositories", "installation_repositories": "repositories_added"}
_SUSPENDED = "installation has been suspended"  # GitHub's 403: "This installation has been suspended"
log = logging.getLogger(__name__)


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    action = payload.get("action")
    if event == "installation" and action in ("suspend", "unsuspend"):
        return suspension(action, payload)
    return set_up_labels(event, payload, ctx)


def suspended(err: GitHubError) -> bool:
    """Whether GitHub refused because the App's installation is suspended: no retry can succeed
    until an owner unsuspends it. Any other 403 (a permission, an archived repository) is not."""
    return err.status == 403 and _SUSPENDED in str(err).lower()


def suspension(action: str, payload: dict[str, Any]) -> str:
    """Log ``installation.suspend``/``unsuspend``; the delivery's one-line result."""
    who = _login(payload, "installation", "suspended_by") or _login(payload, "sender")
    account = _login(payload, "installation", "account")
    installation = f"installation {p.installation_id(payload)}" + (f" ({account})" if account else "")
    by = f" by {who}" if who else ""
    if action == "suspend":
        line = f"{installation} suspended{by}: work queued for it is ignored until it is unsuspended"
    else:
        line = f"{installation} unsuspended{by}: each PR is scored again at its next event"
    log.log(logging.WARNING if action == "suspend" else logging.INFO, "%s", line)
    return line


def _login(payload: dict[str, Any], *path: str) -> str | None:
    """A login read for the log line only: missing or odd (``suspended_by`` is null on unsuspend)
    is simply unnamed, never a failed delivery."""
    value: Any = payload
    for key in (*path, "login"):
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) and value else None


def set_up_labels(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    listed = p.optional(payload, _KEYS[event], list)  # optional in GitHub's schema: labels come on first use then
    repos = [p.get(r, "full_name", str) for r in listed or []]
    done: list[str] = []
    failed: dict[str, GitHubError] = {}
    for repo in repos:
        try:
            if ensure_labels(ctx, repo):
                done.append(repo)
        except GitHubError as err:
            if suspended(err):
                raise  # every other repository would refuse the same way; dispatch ignores it
            failed[repo] = err
    return outcome(f"labels ensured in {len(done)} of {len(repos)} repositories", failed)


def ensure_labels(ctx: HandlerContext, repo: str) -> bool:
    """Create the repository's labels, unless PR Sieve is off or in shadow mode there, or a
    config file is broken: it may rename them (they are created on first use once it is fixed)."""
    loaded = review.load_config(ctx, repo)
    config = loaded.config
    if loaded.error or review.shadow(ctx, config) or not config.enabled:
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
    return "; ".join(f"{repo} ({describe_error(err)[:160]})" for repo, err in failed.items())
