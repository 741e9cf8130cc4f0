"""The PR pipeline shared by the handlers: config -> snapshot -> score -> plan -> apply -> record.

I/O lives here and in ``apply``; ``score`` (bot.scoring), ``profiles.findings`` and
``plan.plan`` are pure.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from bot.app import activity, decisions, owed
from bot.app import apply as applier
from bot.app import config as repo_config
from bot.app import plan as planner
from bot.app import prtemplate, profiles, stickyedit
from bot.app.actions import STICKY_MARKER, Action, NoteOnSticky
from bot.app.context import Decision, HandlerContext, Override
from bot.app.payload import Author
from bot.fanout import together
from bot.ignored import without_ignored
from bot.obs import metrics
from bot.ports import Comment
from bot.result import Result
from bot.signals.attribution import is_agent_account
from bot.snapshot import PRSnapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Review:
    repo: str
    number: int
    loaded: repo_config.ConfigLoad
    snapshot: PRSnapshot
    result: Result
    findings: tuple[profiles.Finding, ...] = ()

    @property
    def config(self) -> repo_config.RepoConfig:
        return self.loaded.config


def load_config(ctx: HandlerContext, repo: str) -> repo_config.ConfigLoad:
    """The repository's settings; a broken file is logged, since in shadow mode its failing check
    run is not written and the operator reviewing the trial would not learn of it otherwise."""
    loaded = repo_config.load(ctx.github, repo)
    if loaded.error:
        log.warning("config error in %s (%s): %s", repo,
                    "shadow mode, nothing written" if shadow(ctx, loaded.config) else "shown in the check run",
                    loaded.error)
    return loaded


def config_note(loaded: repo_config.ConfigLoad) -> str:
    """For a delivery's result line (``sieve deliveries``): the config error, if any."""
    return f"; config error: {loaded.error[:200]}" if loaded.error else ""


DISABLED = "disabled in .github/sieve.yml"


def refused(ctx: HandlerContext, repo: str, number: int, reason: str) -> str:
    """``reason`` for refusing a person's action for want of access, once the PR is known to be in
    reach: past an uninstall GitHub answers the permission lookup with 404 too (read as no access),
    and this read's 404 is what ``dispatch`` ignores as the App uninstalled."""
    ctx.github.get_issue_labels(repo, number)
    return reason


def disabled(config: repo_config.RepoConfig) -> str | None:
    """``enabled: false`` turns off every handler, not only scoring on pushes (an old check's
    Re-run button and commands stay on PRs after a repository switched PR Sieve off)."""
    return None if config.enabled else f"ignored: {DISABLED}"


WRITE = ("admin", "write")  # permissions that may give commands and press the check run's buttons


def shadow(ctx: HandlerContext, config: repo_config.RepoConfig) -> bool:
    return ctx.shadow or config.shadow


def is_exempt(ctx: HandlerContext, config: repo_config.RepoConfig, who: Author) -> bool:
    rules = config.exempt
    if who.is_bot and (rules.agents if is_agent_account(who.login) else rules.bots):
        return True  # a coding agent's PR is what PR Sieve is for: scored unless ``exempt.agents``
    if who.login.lower() in {u.lower() for u in rules.users}:
        return True
    if who.association in rules.associations:
        return True
    return _in_team(ctx, rules.teams, who.login)


def unscored(ctx: HandlerContext, config: repo_config.RepoConfig, snapshot: PRSnapshot) -> str | None:
    """Why the bot does not score this PR as it is now (a draft, an exempt author), or None."""
    if snapshot.draft and config.exempt.drafts:
        return "draft"
    return "exempt author" if is_exempt(ctx, config, snapshot_author(snapshot)) else None


def left_from_scoring(ctx: HandlerContext, outcome: "Review", config: repo_config.RepoConfig) -> bool:
    """Whether the App left something on a PR it does not score now (a draft, an exempt author's)
    from when it did: its sticky, or a band label. A clearance or an exemption updates it then."""
    bands = {name.lower() for name in config.band_labels().values()}
    return (ctx.state.posted_sticky(outcome.repo, outcome.number)
            or any(label.lower() in bands for label in outcome.snapshot.labels))


def snapshot_author(snapshot: PRSnapshot) -> Author:
    return Author(snapshot.author_login, snapshot.author_is_bot, (snapshot.author_association or "NONE").upper())


def _in_team(ctx: HandlerContext, teams: list[str], login: str) -> bool:
    """Teams are checked only when the GitHub adapter offers ``is_team_member(org, slug, login)``."""
    check = getattr(ctx.github, "is_team_member", None)
    if not teams or check is None:
        return False
    return any(check(*team.split("/", 1), login) for team in teams if "/" in team)


