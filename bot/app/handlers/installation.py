"""Create the PR Sieve labels (with colour and description) in every newly installed repository."""

from __future__ import annotations

from typing import Any

from bot.app import apply as applier
from bot.app import payload as p
from bot.app import review
from bot.app.actions import EnsureLabel
from bot.app.context import HandlerContext

EVENTS = {"installation": {"created"}, "installation_repositories": {"added"}}
HELP = "Creates the band and exempt labels in each repository when the App is installed or given access."
_KEYS = {"installation": "repositories", "installation_repositories": "repositories_added"}


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    repos = [p.get(r, "full_name", str) for r in p.get(payload, _KEYS[event], list)]
    done = [repo for repo in repos if ensure_labels(ctx, repo)]
    return f"labels ensured in {len(done)} of {len(repos)} repositories"


def ensure_labels(ctx: HandlerContext, repo: str) -> bool:
    config = review.load_config(ctx, repo).config
    if review.shadow(ctx, config) or not config.enabled:
        return False
    actions = tuple(EnsureLabel(s.name, s.color, s.description) for s in config.own_labels())
    applier.apply(ctx.github, repo, 0, actions)
    return True
