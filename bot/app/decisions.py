"""A person's decisions on a PR: recorded, ended, and ordered against late deliveries.

GitHub does not deliver in order, and a failed delivery is retried minutes later, so every
person's action is stamped with when it was made (a comment's time, or when its delivery reached
the App) and a late one never undoes a later one: ``decided_since``. Ending a decision (a
cancel, the exempt label taken off) deletes it and keeps an ``Ending`` naming the kinds it
ended, so a late retry of the action it ended does not bring it back, while actions of other
kinds (another person's band-label removal) are not overtaken by it. Each kind keeps its own
latest ending: ending one kind does not move the time another was ended at. An exemption given
over a clearance, or over a person's band label (``label_added``), keeps it (``Override.under``):
ending the exemption puts it in force again (ending a clearance under it leaves the exemption). A
clearance made before the exemption in force and handled after it goes under it, as if handled in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.app import plan as planner
from bot.app.context import Ending, HandlerContext, Override, newest_per_kind, utc
from bot.obs import metrics
from bot.ports import LabelEvent

if TYPE_CHECKING:
    from bot.app.review import Review

NOTHING_ENDED = "(nothing was in force)"  # an ending's detail when its cancel found nothing to end
# the decisions a late delivery of each kind could undo, as endings name them
ENDS = {"label_removed": ("label_removed", "ok"), "ok": ("ok", "label_removed"), "exempt": ("exempt",),
        "unexempt": ("exempt",), "label_added": ()}

# GitHub's event times are whole seconds and its clock is not ours: a decision this close after a
# person's label change may have come before it
CLOCK_SLACK = timedelta(seconds=5)

Events = Callable[[], list[LabelEvent]]  # the label history, read at most once per delivery


def record(ctx: HandlerContext, review: Review, kind: str, actor: str, detail: str = "",
           at: datetime | None = None) -> Override:
    """Record a person's decision; ``at``: when they made it (a command's comment time), else now.
    Returns the decision in force after it: the exemption in force, when this is a clearance made
    before it (handled late), else this one."""
    current = ctx.state.get_override(review.repo, review.number)
    made = Override(repo=review.repo, number=review.number, kind=kind, actor=actor, at=at or ctx.now(),
                    head_sha=review.snapshot.head_sha, score=review.result.score,
                    model_version=review.result.model_version, detail=detail,
                    under=_under(current) if kind == "exempt" else None)
    in_force = _over(current, made) or made
    ctx.state.record_override(in_force)
    metrics.record_override(kind)
    return in_force


def end(ctx: HandlerContext, repo: str, number: int, kinds: tuple[str, ...], actor: str,
        detail: str = "", at: datetime | None = None) -> Override | None:
    """End the override in force when it is one of ``kinds``; returns it (None: nothing ended).
    With nothing of ``kinds`` in force the ending is kept too, and the decision in force stays:
    the decision it meant may be a delivery still queued, which would go under or over that one
    (a clearance under an exemption, an exemption over a clearance) when handled. A kind's later
    ending is never replaced by an earlier one, nor by one made at the same time that ended
    nothing (a retry of the cancel that ended it)."""
    current, at = ctx.state.get_override(repo, number), at or ctx.now()
    ended, standing = _split(current, kinds)
    said = detail if ended is not None else f"{detail} {NOTHING_ENDED}"
    made = Ending(repo=repo, number=number, kinds=kinds, actor=actor, at=at, detail=said)
    kept = ctx.state.endings(repo, number)
    endings = newest_per_kind((made, *kept) if ended is not None else (*kept, made))
    if ended is not None or endings != kept:
        ctx.state.end_override(endings, restore=standing)
    if ended is None:
        return None
    metrics.record_override(ended.kind, ended=True)
    return ended


def _under(current: Override | None) -> Override | None:
    """The decision an exemption given now goes over (kept under it): the clearance or person's
    band label in force, or the one under the exemption in force."""
    if current is None:
        return None
    if current.kind == "exempt":
        return current.under
    return current if current.kind in planner.KEPT_UNDER else None


def _over(current: Override | None, made: Override) -> Override | None:
    """The exemption in force, with ``made`` under it, when ``made`` is a clearance made before
    that exemption (its delivery late): the later decision is not replaced, and the clearance is
    in force when the exemption ends, as if handled in order. Of two decisions under it (a
    clearance, a person's band label), the later is kept. None: ``made`` replaces the decision in force."""
    if (current is None or current.kind != "exempt" or made.kind not in planner.CANCELLABLE_BY_OK
            or utc(current.at) <= utc(made.at)):
        return None
    if current.under is not None and utc(current.under.at) > utc(made.at):
        return current
    return replace(current, under=made)


def _split(current: Override | None, kinds: tuple[str, ...]) -> tuple[Override | None, Override | None]:
    """Of the decision in force, the one an ending of ``kinds`` ends and the one standing after
    it: an exemption ends and the decision under it is in force again; the clearance under an
    exemption ends and the exemption stays (a person's band label under it is no clearance). (None, current): nothing of ``kinds`` is in force."""
    if current is None or current.kind in kinds:
        return current, current.under if current is not None else None
    if current.under is not None and current.under.kind in kinds:
        return current.under, replace(current, under=None)
    return None, current


def ended_by(ctx: HandlerContext, repo: str, number: int, source: str, kinds: tuple[str, ...]) -> bool:
    """Whether ``source`` (a comment) ended the decision of ``kinds`` last in force: its retry,
    after the first attempt ended it and then failed, says it was cancelled, not "nothing to cancel"."""
    current = ctx.state.get_override(repo, number)
    # the decision left standing by that ending (made before it) does not count as one made since
    return any(e.detail == source and (current is None or utc(current.at) <= utc(e.at))
               for e in _endings_of(ctx, repo, number, kinds))


def latest_at(ctx: HandlerContext, repo: str, number: int, kind: str) -> tuple[datetime, str] | None:
    """When, and by what, the latest decision a late ``kind`` action could undo was made: the
    override in force (any kind), or an ending of the decisions ``kind`` touches."""
    found = []
    if (current := _acted_on(ctx.state.get_override(repo, number), kind)) is not None:
        found.append((utc(current.at), current.detail))
    found += [(utc(e.at), e.detail) for e in _endings_of(ctx, repo, number, ENDS.get(kind, ()))]
    return max(found, default=None)


def _endings_of(ctx: HandlerContext, repo: str, number: int, kinds: tuple[str, ...]) -> list[Ending]:
    """The PR's kept endings of any of ``kinds``."""
    return [e for e in ctx.state.endings(repo, number) if set(e.kinds) & set(kinds)]


def _acted_on(current: Override | None, kind: str) -> Override | None:
    """The decision in force a ``kind`` action acts on: under an exemption, a clearance's is the
    one under it, if any (a clearance written before the exemption and handled after goes under
    it, and its cancel ends the one under it: neither undoes the later exemption)."""
    if current is not None and current.kind == "exempt" and kind in planner.CANCELLABLE_BY_OK:
        return current.under
    return current


def decided_since(ctx: HandlerContext, repo: str, number: int, kind: str) -> bool:
    """A person's decision made after this delivery (a label change, a button press) reached the
    App: its retry, handled after that, must not undo it."""
    latest = latest_at(ctx, repo, number, kind)
    return ctx.received_at is not None and latest is not None and latest[0] > utc(ctx.received_at)


def adopt_lost_removal(ctx: HandlerContext, review: Review, labels: list[str], events: Events) -> bool:
    """Before the band label goes on, the issue's history is read: a person who took it off and
    whose ``unlabeled`` delivery the App never handled (it was down, or every attempt failed;
    GitHub does not redeliver) made a decision, recorded now instead of undone, unless a later
    ending of it is known, or might have been made before endings were kept."""
    bands = review.config.band_labels()
    wanted = bands.get(planner.labelled_band(review.result, review.config))
    if not wanted or any(name.lower() == wanted.lower() for name in labels) or ctx.state.get_override(
            review.repo, review.number) is not None:
        return False  # nothing would go on, or a decision is in force and no label goes on anyway
    last = _last_by_a_person(ctx, events, {name.lower() for name in bands.values()})
    if last is None or last.at is None or last.action != "unlabeled":
        return False
    # nothing is in force (checked above): an ending of the removal made since it is what stands
    since = _endings_of(ctx, review.repo, review.number, ENDS["label_removed"])
    ended = any(utc(e.at) >= utc(last.at) for e in since)
    if ended or _cancelled_unkept(ctx, review, utc(last.at)):
        return False
    record(ctx, review, "label_removed", last.actor, detail=f"label {last.label} (found in the issue's history)", at=last.at)
    return True


def _last_by_a_person(ctx: HandlerContext, events: Events, names: set[str]) -> LabelEvent | None:
    """The latest change by a person of the band labels (``names``) a person changed last: any
    band label, as a removal of the high label is still theirs when the band is now medium. The
    App changing another band label since (taking off, under an exemption since ended, a label
    a person put on) does not hide it (decision sequences, seed 1)."""
    bot, latest = ctx.github.bot_login().lower(), {}
    for order, event in enumerate(events()):
        if event.label.lower() in names:
            latest[event.label.lower()] = (order, event)
    by_people = [(order, e) for order, e in latest.values() if not is_bot(e.actor, bot)]
    return max(by_people, key=lambda pair: pair[0])[1] if by_people else None


def _cancelled_unkept(ctx: HandlerContext, review: Review, removed: datetime) -> bool:
    """A removal made before endings were kept (an upgraded database) that the App handled after:
    its cancel, if there was one, left no ending, so it is not adopted."""
    began = ctx.state.endings_since()
    return (began is not None and removed < began
            and ctx.state.decided_after(review.repo, review.number, removed + CLOCK_SLACK))


def hand_labels(ctx: HandlerContext, events: Events, after: datetime | None = None) -> tuple[str, ...]:
    """The labels whose latest change (the issue's event history) was a person putting them on
    (``after``: later than that, e.g. a command's time, as far as GitHub's clock can tell)."""
    bot, latest = ctx.github.bot_login().lower(), {}
    for event in events():
        latest[event.label.lower()] = event
    late = (lambda e: e.at is not None and utc(e.at) > utc(after) + CLOCK_SLACK) if after else (lambda e: True)
    return tuple(e.label for e in latest.values() if e.action == "labeled" and not is_bot(e.actor, bot) and late(e))


def not_the_apps(ctx: HandlerContext, events: Events, labels: list[str]) -> tuple[str, ...]:
    """Of ``labels``, those the issue's history does not show this App putting on last: under a
    person's own band label only a label known to be the App's is ever taken off."""
    bot, latest = ctx.github.bot_login().lower(), {}
    for event in events():
        latest[event.label.lower()] = event
    mine = {k for k, e in latest.items() if e.action == "labeled" and e.actor.lower() == bot}
    return tuple(name for name in labels if name.lower() not in mine)


def is_bot(login: str, bot: str) -> bool:
    """``login`` is this App (``bot``, lower case) or another App's ``[bot]`` account."""
    return login.lower() == bot or login.lower().endswith("[bot]")


def read_once(ctx: HandlerContext, repo: str, number: int) -> Events:
    """The issue's label history, read from GitHub on first use and kept for this delivery."""
    kept: list[list[LabelEvent]] = []

    def events() -> list[LabelEvent]:
        if not kept:
            kept.append(ctx.github.label_events(repo, number))
        return kept[0]
    return events
