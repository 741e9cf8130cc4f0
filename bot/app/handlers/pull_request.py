"""Score a PR when its code or description changes and set label, sticky comment and check run."""

from __future__ import annotations

from typing import Any

from bot.app import apply as applier
from bot.app import payload as p
from bot.app import plan as planner
from bot.app import review
from bot.app.context import HandlerContext

EVENTS = {"pull_request": {"opened", "reopened", "synchronize", "edited", "ready_for_review"}}
HELP = ("Scores a pull request when it is opened, reopened, pushed to, marked ready, or has its title, body "
        "or base branch edited; sets the band label, the sticky comment and the check run. Skips drafts, closed PRs and exempt authors.")


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    pr = p.pull_request_event(payload)
    if payload.get("action") == "edited" and not pr.rescore_edit:
        return "ignored: the edit changed neither title, body nor base branch"
    if pr.closed:
        return "ignored: closed pull request"
    loaded = review.load_config(ctx, pr.repo)
    reason = skip_reason(ctx, loaded.config, pr)
    if reason:
        _show_config_error(ctx, loaded, pr, reason)
        return f"skipped: {reason}{review.config_note(loaded)}"
    result = review.run(ctx, pr.repo, pr.number, loaded, head_sha=pr.head_sha)
    if result.snapshot.state == "closed":  # closed or merged since this event was sent (a retry runs late)
        return "skipped: closed (now)"
    if result.snapshot.draft and loaded.config.exempt.drafts:  # back to draft since this event was sent
        return "skipped: draft (now)"
    actions = review.decide(ctx, result)
    return f"scored {result.result.score} ({result.result.band}); {len(actions)} action(s){review.config_note(loaded)}"


def _show_config_error(ctx: HandlerContext, loaded, pr: p.PullRequestEvent, reason: str) -> None:
    known = planner.Facts(repo=pr.repo, number=pr.number, head_sha=pr.head_sha, config_error=loaded.error,
                          config_unreadable=loaded.unreadable, shadow=ctx.shadow)
    applier.apply(ctx.github, pr.repo, pr.number, planner.skipped(loaded.config, known, reason))


def skip_reason(ctx: HandlerContext, config, pr: p.PullRequestEvent) -> str | None:
    if not config.enabled:
        return review.DISABLED
    if pr.draft and config.exempt.drafts:
        return "draft"
    if review.is_exempt(ctx, config, pr.author):
        return "exempt author"
    return None
