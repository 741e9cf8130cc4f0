"""The "Re-run" button on the PR Sieve check: score the PR again, as after a push.

Apps with ``checks: write`` receive every app's ``check_run`` events, so only a run created by
this App (``check_run.app.slug`` + ``[bot]`` is our bot login) with our configured name counts.
GitHub lists the PR in ``check_run.pull_requests`` only for same-repository branches; a re-run
on a fork PR's check is ignored (the next push or ``/sieve rescore`` re-scores it).
"""

from __future__ import annotations

from typing import Any

from bot.app import payload as p
from bot.app import review
from bot.app.context import HandlerContext

EVENTS = {"check_run": {"rerequested"}}
HELP = "Re-scores the PR when someone clicks 'Re-run' on the PR Sieve check."


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    repo = p.repo_name(payload)
    run = p.get(payload, "check_run", dict)
    slug = str((run.get("app") or {}).get("slug") or "")
    if f"{slug}[bot]".lower() != ctx.github.bot_login().lower():
        return "ignored: another App's check run"
    loaded = review.load_config(ctx, repo)
    if reason := review.disabled(loaded.config):
        return reason
    if p.get(payload, "check_run.name", str) != loaded.config.check_run.name:
        return "ignored: not the PR Sieve check run"
    pulls = p.get(payload, "check_run.pull_requests", list)
    if not pulls:
        return "ignored: the check run lists no pull request (fork PR)"
    outcome = review.run(ctx, repo, p.get(pulls[0], "number", int), loaded)
    if review.is_exempt(ctx, loaded.config, review.snapshot_author(outcome.snapshot)):
        return "skipped: exempt author"
    actions = review.decide(ctx, outcome)
    return f"re-run: scored {outcome.result.score} ({outcome.result.band}); {len(actions)} action(s)"
