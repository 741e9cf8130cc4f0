"""Labels the App owes a PR after an exemption ends: a person's band label it took off under the
exemption (``person_label``), and an exemption's own label it held back (``exempt_label``). Both
read the issue's label history, so a person's later change of the label is never undone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.app import decisions
from bot.app import plan as planner
from bot.app.context import HandlerContext, Override

if TYPE_CHECKING:
    from bot.app.review import Review


def added_label(override: Override) -> str | None:
    """The band label a person's ``label_added`` put on (its detail: ``label <name>``)."""
    return override.detail.removeprefix("label ") if override.detail.startswith("label ") else None


def person_label(ctx: HandlerContext, review: Review, override: Override | None, labels: list[str],
                       events: decisions.Events) -> tuple[str, ...]:
    """A person's band label in force (``label_added``) that is not on because the App took it
    off since the person put it on under an exemption (given over it and ended since): it goes
    back on, as the exemption's ending puts the decision under it in force again. Not when a
    person took it off last (that removal's delivery may still be queued), nor when the App took
    it off for a clearance (no exempt label on then): handled in order, that clearance replaced the
    person's label, so its cancel left the PR unreviewed (decision sequences, seed 29)."""
    name = added_label(override) if override is not None and override.kind == planner.LABEL_ADDED else None
    bands = {n.lower() for n in review.config.band_labels().values()}
    if name is None or name.lower() not in bands or any(n.lower() == name.lower() for n in labels):
        return ()
    made = decisions.utc(override.at)
    if not any("exempt" in e.kinds and decisions.utc(e.at) >= made
               for e in ctx.state.endings(review.repo, review.number)):
        return ()  # no exemption was given over it and ended since
    history = events()
    at = max((i for i, e in enumerate(history) if e.label.lower() == name.lower()), default=None)
    last = history[at] if at is not None else None
    bot, since = ctx.github.bot_login().lower(), made - decisions.CLOCK_SLACK
    took_off = (last is not None and last.action == "unlabeled" and last.actor.lower() == bot
                and (last.at is None or decisions.utc(last.at) >= since))
    return (name,) if took_off and _exempt_on(history, at, review.config.labels.exempt.name) else ()


def _exempt_on(history: list, at: int, exempt: str) -> bool:
    """Whether the exempt label was on when ``history[at]`` happened, or went on in the same
    second (the App puts it on in the handling that takes the band labels off)."""
    on = False
    for event in history[:at]:
        if event.label.lower() == exempt.lower():
            on = event.action == "labeled"
    return on or any(e.label.lower() == exempt.lower() and e.action == "labeled" and e.at == history[at].at
                     for e in history[at + 1:])


def exempt_label(ctx: HandlerContext, review: Review, override: Override | None, labels: list[str],
                       events: decisions.Events) -> bool:
    """An exemption in force whose label is not on (it was given while the settings file could
    not be read, so its label was held back): the label goes on now, unless the history shows a
    person taking it off since the exemption (that removal's delivery may still be queued)."""
    exempt = review.config.labels.exempt.name.lower()
    if override is None or override.kind != "exempt" or any(name.lower() == exempt for name in labels):
        return False
    bot, since = ctx.github.bot_login().lower(), decisions.utc(override.at) - decisions.CLOCK_SLACK
    return not any(e.label.lower() == exempt and e.action == "unlabeled" and not decisions.is_bot(e.actor, bot)
                   and (e.at is None or decisions.utc(e.at) >= since) for e in events())
