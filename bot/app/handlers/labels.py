"""Label overrides: a maintainer removing a PR Sieve band label, or adding/removing the exempt label.

Honoured only for people who may change labels: triage access or above (collaborator permission,
not author_association).
A person ADDING a band label by hand (GitHub already requires triage access for that) hands the
band labels of that PR to people: the bot never removes that label nor adds another; only its own
band label that the score no longer wants comes off. The bot's own
label changes are ignored, and so is an event a person's later change of the label overtook.
On a closed or merged PR the decision is recorded (a reopened PR respects it) and nothing is
labelled, posted or checked, as for every other event on a closed PR; likewise on a PR the bot
does not score (a draft, an exempt author's), where a guidance comment would be out of place,
unless the bot's comment from when it was scored is there: it then says the PR was cleared.
"""

from __future__ import annotations

from typing import Any

from bot.app import payload as p
from bot.app import decisions, review
from bot.app.context import HandlerContext

EVENTS = {"pull_request": {"labeled", "unlabeled"}}
HELP = ("Treats a maintainer removing a PR Sieve band label as '/sieve ok' and adding the exempt label "
        "as '/sieve exempt'; removing the exempt label ends the exemption; a band label added by a "
        "person is never removed by the bot.")
# GitHub lets triage and above change labels: what such a person takes off is a human decision
# the bot never undoes (commands still need write access)
LABEL_MANAGERS = ("admin", "write", "triage")


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    repo, number = p.repo_name(payload), p.get(payload, "pull_request.number", int)
    label = p.get(payload, "label.name", str)
    sender = p.author(p.get(payload, "sender", dict))
    if sender.is_bot or sender.login.lower() == ctx.github.bot_login().lower():
        return "ignored: label change by a bot"
    loaded = review.load_config(ctx, repo)
    kind = override_kind(loaded.config, payload.get("action"), label)
    if kind is None:
        return "ignored: not a PR Sieve label"
    if reason := review.disabled(loaded.config):
        return reason
    if kind != "label_added" and ctx.github.get_permission(repo, sender.login) not in LABEL_MANAGERS:
        return review.refused(ctx, repo, number, "ignored: sender cannot manage labels")
    if overtaken(ctx, repo, number, label, payload.get("action")):
        return "ignored: overtaken by a later change of the label by a person"
    if decisions.decided_since(ctx, repo, number, kind):
        return "ignored: overtaken by a later decision by a person"
    if kind == "unexempt":
        return _unexempt(ctx, repo, number, sender.login, label, loaded)
    outcome = review.run(ctx, repo, number, loaded)
    # a removal made before the exemption in force goes under it: no label changes for it
    fresh = decisions.record(ctx, outcome, kind, sender.login, detail=f"label {label}", at=ctx.received_at).kind == kind
    if outcome.snapshot.state == "closed":  # remembered for a reopen; nothing is posted on a closed PR
        return f"override recorded: {kind} by {sender.login}; the PR is closed, so nothing else changed"
    reason = review.unscored(ctx, loaded.config, outcome.snapshot)
    if reason and (kind == "label_added" or not review.left_from_scoring(ctx, outcome, loaded.config)):  # nothing to update
        return f"override recorded: {kind} by {sender.login}; not scored ({reason}), so nothing else changed"
    # a sticky or band label from when it was scored: it follows the clearance, as for /sieve ok
    review.decide(ctx, outcome, fresh_override=fresh)
    return f"override recorded: {kind} by {sender.login}"


def override_kind(config, action: str | None, label: str) -> str | None:
    name = label.lower()
    exempt = config.labels.exempt.name.lower()
    if name in {n.lower() for n in config.band_labels().values()}:
        return "label_removed" if action == "unlabeled" else "label_added"
    if name == exempt:
        return "exempt" if action == "labeled" else "unexempt"
    return None


def overtaken(ctx: HandlerContext, repo: str, number: int, label: str, action: str | None) -> bool:
    """GitHub does not deliver in order, and a retry runs minutes late: when the label is no
    longer as this event left it and the latest change of it by a person went the other way,
    acting on the event would undo that person. A change by a bot (ours re-adding the label on a
    push handled first) does not count, so the person's removal still wins over it."""
    present = any(name.lower() == label.lower() for name in ctx.github.get_issue_labels(repo, number))
    if present == (action == "labeled"):
        return False
    bot = ctx.github.bot_login().lower()
    by_people = [e.action for e in ctx.github.label_events(repo, number)
                 if e.label.lower() == label.lower() and not decisions.is_bot(e.actor, bot)]
    return bool(by_people) and by_people[-1] != action


def _unexempt(ctx: HandlerContext, repo: str, number: int, actor: str, label: str, loaded) -> str:
    """The exempt label taken off by hand ends the exemption and checks the PR again at once, as
    ``/sieve exempt cancel`` does: the comment and the check stop saying "exempt", and a band label
    a person put on before the exemption goes back on."""
    if decisions.end(ctx, repo, number, ("exempt",), actor, detail=f"label {label}", at=ctx.received_at) is None:
        return "ignored: no exemption recorded"
    outcome = review.run(ctx, repo, number, loaded)
    if outcome.snapshot.state == "closed" or review.unscored(ctx, loaded.config, outcome.snapshot):
        return "exemption cleared; not scored now, so nothing else changed"
    review.decide(ctx, outcome)
    return "exemption cleared; checked again"
