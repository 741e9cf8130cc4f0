"""PURE decision core: (score result, repo config, what is on the PR now) -> actions.

No I/O, no clock, no GitHub: everything the plan depends on is in its arguments, so every
band/override/shadow case is a plain unit test. Rules:

* Labels: one mutually exclusive band family (medium/high); low means none. Only the bot's own
  labels are touched, and only when they differ from what is wanted (idempotent).
* A maintainer override (``ok``, ``exempt``, a removed band label, or the exempt label on the
  PR, which outranks whatever was recorded since) means the bot never adds a band label again.
  A band label a person put on (``label_added``, or ``hand_labels`` from the issue's history)
  is never removed and the bot adds no band label beside it; only the bot's own band label that
  the score no longer wants comes off, and the comment says a maintainer has the PR
  (``labelled``). The command that creates a clearance (``fresh_override``) removes the bot's
  band labels, not one a person put on after the command was written; a later event removes
  a clearance's leftover (a failed removal); a person removing one band label does not take
  off another a person put on (swapping high for medium).
* The sticky comment is created only when the PR is flagged in a band of ``comment.bands`` with an
  effort signal to name (``comment.model_only`` also comments on the model's guess alone), or a
  profile finding applies, and no override exists; an existing one is edited in place, never
  deleted, whatever the band. Once a person has deleted it, it is not posted again; once a person
  has edited it (``bot.app.stickyedit``), it is theirs and the bot edits it no more: when the
  labels move on from what its text says, only the bot's own note below it says so
  (``bot.app.stickynote``).
* Shadow mode: no actions at all (``intended`` still says what would have been done).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import stickynote
from bot.app.actions import (SEEN_REACTION, STATE_MARKER, STICKY_MARKER, Action, AddLabels, CheckRun,
                             DeleteComment, EnsureLabel, React, RemoveLabel, Reply, UpsertComment, View)
from bot.app.checkid import external_id
from bot.app.configschema import LabelSpec, RepoConfig
from bot.app.context import Override
from bot.app.markdown import Trusted
from bot.app.profiles import Finding
from bot.ports import Comment
from bot.result import Result

FLAGGED = ("medium", "high")
EFFORT_KINDS = ("effort", "policy")  # signals a comment can name as something to fix
MAX_NOTICED = 4  # signals the comment lists (strongest first); the check run lists every one
CANCELLABLE_BY_OK = ("ok", "label_removed")  # the clearances "/sieve ok cancel" ends
LABEL_ADDED = "label_added"  # a person put a band label on: the bot adds none and never takes theirs off
# the person's decisions an exemption given over them keeps, in force again when it ends
KEPT_UNDER = (*CANCELLABLE_BY_OK, LABEL_ADDED)
LEFTOVER_KINDS = ("ok", "exempt")  # decisions whose band labels come off even when not fresh (unless a person's)


@dataclass(frozen=True)
class Facts:
    """What is true on GitHub right now, gathered by the handler before planning."""

    repo: str
    number: int
    head_sha: str
    labels: tuple[str, ...] = ()
    sticky: Comment | None = None
    duplicate_stickies: tuple[int, ...] = ()  # more sticky comments by the bot (ids), to remove
    sticky_deleted: bool = False  # the bot posted its sticky here once and it is gone: a person deleted it
    sticky_edited: bool = False  # a person edited the sticky's text: the bot leaves it as they made it
    noted_state: str | None = None  # the state the App last noted on that edited sticky (read when it is edited)
    override: Override | None = None
    fresh_override: bool = False  # this very event created ``override``
    hand_labels: tuple[str, ...] = ()  # labels on the PR a person put on (after a fresh command: since it); read when a label may go
    exempt_label_owed: bool = False  # an exemption in force whose label never went on (given while settings were unreadable)
    person_label_owed: tuple[str, ...] = ()  # the band label of a person's ``label_added`` in force that the App took off under an exemption since ended
    config_error: str | None = None
    config_unreadable: bool = False  # a settings file could not be read at all: what it asks is unknown
    labels_unknown: bool = False  # a broken settings file's labels section is broken too: no label goes on or off
    findings: tuple[Finding, ...] = ()
    shadow: bool = False  # global shadow mode (settings); the repo config may add its own
    help_url: str | None = None  # the App's /help page (settings.public_url), None: no link


UNREADABLE = "unreadable settings"  # a skip reason; templates/check_summary.md.j2 words each one


def plan(result: Result, config: RepoConfig, facts: Facts) -> tuple[Action, ...]:
    if facts.shadow or config.shadow:
        return ()
    if facts.config_unreadable:  # it may have exempted this author or turned comments off: only say so
        return skipped(config, facts, UNREADABLE)
    return intended(result, config, facts)


def intended(result: Result, config: RepoConfig, facts: Facts) -> tuple[Action, ...]:
    """The actions the bot would take, ignoring shadow mode (recorded with every decision)."""
    return (*label_actions(labelled_band(result, config), config, facts), *comment_actions(result, config, facts),
            *duplicate_actions(facts), *check_actions(result, config, facts))


def duplicate_actions(facts: Facts) -> list[Action]:
    """Exactly one sticky comment: any later copy (a timed-out create that GitHub completed
    after the retry had already posted again) is deleted."""
    return [DeleteComment(comment_id) for comment_id in facts.duplicate_stickies]


def skipped(config: RepoConfig, facts: Facts, reason: str) -> tuple[Action, ...]:
    """A PR the bot does not score (draft, exempt author) still shows a broken config."""
    if facts.shadow or config.shadow or not facts.config_error or not facts.head_sha:
        return ()
    context = {"state": "skipped", "reason": reason, "result": None, "findings": [], "override": None,
               "config_error": facts.config_error, "config_unreadable": facts.config_unreadable,
               "labels_unknown": facts.labels_unknown, "exempt_label": config.labels.exempt.name,
               "help_url": facts.help_url}
    return (CheckRun(name=config.check_run.name, head_sha=facts.head_sha, conclusion="failure",
                     title=View("check_title.txt.j2", context), summary=View("check_summary.md.j2", context),
                     external_id=external_id(facts.number)),)


def replies(views: list[View], config: RepoConfig, shadow: bool, trigger: int | None = None,
            held: bool = False) -> tuple[Action, ...]:
    """Replies to the comment ``trigger`` (its id marks them, so a retry does not post them twice).
    ``held``: a reply to it was held back (quiet repeats), so the comment gets a reaction instead."""
    if shadow or config.shadow:
        return ()
    seen = (React(trigger, SEEN_REACTION),) if held and trigger is not None else ()
    return tuple(Reply(v, trigger) for v in views) + seen


def override_kind(config: RepoConfig, facts: Facts) -> str | None:
    """The maintainer decision in force: ok | exempt | label_removed | label_added, or None."""
    kind = facts.override.kind if facts.override is not None else None
    if _has(facts.labels, config.labels.exempt.name):
        return "exempt"  # while the exempt label is on, the PR is exempt, whatever was recorded since
    return kind


def clearing_kind(config: RepoConfig, facts: Facts) -> str | None:
    """An override that clears the PR (``label_added`` only hands the labels to people)."""
    kind = override_kind(config, facts)
    return None if kind == LABEL_ADDED else kind


def label_actions(band: str, config: RepoConfig, facts: Facts) -> list[Action]:
    if facts.labels_unknown:  # the names the file gives its labels are unknown until it is fixed
        return []
    kind = override_kind(config, facts)
    present = [name for name in config.band_labels().values() if _has(facts.labels, name)]
    if kind not in (None, LABEL_ADDED):
        return _override_labels(kind, config, facts, present)
    wanted = config.band_labels().get(band)
    actions: list[Action] = [RemoveLabel(name) for name in present
                             if not _same(name, wanted) and not _has(facts.hand_labels, name)]
    if kind == LABEL_ADDED or any(_has(facts.hand_labels, name) for name in present):
        owed = tuple(name for name in facts.person_label_owed if not _has(facts.labels, name))
        return actions + ([AddLabels(owed)] if kind == LABEL_ADDED and owed else [])  # a person's band label is theirs: the bot adds none, only takes its own stale one off
    if wanted and not _has(facts.labels, wanted):
        spec = config.labels.high if band == "high" else config.labels.medium
        actions.append(AddLabels((wanted,), ensure=(_ensure(spec),)))
    return actions


def _ensure(spec: LabelSpec) -> EnsureLabel:
    return EnsureLabel(spec.name, spec.color, spec.description)


def _override_labels(kind: str, config: RepoConfig, facts: Facts, present: list[str]) -> list[Action]:
    if not facts.fresh_override:  # a clearance whose label removal never happened; a person's label stays
        owed = [_add_exempt(config)] if kind == "exempt" and facts.exempt_label_owed else []
        return [RemoveLabel(name) for name in present if kind in LEFTOVER_KINDS and not _has(facts.hand_labels, name)] + owed
    # a person's labels stay: any, for their own removal; for a command, those put on after it
    kept = facts.hand_labels
    actions: list[Action] = [RemoveLabel(name) for name in present if not _has(kept, name)]
    if kind == "exempt" and not _has(facts.labels, config.labels.exempt.name):
        actions.append(_add_exempt(config))
    return actions


def _add_exempt(config: RepoConfig) -> Action:
    return AddLabels((config.labels.exempt.name,), ensure=(_ensure(config.labels.exempt),))


def comment_state(result: Result, config: RepoConfig, facts: Facts) -> str | None:
    """flagged | advisory | overridden | exempt | labelled (a person's band label is on it) |
    cleared | resolved (an advisory note no longer applies: the PR was never flagged), or None
    for "no comment"."""
    kind = clearing_kind(config, facts)
    if kind is not None:
        state = "exempt" if kind == "exempt" else "overridden"
    elif labelled_band(result, config) in FLAGGED and (
            _comments_on(result, config) or facts.sticky or facts.findings):
        return "flagged"  # a comment posted for a finding on a labelled PR says why it is labelled
    elif facts.findings:
        return "advisory"
    elif result.band in FLAGGED and facts.sticky is not None:
        return "flagged"  # unlabelled (labels.model_only off), but the check shows the band: not "no longer flagged"
    elif _person_labelled(config, facts):  # the comment says a maintainer has it, not "no longer flagged"
        return "labelled" if facts.sticky is not None else None
    else:
        state = "resolved" if _was_advisory(facts) else "cleared"
    return state if facts.sticky is not None else None


def _person_labelled(config: RepoConfig, facts: Facts) -> bool:
    """A person's band label is on the PR, as the issue's history tells (``hand_labels``: read
    whenever a band label the score does not want is on the PR)."""
    return bool(_hand_band_labels(config, facts))


def _hand_band_labels(config: RepoConfig, facts: Facts) -> list[str]:
    """A person's band labels on the PR, and the one the App puts back for them now."""
    return [name for name in config.band_labels().values()
            if (_has(facts.labels, name) and _has(facts.hand_labels, name)) or _has(facts.person_label_owed, name)]


def _was_advisory(facts: Facts) -> bool:
    return facts.sticky is not None and STATE_MARKER.format(state="advisory") in facts.sticky.body


def _comments_on(result: Result, config: RepoConfig) -> bool:
    """A new comment for this flagged band: the band is in ``comment.bands`` and the comment can
    name what to fix (an effort or policy signal fired), unless ``comment.model_only`` asks for
    comments on the model's guess alone."""
    return result.band in config.comment.bands and (_named(result) or config.comment.model_only)


def labelled_band(result: Result, config: RepoConfig) -> str:
    """The band the labels show: ``low`` for a flag from the model alone when ``labels.model_only``
    is off (the check run still shows the band)."""
    return result.band if _named(result) or config.labels.model_only else "low"


def _named(result: Result) -> bool:
    """Whether an effort or policy signal fired: the flag can name its evidence."""
    return any(s.kind in EFFORT_KINDS for s in result.fired)


def comment_actions(result: Result, config: RepoConfig, facts: Facts) -> list[Action]:
    if not config.comment.enabled or facts.sticky_deleted:  # a person's say, kept
        return []
    state = comment_state(result, config, facts)
    if state is None:
        return []
    if facts.sticky_edited and facts.sticky is not None:
        note = View("sticky_note.md.j2", _view_context(result, config, facts, state))
        return stickynote.note_actions(facts.sticky, state, facts.noted_state, note)
    view = View("comment.md.j2", _view_context(result, config, facts, state))
    sticky = facts.sticky
    return [UpsertComment(view, sticky.id if sticky else None, sticky.body if sticky else None)]


def check_actions(result: Result, config: RepoConfig, facts: Facts) -> list[Action]:
    check = config.check_run
    if not (check.enabled or facts.config_error) or not facts.head_sha:
        return []
    kind = clearing_kind(config, facts)
    conclusion = "failure" if facts.config_error else check.conclusion("low" if kind else result.band)
    context = _view_context(result, config, facts, kind or result.band)
    return [CheckRun(name=check.name, head_sha=facts.head_sha, conclusion=conclusion,
                     title=View("check_title.txt.j2", context), summary=View("check_summary.md.j2", context),
                     buttons=buttons(result.band, kind), external_id=external_id(facts.number))]


def buttons(band: str, kind: str | None) -> tuple[str, ...]:
    """The check run's buttons: clear a flag, or undo a clearance (an exemption has its label)."""
    if kind in CANCELLABLE_BY_OK:
        return ("sieve-ok-cancel",)
    return ("sieve-ok",) if kind is None and band in FLAGGED else ()


def _view_context(result: Result, config: RepoConfig, facts: Facts, state: str) -> dict:
    return {
        "state": state,
        "number": facts.number,  # a check run belongs to a commit, which several PRs can share
        "result": result,
        "effort": sorted((s for s in result.fired if s.kind in EFFORT_KINDS), key=lambda s: -s.value),
        "ai": [s for s in result.fired if s.kind == "ai"],
        "care": [s for s in result.fired if s.kind == "care"],
        "findings": list(facts.findings),
        "override": facts.override if clearing_kind(config, facts) else None,
        "config_error": facts.config_error,
        "config_unreadable": facts.config_unreadable,
        "labels_unknown": facts.labels_unknown,
        "labels": config.band_labels(),
        "exempt_label": config.labels.exempt.name,
        "hand_labels": _hand_band_labels(config, facts),
        "policy_url": config.policy_url,
        "help_url": facts.help_url,
        "check_name": config.check_run.name if config.check_run.enabled else None,  # None: no check to point to
        "max_noticed": MAX_NOTICED,
        "marker": Trusted(STICKY_MARKER + "\n" + STATE_MARKER.format(state=state)),
    }


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.lower() == b.lower()


def _has(labels: tuple[str, ...], name: str) -> bool:
    return any(_same(label, name) for label in labels)