def run(ctx: HandlerContext, repo: str, number: int, loaded: repo_config.ConfigLoad | None = None,
        head_sha: str = "") -> Review:
    loaded = loaded or load_config(ctx, repo)
    snapshot = fetch_snapshot(ctx, repo, number, loaded.config)
    if not snapshot.head_sha and head_sha:
        snapshot = snapshot.with_changes(head_sha=head_sha)
    result = score(snapshot, loaded.config)  # the classifier reads the whole diff, the signals without paths.ignore
    metrics.record_band(result.band)
    seen = without_ignored(snapshot, loaded.config.paths.ignore)
    return Review(repo, number, loaded, seen, result, profiles.findings(loaded.config, seen, result))


def fetch_snapshot(ctx: HandlerContext, repo: str, number: int, config: repo_config.RepoConfig) -> PRSnapshot:
    snapshot = ctx.github.get_snapshot(repo, number)
    if snapshot.pr_template is None:
        snapshot = snapshot.with_changes(pr_template=prtemplate.find(ctx.github, repo, snapshot.body))
    if config.author_activity.enabled and not is_exempt(ctx, config, snapshot_author(snapshot)):
        snapshot = activity.with_activity(ctx.github, repo, snapshot, config.author_activity.window_hours, ctx.now())
    return snapshot


def score(snapshot: PRSnapshot, config: repo_config.RepoConfig) -> Result:
    from bot import scoring  # imported on use: scoring may load the model

    return scoring.score(snapshot, score_config(config))


def score_config(config: repo_config.RepoConfig):
    from bot import scoring

    return scoring.ScoreConfig(medium=config.thresholds.medium, high=config.thresholds.high,
                               ignore=tuple(config.paths.ignore))


def stickies(comments: list[Comment], bot_login: str) -> list[Comment]:
    """The bot's sticky comments (by the bot AND starting with the marker, as only the sticky
    does: a reply quoting a config value could hold the marker text), oldest first."""
    mine = [c for c in comments
            if c.author_login.lower() == bot_login.lower() and c.body.lstrip().startswith(STICKY_MARKER)]
    return sorted(mine, key=lambda c: c.id)


def read_pr(ctx: HandlerContext, review: Review,
            comments: list[Comment] | None = None) -> tuple[list[str], list[Comment]]:
    """The PR's labels and comments; ``comments``: as this delivery has just listed them (nothing
    posted since), so they are not listed again."""
    github, repo, number = ctx.github, review.repo, review.number
    if comments is not None:
        return github.get_issue_labels(repo, number), comments
    return together(lambda: github.get_issue_labels(repo, number), lambda: github.list_comments(repo, number))


def facts(ctx: HandlerContext, review: Review, labels: list[str], comments: list[Comment], *,
          fresh_override: bool = False, events: decisions.Events | None = None) -> planner.Facts:
    """What is true on GitHub now, from the PR's ``labels`` and ``comments`` (``read_pr``)."""
    github, repo, number = ctx.github, review.repo, review.number
    events = events or decisions.read_once(ctx, repo, number)
    sticky = _sticky_facts(comments, github.bot_login())
    override = ctx.state.get_override(repo, number)
    cleared = fresh_override and override is not None and override.kind in planner.LEFTOVER_KINDS
    after = override.at if cleared else None  # a command keeps only band labels a person put on after it
    return planner.Facts(
        repo=repo, number=number, head_sha=review.snapshot.head_sha, labels=tuple(labels), **sticky,
        sticky_deleted=sticky["sticky"] is None and ctx.state.posted_sticky(repo, number),
        noted_state=ctx.state.noted_state(repo, number) if sticky["sticky_edited"] else None,
        override=override, fresh_override=fresh_override,
        hand_labels=_hand_labels(ctx, events, override, labels, after) if _may_take_off(review, override, labels) else (),
        exempt_label_owed=not fresh_override and owed.exempt_label(ctx, review, override, labels, events),
        person_label_owed=owed.person_label(ctx, review, override, labels, events),
        config_error=review.loaded.error, config_unreadable=review.loaded.unreadable,
        labels_unknown=review.loaded.labels_unknown,
        findings=review.findings, shadow=ctx.shadow,
        help_url=ctx.help_url,
    )


