"""``/sieve`` commands in PR comments (Prow grammar, see ``bot.app.commands``).

``ok``, ``exempt`` and ``rescore`` need write access (collaborator permission, never
author_association); ``explain`` is also open to the PR author; ``help`` to anyone. Everyone
else gets one polite refusal. Comments by bots, the App included, are ignored. ``ok cancel`` and
``exempt cancel`` (write access) end that decision and check the PR again at once. On a closed
PR, or one the App does not score now (a draft, an exempt author's), a command is recorded and
answered and nothing else changes (a clearance still updates the App's comment from when the PR
was scored, as a label change does). A help reply, or a refusal of the same command, goes to
one person on a PR at most once per ``commands.quiet_minutes`` (``bot.app.replylimit``), and so
does an ``explain`` asked by someone without write access (the PR's author); a repeat held back
gets a reaction instead.

A review's body (``bot.app.handlers.reviews``) and a comment on a line of the diff
(``bot.app.handlers.review_comments``) are read the same way: each command is answered for a
``Written`` piece of text, a comment, a review or a review comment, whose id marks the replies and
names the decisions it made (``comment 12``, ``review 34``, ``review_comment 56``: separate id spaces).
"""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property
from typing import Any

from bot.app import apply as applier
from bot.app import commandreplies as replies
from bot.app import commands
from bot.app import payload as p
from bot.app import plan as planner
from bot.app import decisions, replylimit, review
from bot.app.actions import Action, RemoveLabel, View
from bot.app.context import HandlerContext, Override
from bot.app.handlers import written as texts
from bot.app.handlers.written import Written
from bot.ports import Comment

EVENTS = {"issue_comment": {"created"}}
HELP = ("Slash commands on PRs: /sieve ok | exempt | rescore | explain | help (write access for the first three; "
        "'/sieve ok cancel' and '/sieve exempt cancel' undo the first two).")
CANCELS = {"ok": planner.CANCELLABLE_BY_OK, "exempt": ("exempt",)}  # the overrides each cancel ends
WITHDRAWN = "withdrawn"  # an ok/exempt its own cancel follows in the same comment
# GitHub's timestamps are whole seconds and its clock is not ours: a decision recorded within
# this long after the comment was written does not count as made after it
CLOCK_SLACK = timedelta(seconds=5)


class _Request:
    """One comment's (or review's) commands, with lazily fetched permission and review."""

    def __init__(self, payload: dict[str, Any], ctx: HandlerContext, written: Written) -> None:
        self.ctx = ctx
        self.repo = p.repo_name(payload)
        self.written = written
        self.number = written.number
        self.actor = p.author(written.user, written.association)
        self.pr_author = str((written.pr_user or {}).get("login") or "")
        self.loaded = review.load_config(ctx, self.repo)
        self.trigger = written.trigger  # marks the replies (a retry does not repeat them)
        self.source = written.source  # the override's detail: which comment or review made it
        self.written_at = written.at

    @cached_property
    def can_write(self) -> bool:
        return self.ctx.github.get_permission(self.repo, self.actor.login) in review.WRITE

    @cached_property
    def outcome(self) -> review.Review:
        return review.run(self.ctx, self.repo, self.number, self.loaded)

    @cached_property
    def closed(self) -> bool:
        """Closed or merged now: checked again on request, but nothing is labelled or posted for it."""
        return self.outcome.snapshot.state == "closed"

    @cached_property
    def unscored(self) -> str | None:
        """Why the PR's labels, sticky and check run do not follow a command: ``closed``, or why
        the App does not score it now (``draft``, ``exempt author``: the pull_request handler's test)."""
        if self.closed:
            return "closed"
        return review.unscored(self.ctx, self.loaded.config, self.outcome.snapshot)

    def allowed(self, command: commands.Command) -> bool:
        if command.name in ("help", "unknown"):
            return True
        if command.name == "explain" and self.actor.login.lower() == self.pr_author.lower():
            return True
        return self.can_write


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    if "pull_request" not in p.get(payload, "issue", dict):
        return "ignored: comment on an issue, not a PR"
    return answer(payload, texts.from_comment(payload), ctx)


def answer(payload: dict[str, Any], written: Written, ctx: HandlerContext) -> str:
    """Act on and answer the commands ``written`` holds: the same rules wherever they were written."""
    if written.user is None:
        return f"ignored: {written.named} without an author"
    user = p.author(written.user)
    if user.is_bot or user.login.lower() == ctx.github.bot_login().lower():
        return f"ignored: {written.named} by a bot"
    found = commands.parse(written.body)
    if not found:
        return "ignored: no command"
    request = _Request(payload, ctx, written)
    return review.disabled(request.loaded.config) or run(request, found)


