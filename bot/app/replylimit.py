"""Quiet repeats: ``/sieve help`` (an unknown command is answered with help too) and the refusal
of one command are posted to the same person on one PR at most once per window
(``commands.quiet_minutes``); a repeat within it gets no reply comment, so typing it ten times,
or spamming it, does not make the bot post ten comments. So is ``/sieve explain`` asked by
someone without write access (the PR's author): each one is a full scoring and a long reply.
The held-back comment gets an "eyes" reaction instead (``plan.replies``), so its writer sees it
was read; a reaction notifies no one. Commands that act (``ok``, ``exempt``, ``rescore``, a
cancel) and a maintainer's ``explain`` are never held back.

The memory is the PR itself: each such reply carries a hidden marker naming what it answered,
whom and when (``ANSWERED_MARKER``), read back from the bot's own comments. Every replica reads
the same comments and one PR's deliveries are handled one at a time, so no table is needed. A
reply to the very comment being handled (an earlier attempt of a retried delivery) does not
count: ``bot.app.apply`` already skips posting it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.app.actions import REPLY_MARKER, Reply, View
from bot.app.markdown import Trusted
from bot.ports import Comment

LIMITED = ("help.md.j2", "reply_refused.md.j2")  # the replies that only talk
QUIET = "quiet"  # a reply's context says it is limited too: an explain asked by someone without write access
ANSWERED_MARKER = "<!-- pr-sieve:answered:{kind}:{login}:{at} -->"
_ANSWERED = re.compile(r"<!-- pr-sieve:answered:([a-z-]+):([a-z0-9-]+):(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) -->")
_STAMP = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Quiet:
    views: list[View]  # the replies to post (the limited ones stamped)
    held: dict[str, timedelta] = field(default_factory=dict)  # kind held back -> how long ago it was answered


def limited(view: View) -> bool:
    return view.template in LIMITED or view.context.get(QUIET) is True


def kind(view: View) -> str:
    """``help`` or ``refused-<command>``: the name its reply marker gives it."""
    return Reply(view).name


def command_kind(name: str, refused: bool) -> str | None:
    """The kind of reply a command in a comment gets, if it may be a limited one (an ``explain``
    is only when asked by someone without write access)."""
    if refused:
        return f"refused-{name}"
    return "help" if name in ("help", "unknown") else "explain" if name == "explain" else None


def last_answers(comments: list[Comment], bot_login: str, login: str, trigger: int | None) -> dict[str, datetime]:
    """When the bot last gave ``login`` each limited reply on this PR, read from its ``comments``
    (the handler lists them once and hands the same listing to ``bot.app.apply``)."""
    own = REPLY_MARKER.split("{trigger}")[0] + f"{trigger}:"  # this comment's own earlier replies
    found: dict[str, datetime] = {}
    for comment in comments:
        if comment.author_login.lower() != bot_login.lower() or (trigger is not None and own in comment.body):
            continue
        for reply_kind, who, at in _ANSWERED.findall(comment.body):
            when = datetime.strptime(at, _STAMP).replace(tzinfo=UTC)
            if who == _login(login) and when > found.get(reply_kind, datetime.min.replace(tzinfo=UTC)):
                found[reply_kind] = when
    return found


def hold_back(views: list[View], earlier: dict[str, datetime], login: str, now: datetime,
              window: timedelta) -> Quiet:
    """Drop the limited replies given to ``login`` within ``window`` before ``now`` (a time with
    its zone: the handler passes its clock in UTC); stamp the rest."""
    ages = {k: now - at for k, at in earlier.items() if now - at < window}
    held = {kind(v): ages[kind(v)] for v in views if limited(v) and kind(v) in ages}
    kept = [_stamp(v, login, now) if limited(v) else v for v in views if not (limited(v) and kind(v) in held)]
    return Quiet(kept, held)


def describe(age: timedelta) -> str:
    """For the delivery's outcome line: ``quiet: answered 2 min ago``."""
    return f"quiet: answered {max(0, int(age.total_seconds() // 60))} min ago"


def _stamp(view: View, login: str, now: datetime) -> View:
    marker = ANSWERED_MARKER.format(kind=kind(view), login=_login(login), at=now.astimezone(UTC).strftime(_STAMP))
    return View(view.template, {**view.context, "answered": Trusted(marker)})


def _login(login: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", login.lower())
