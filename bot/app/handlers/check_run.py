"""The PR Sieve check's buttons: "Re-run" scores the PR again, as after a push; "Clear this
flag" and "Undo the clearance" (GitHub's requested actions, ``plan.buttons``) do what
``/sieve ok`` and ``/sieve ok cancel`` do, for people with write access, without a reply comment:
the check run and the sticky comment show the result.

GitHub delivers ``rerequested`` and ``requested_action`` only to the App that made the run, but
an App with ``checks: write`` sees other Apps' check runs, so a run whose ``check_run.app.slug``
names another App is ignored, and only our configured check name counts. The slug is optional in
GitHub's schema (octokit's real ``rerequested`` example has none): without one, the run is ours.
GitHub lists the PR in ``check_run.pull_requests`` only for same-repository branches, and may list
PRs of another repository there too (skipped: their numbers are not ours); for a fork PR (most
drive-by PRs) the PR is the one PR Sieve last scored at the check run's commit.

"Re-run all checks" on a PR's Checks tab re-requests the whole suite: GitHub then sends
``check_suite.rerequested`` (again only to the App that made the suite, with the same optional
``app.slug``), which is read like a Re-run of our check: the suite has no name to check, and it
names its commit and PRs the way a check run does.
"""

from __future__ import annotations

from typing import Any

from bot.app import payload as p
from bot.app import plan as planner
from bot.app import decisions, review
from bot.app.context import HandlerContext

CHECKS = ("check_run", "check_suite")  # the payload keys of the events read here
EVENTS = {"check_run": {"rerequested", "requested_action"}, "check_suite": {"rerequested"}}
HELP = ("Re-scores the PR when someone clicks 'Re-run' on the PR Sieve check (or 'Re-run all checks' on "
        "its suite); its 'Clear this flag' and "
        "'Undo the clearance' buttons act as /sieve ok and /sieve ok cancel (write access).")
BUTTONS = ("sieve-ok", "sieve-ok-cancel")


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    repo, key = p.repo_name(payload), event  # "check_run" or "check_suite": the object the payload carries
    slug = str((p.optional(payload, f"{key}.app", dict) or {}).get("slug") or "")
    if slug and f"{slug}[bot]".lower() != ctx.github.bot_login().lower():
        return f"ignored: another App's {key.replace('_', ' ')}"
    loaded = review.load_config(ctx, repo)
    if reason := review.disabled(loaded.config):
        return reason
    if key == "check_run" and p.get(payload, "check_run.name", str) != loaded.config.check_run.name:
        return "ignored: not the PR Sieve check run"
    number = pull_number(ctx, payload, repo, key)
    if number is None:
        return (f"ignored: the {key.replace('_', ' ')} lists no pull request (a fork PR) "
                "and none was scored at its commit")
    if payload.get("action") == "requested_action":
        return _button(ctx, payload, repo, number, loaded)
    outcome = review.run(ctx, repo, number, loaded)
    if outcome.snapshot.state == "closed":  # closed or merged: nothing is labelled or posted
        return "skipped: closed (now)"
    if reason := review.unscored(ctx, loaded.config, outcome.snapshot):  # a draft, an exempt author
        return f"skipped: {reason}"
    actions = review.decide(ctx, outcome)
    return f"re-run: scored {outcome.result.score} ({outcome.result.band}); {len(actions)} action(s)"


def pull_number(ctx: HandlerContext, payload: dict[str, Any], repo: str, key: str) -> int | None:
    """The PR a check run's or suite's (``key``) event is about: the first of this repository's PRs
    it lists, else the PR scored at its commit (a fork PR's run lists none)."""
    here = p.optional(payload, "repository.id", int)
    pulls = [pull for pull in p.get(payload, f"{key}.pull_requests", list) if p.based_in(pull, here)]
    if pulls:
        return p.get(pulls[0], "number", int)
    return ctx.state.pr_for_head(repo, p.get(payload, f"{key}.head_sha", str))


def _button(ctx: HandlerContext, payload: dict[str, Any], repo: str, number: int, loaded) -> str:
    identifier = p.get(payload, "requested_action.identifier", str)
    if identifier not in BUTTONS:
        return f"ignored: not a PR Sieve button ({identifier[:20]!r})"
    sender = p.author(p.get(payload, "sender", dict)).login
    if ctx.github.get_permission(repo, sender) not in review.WRITE:
        return "ignored: the sender has no write access"
    if decisions.decided_since(ctx, repo, number, "ok"):  # a retried press must not undo what a person did since
        return "ignored: overtaken by a later decision by a person"
    if identifier == "sieve-ok-cancel":
        decisions.end(ctx, repo, number, planner.CANCELLABLE_BY_OK, sender, detail="check run button",
                            at=ctx.received_at)
    outcome = review.run(ctx, repo, number, loaded)
    fresh = False  # a press made before the exemption in force goes under it: no label changes for it
    if identifier == "sieve-ok":
        fresh = decisions.record(ctx, outcome, "ok", sender, detail="check run button", at=ctx.received_at).kind == "ok"
    done = "cleared" if identifier == "sieve-ok" else "clearance ended"
    if outcome.snapshot.state == "closed":  # remembered for a reopen; nothing is written on a closed PR
        return f"button {identifier} by {sender}: {done}; the PR is closed, so nothing else changed"
    reason = review.unscored(ctx, loaded.config, outcome.snapshot)
    if reason and (identifier == "sieve-ok-cancel" or not review.left_from_scoring(ctx, outcome, loaded.config)):
        return f"button {identifier} by {sender}: {done}; not scored ({reason}), so nothing else changed"
    review.decide(ctx, outcome, fresh_override=fresh)  # a clearance updates what an earlier scoring left
    return f"button {identifier} by {sender}: scored {outcome.result.score} ({outcome.result.band})"