def run(request: _Request, found: list[commands.Command]) -> str:
    allowed = [c for c in found if request.allowed(c)]
    dropped = _dropped(request, allowed)
    # one refusal for the comment; a dropped command gets no reply of its own
    views = [replies.refusal(c) for c in found if not request.allowed(c)][:1]
    acted, acts, fresh = _act(request, [c for c in allowed if c not in dropped], dropped)
    held = _answer(request, views + acted, acts, fresh)
    return "commands: " + ", ".join(c.name + _status(c, allowed, dropped, held) for c in found)


def _act(request: _Request, acting: list[commands.Command],
         dropped: dict[commands.Command, str]) -> tuple[list[View], bool, bool]:
    """Record the comment's cancels, then its ok/exempt; returns their replies, whether the PR is
    then labelled, commented and checked (``_acts``), and whether the decision made is in force."""
    cancels = [(c, *_cancel(c, request)) for c in acting if c.cancel]
    # what stands after all of the comment's cancels: none of its replies names one it ended
    standing = request.ctx.state.get_override(request.repo, request.number) if cancels else None
    kind = _override_kind([c for c in acting if not c.cancel])
    rescore = any(c.name == "rescore" or c.cancel for c in acting)
    acts = _acts(request, kind, rescore)
    untouched = request.unscored if (kind or rescore) and not acts else None  # what the replies tell
    withdrawn = {c.name for c, why in dropped.items() if why == WITHDRAWN}
    views = [replies.cancel(c, ended, cancelled, standing, request, untouched, withdrawn=c.name in withdrawn)
             for c, ended, cancelled in cancels]
    # when it was said: a later cancel, handled first or not, wins; a clearance said before the
    # exemption in force goes under it and changes no label (fresh: it is the decision in force)
    fresh = bool(kind) and decisions.record(request.ctx, request.outcome, kind, request.actor.login,
                                            detail=request.source, at=request.written_at).kind == kind
    return views + [replies.reply(c, request, untouched) for c in acting if not c.cancel], acts, fresh


def _answer(request: _Request, views: list[View], acts: bool, fresh: bool) -> dict[str, timedelta]:
    """Post the replies not held back (quiet repeats), with the PR's labels, sticky and check run
    when the comment ``acts``; returns the kinds of reply held back."""
    # "/sieve" + "/sieve what": one help reply; "/sieve ok cancel" + "/sieve exempt cancel": two
    views = list({(v.template, v.context.get("command")): v for v in views}.values())
    quiet, read = _quiet(request, views)
    posting = planner.replies([replies.explained(v, request) for v in quiet.views], request.loaded.config,
                              request.ctx.shadow, trigger=request.trigger,
                              held=bool(quiet.held) and request.written.reacts)
    if acts:
        review.decide(request.ctx, request.outcome, fresh_override=fresh, extra=posting, comments=read)
    else:
        _reply_only(request, posting, read)
    return quiet.held


def _dropped(request: _Request, allowed: list[commands.Command]) -> dict[commands.Command, str]:
    """The allowed commands not acted on, and why. A comment's commands take effect in the order
    written, so an ``ok``/``exempt`` followed by its own cancel is ``withdrawn``: not recorded, its
    cancel acting as if alone (ending any earlier decision of that kind), the comment ends with
    no such decision. A retried comment that a later decision ``overtaken`` acts on neither."""
    withdrawn = {c: WITHDRAWN for i, c in enumerate(allowed) if c.name in CANCELS and not c.cancel
                 and any(later.cancel and later.name == c.name for later in allowed[i + 1:])}
    kinds = {c.name for c in allowed if c.name in CANCELS}
    late = bool(kinds) and overtaken(request, kinds)  # one state read for the comment
    return {**{c: "overtaken" for c in allowed if late and c.name in CANCELS}, **withdrawn}


def _acts(request: _Request, kind: str | None, rescore: bool) -> bool:
    """Whether the PR's labels, sticky and check run follow the comment's ``kind`` of decision or
    its rescore/cancel, or the decision is only recorded and answered: on a closed PR, and on one
    the App does not score now (a draft, an exempt author's), as the pull_request handler skips
    it, unless something of the App's from when it was scored is there, its sticky or a band label:
    it follows a clearance or an exemption then (the label handler's rule, and a flag from the model
    alone is a label without a sticky)."""
    if not (kind or rescore) or request.unscored == "closed":
        return False
    if request.unscored is None:
        return True
    return bool(kind) and review.left_from_scoring(request.ctx, request.outcome, request.loaded.config)


