"""What a ``/sieve`` command's reply says (``bot.app.handlers.comments`` decides and posts):
each reply's template and the facts it needs. ``request`` is the handler's view of the comment
(its settings, the PR's review, the person's access)."""

from __future__ import annotations

from bot.app import commands, replylimit
from bot.app.actions import View
from bot.app.context import Override


def reply(command: commands.Command, request, untouched: str | None) -> View:
    """``untouched``: why nothing on the PR but the record changed (``_Request.unscored``), or None."""
    config = request.loaded.config
    if command.name in ("help", "unknown"):
        unknown = command.raw if command.name == "unknown" else ""
        return View("help.md.j2", {"exempt_label": config.labels.exempt.name, "unknown": unknown,
                                   "help_url": request.ctx.help_url, "settings": request.loaded})
    if command.name == "explain":  # its text once it is known to be posted (``explained``)
        return View("reply_explain.md.j2", {replylimit.QUIET: not request.can_write})
    override = request.ctx.state.get_override(request.repo, request.number)
    context = {"result": request.outcome.result, "override": override,
               "exempt_label": config.labels.exempt.name,
               "untouched": untouched,
               # an ok written before the exemption in force, handled after it, went under it
               "under_exemption": override is not None and override.under is not None
               and override.under.detail == request.source,
               # why no label goes on or off for now: a settings file it cannot read, or one whose
               # broken labels section leaves their names unknown
               "labels_held": "unreadable" if request.loaded.unreadable else
               "labels section" if request.loaded.labels_unknown else None,
               "help_url": request.ctx.help_url, "written_in": request.written.named}
    return View(f"reply_{command.name}.md.j2", context)


def explained(view: View, request) -> View:
    """An explain reply that will be posted, with its text: a repeat held back runs no scoring."""
    if view.template != "reply_explain.md.j2":
        return view
    override = request.ctx.state.get_override(request.repo, request.number)
    return View(view.template, {**view.context, "result": request.outcome.result, "override": override,
                                "help_url": request.ctx.help_url})


def cancel(command: commands.Command, ended: Override | None, cancelled: bool, standing: Override | None,
           request, untouched: str | None, withdrawn: bool) -> View:
    """``standing``: the decision in force after the comment (an earlier clearance, a later exemption);
    ``withdrawn``: the same comment gave the decision above its cancel (``comments._dropped``)."""
    return View("reply_cancel.md.j2", {"command": command.name, "cancelled": cancelled, "previous": ended,
                                       "standing": standing, "result": request.outcome.result,
                                       "untouched": untouched, "withdrawn": withdrawn,
                                       "written_in": request.written.named})


def refusal(command: commands.Command) -> View:
    return View("reply_refused.md.j2", {"command": command.name})
