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
drive-by PRs) the PR is the one PR Sieve last scored at the check run's commit. One commit can be
the head of several PRs (a branch opened against two base branches; GitHub lists them all): each
has its own run, whose ``external_id`` names it (``bot.app.checkid``), and that PR is the one a
press or Re-run of the run is about. A run made before runs named their PR has an empty one: a
press acts on the first PR listed, as it did; a Re-run of it is stored as one delivery per PR listed,
each listing its PR alone (``bot.app.suites``), so each re-scores its own PR under that PR's claim.

"Re-run all checks" on a PR's Checks tab re-requests the whole suite: GitHub then sends
``check_suite.rerequested`` (again only to the App that made the suite, with the same optional
``app.slug``), which is read like a Re-run of our check: the suite has no name to check, and it
names its commit and PRs the way a check run does; each of this repository's PRs it lists is
scored again (each has its own run in the suite). The intake stores a suite listing several as one
delivery per PR, each listing its PR alone (``bot.app.suites``), so each waits for that PR's others.
"""

from __future__ import annotations

from typing import Any

from bot.app import payload as p
from bot.app import plan as planner
from bot.app import checkid, decisions, review
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
    numbers = pull_numbers(ctx, payload, repo, key)
    if not numbers:
        return (f"ignored: the {key.replace('_', ' ')} lists no pull request (a fork PR) "
                "and none was scored at its commit")
    if payload.get("action") == "requested_action":
        return _button(ctx, payload, repo, numbers[0], loaded)
    if len(numbers) == 1:
        return _rerun(ctx, repo, numbers[0], loaded)
    return " | ".join(f"#{number}: {_rerun(ctx, repo, number, loaded)}" for number in numbers)


def _rerun(ctx: HandlerContext, repo: str, number: int, loaded) -> str:
    outcome = review.run(ctx, repo, number, loaded)
    if outcome.snapshot.state == "closed":  # closed or merged: nothing is labelled or posted
        return "skipped: closed (now)"
    if reason := review.unscored(ctx, loaded.config, outcome.snapshot):  # a draft, an exempt author
        return f"skipped: {reason}"
    actions = review.decide(ctx, outcome)
    return f"re-run: scored {outcome.result.score} ({outcome.result.band}); {len(actions)} action(s)"


def pull_number(ctx: HandlerContext, payload: dict[str, Any], repo: str, key: str) -> int | None:
    """The PR a check run's or suite's (``key``) event is about: the first of ``pull_numbers``."""
    numbers = pull_numbers(ctx, payload, repo, key)
    return numbers[0] if numbers else None


def pull_numbers(ctx: HandlerContext, payload: dict[str, Any], repo: str, key: str) -> list[int]:
    """The PRs a check run's or suite's (``key``) event is about: the one our run names in its
    ``external_id`` (PRs sharing a head commit each have a run), else this repository's PRs it
    lists (a suite, or a run made before runs named their PR), else the PR scored at its commit
    (a fork PR's run lists none)."""
    named = checkid.number_of(p.optional(payload, f"{key}.external_id", str)) if key == "check_run" else None
    if named is not None:
        return [named]
    here = p.optional(payload, "repository.id", int)
    pulls = [pull for pull in p.get(payload, f"{key}.pull_requests", list) if p.based_in(pull, here)]
    listed = list(dict.fromkeys(p.get(pull, "number", int) for pull in pulls))
    if listed:
        return listed
    scored = ctx.state.pr_for_head(repo, p.get(payload, f"{key}.head_sha", str))
    return [] if scored is None else [scored]


def _button(ctx: HandlerContext, payload: dict[str, Any], repo: str, number: int, loaded) -> str:
    identifier = p.get(payload, "requested_action.identifier", str)
    if identifier not in BUTTONS:
        return f"ignored: not a PR Sieve button ({identifier[:20]!r})"
    sender = p.author(p.get(payload, "sender", dict)).login
    if ctx.github.get_permission(repo, sender) not in review.WRITE:
        return review.refused(ctx, repo, number, "ignored: the sender has no write access")
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