def _status(command: commands.Command, allowed: list, dropped: dict, held: dict[str, timedelta]) -> str:
    refused = command not in allowed
    notes = ["refused"] if refused else [dropped[command]] if command in dropped else []
    age = held.get(replylimit.command_kind(command.name, refused) or "")
    notes += [replylimit.describe(age)] if age is not None else []
    return f" ({'; '.join(notes)})" if notes else ""


def _quiet(request: _Request, views: list[View]) -> tuple[replylimit.Quiet, list[Comment] | None]:
    """Help and refusals this person was given on the PR lately are not posted again. The PR's
    comments are read only when such a reply is due and would be posted, and that listing is
    returned too (None: not read), for ``apply`` to check for this comment's own replies."""
    config = request.loaded.config
    window = timedelta(minutes=config.commands.quiet_minutes)
    due = window > timedelta(0) and any(replylimit.limited(v) for v in views) and not review.shadow(request.ctx, config)
    github = request.ctx.github
    read = github.list_comments(request.repo, request.number) if due else None
    earlier = replylimit.last_answers(read, github.bot_login(), request.actor.login,
                                      request.trigger) if read is not None else {}
    return replylimit.hold_back(views, earlier, request.actor.login, texts.utc(request.ctx.now()), window), read


def overtaken(request: _Request, kinds: set[str]) -> bool:
    """A retried comment runs minutes late: when the decision in force on the PR, or an ending of
    the ``kinds`` it acts on, was made after the comment was written, by anything but this comment
    (a person's label change, a later command), acting on it would undo that person, so its
    ``ok``/``exempt``/``cancel`` is dropped."""
    if request.written_at is None:
        return False
    found = [decisions.latest_at(request.ctx, request.repo, request.number, kind) for kind in sorted(kinds)]
    latest = max((f for f in found if f is not None), default=None)
    if latest is not None and latest[1] != request.source and latest[0] > request.written_at + CLOCK_SLACK:
        return True
    return "exempt" in kinds and _exempt_label_changed_since(request)


def _exempt_label_changed_since(request: _Request) -> bool:
    """A person put the exempt label on or took it off after the comment was written (the
    issue's history shows it even before, or without, that change's own delivery): a retried
    ``/sieve exempt`` or ``exempt cancel`` must not undo it."""
    exempt = request.loaded.config.labels.exempt.name.lower()
    bot = request.ctx.github.bot_login().lower()
    return any(e.label.lower() == exempt and e.at is not None and not decisions.is_bot(e.actor, bot)
               and decisions.utc(e.at) > request.written_at + CLOCK_SLACK
               for e in decisions.read_once(request.ctx, request.repo, request.number)())


def _override_kind(allowed: list[commands.Command]) -> str | None:
    names = {c.name for c in allowed}
    return "exempt" if "exempt" in names else "ok" if "ok" in names else None


def _cancel(command: commands.Command, request: _Request) -> tuple[Override | None, bool]:
    """End the ``ok``/``exempt`` decision in force (and take the exempt label off): the PR is then
    treated as any other, and checked again at once. Returns what ended, and whether this comment
    cancelled it (its first attempt, when this is a retry, included)."""
    ended = decisions.end(request.ctx, request.repo, request.number, CANCELS[command.name],
                          request.actor.login, detail=request.source, at=request.written_at)
    unlabelled = command.name == "exempt" and _drop_exempt_label(request)
    again = not (ended or unlabelled) and decisions.ended_by(request.ctx, request.repo, request.number,
                                                           request.source, CANCELS[command.name])
    return ended, bool(ended or unlabelled or again)


def _drop_exempt_label(request: _Request) -> bool:
    """Take the exempt label off now (before the plan reads the PR's labels); not in shadow mode."""
    exempt = request.loaded.config.labels.exempt.name
    labels = request.ctx.github.get_issue_labels(request.repo, request.number)
    if not any(name.lower() == exempt.lower() for name in labels) or review.shadow(request.ctx, request.loaded.config):
        return False
    applier.apply(request.ctx.github, request.repo, request.number, (RemoveLabel(exempt),))
    return True


def _reply_only(request: _Request, replies: tuple[Action, ...], read: list[Comment] | None) -> None:
    """``read``: the PR's comments as ``_quiet`` listed them (None: not read), so they are listed once."""
    applier.apply(request.ctx.github, request.repo, request.number, replies, comments=read)