def _hand_labels(ctx: HandlerContext, events: decisions.Events, override: Override | None, labels: list[str],
                 after) -> tuple[str, ...]:
    """The labels the plan must leave on as a person's; under a person's recorded band label,
    every label not known to be the App's."""
    if override is not None and override.kind == planner.LABEL_ADDED:  # theirs too when the App put it back
        return decisions.not_the_apps(ctx, events, labels) + tuple(
            name for name in labels if name.lower() == (owed.added_label(override) or "").lower())
    return decisions.hand_labels(ctx, events, after)


def _may_take_off(review: Review, override: Override | None, labels: list[str]) -> bool:
    """Whether the plan may take a band label off: under any decision (a clearance, its leftover,
    a person's own band label beside the bot's) or the exempt label, or a band the score no
    longer wants. Then who put each on is read first: a person's stays."""
    bands = {name.lower() for name in review.config.band_labels().values()}
    on = {name.lower() for name in labels}
    return bool(on & bands) and (override is not None or review.config.labels.exempt.name.lower() in on
                                 or _would_swap(review, labels))


def _would_swap(review: Review, labels: list[str]) -> bool:
    """Whether the plan would take a band label off: then who put it on is read first, since a
    person's band label whose ``labeled`` delivery is still queued behind this one is theirs."""
    bands = {name.lower() for name in review.config.band_labels().values()}
    wanted = review.config.band_labels().get(planner.labelled_band(review.result, review.config), "").lower()
    return any(name.lower() in bands and name.lower() != wanted for name in labels)


def _sticky_facts(comments: list[Comment], bot_login: str) -> dict:
    found = stickies(comments, bot_login)
    return {"sticky": found[0] if found else None,  # a later copy a person edited is theirs: never removed
            "duplicate_stickies": tuple(c.id for c in found[1:] if not stickyedit.edited(c.body)),
            "sticky_edited": bool(found) and stickyedit.edited(found[0].body)}


def decide(ctx: HandlerContext, review: Review, *, fresh_override: bool = False,
           extra: tuple[Action, ...] = (), comments: list[Comment] | None = None) -> tuple[Action, ...]:
    """Plan, apply and record; returns the actions performed (none in shadow mode). ``comments``:
    the PR's comments as this delivery just listed them (``read_pr``)."""
    labels, comments = read_pr(ctx, review, comments)  # listed once per delivery: apply reuses them
    events = decisions.read_once(ctx, review.repo, review.number)
    if not fresh_override and not shadow(ctx, review.config):  # adopted: its labels change as its delivery's would
        fresh_override = decisions.adopt_lost_removal(ctx, review, labels, events)
    known = facts(ctx, review, labels, comments, fresh_override=fresh_override, events=events)
    actions = planner.plan(review.result, review.config, known) + extra
    # recorded as intended (shadow mode's record), except under an unreadable settings file: the
    # comment it held back was not posted, and must not later read as one a person deleted
    held_back = known.config_unreadable and not shadow(ctx, review.config)
    intended = actions if held_back else planner.intended(review.result, review.config, known) + extra
    done: list[str] = []
    try:
        applier.apply(ctx.github, review.repo, review.number, actions, comments=comments, done=done)
    except Exception:
        # the sticky exists now: remember it, or the retry, after a person deleted it, would post it again.
        # A failed record leaves it standing unrecorded until the retry records it (never deleted: a
        # person may have edited it meanwhile); one a maintainer deletes before then is posted again
        if any(d.startswith("create_comment:") for d in done):
            record(ctx, review, tuple(a for a in actions if a.describe() in done))
        raise
    record(ctx, review, _as_written(intended, done, known.noted_state))
    return actions


def _as_written(intended: tuple[Action, ...], done: list[str], noted: str | None) -> tuple[Action, ...]:
    """``intended`` as recorded: a state counts as noted only when the App wrote its note in this
    run or the comment already carries the App's own unedited note for it. A note it meant to add
    but did not write (a person reworded the note there, or deleted the comment) keeps what was
    noted before: a note the App never wrote is never one a person took off."""
    return tuple(replace(a, noted=noted or "") if _unwritten_note(a, done) else a for a in intended)


def _unwritten_note(action: Action, done: list[str]) -> bool:
    return (isinstance(action, NoteOnSticky) and action.view is not None
            and action.describe() not in done and not applier.note_in_place(action))


def record(ctx: HandlerContext, review: Review, intended: tuple[Action, ...]) -> None:
    result = review.result
    ctx.state.record_decision(Decision(
        repo=review.repo, number=review.number, head_sha=review.snapshot.head_sha, score=result.score,
        band=result.band, model_version=result.model_version, at=ctx.now(),
        shadow=shadow(ctx, review.config), actions=tuple(a.describe() for a in intended),
    ))
