"""Perform planned actions through the GitHub port, each one idempotent.

Labels were diffed by the plan; the sticky comment is edited only when its text changes (one a
person edited, only in the App's own note below their text, ``bot.app.stickynote``, and only
while it still reads as the delivery read it: changed meanwhile, the delivery is retried); the
check run is an upsert keyed by (name, head SHA, external_id: the PR, as several can share a
head commit); a reply carries a hidden marker naming the comment that asked and the command
(``REPLY_MARKER``) and is not posted when the bot's comments already hold that marker. A
``GitHubError`` stops the run and goes to the worker, which retries the whole delivery; repeating
the already-done steps is harmless. A reaction is the exception: a courtesy, its failure is
logged and the run goes on.
"""

from __future__ import annotations

import logging
from functools import singledispatch

from bot.app.actions import (Action, AddLabels, CheckRun, DeleteComment, EnsureLabel, NoteOnSticky, React, RemoveLabel,
                             Reply, UpsertComment)
from bot.app.render import check_buttons, render
from bot.app.stickyedit import signed, unchanged
from bot.app.stickynote import amended
from bot.ports import CheckAction, CheckRunOutput, Comment, Conflict, GitHubError, GitHubPort

log = logging.getLogger(__name__)


def apply(github: GitHubPort, repo: str, number: int, actions: tuple[Action, ...],
          comments: list[Comment] | None = None, done: list[str] | None = None) -> list[str]:
    """Run ``actions`` in order; returns what was actually written (skips are not listed).
    ``comments``: the PR's comments, when the caller has just read them in this delivery (nothing
    posted since), so the check for replies already posted does not list them again. ``done``:
    filled as each write succeeds, so a caller still knows what was written when a later one fails."""
    done = [] if done is None else done
    for action in _unposted(github, repo, number, list(actions), comments):
        if _run(action, github, repo, number):
            done.append(action.describe())
    return done


def _unposted(github: GitHubPort, repo: str, number: int, actions: list[Action],
              comments: list[Comment] | None) -> list[Action]:
    """``actions`` without the marked replies an earlier attempt of this delivery already posted."""
    if not any(_marker(a) for a in actions):
        return actions
    comments = github.list_comments(repo, number) if comments is None else comments
    posted = _bot_text(comments, github.bot_login())
    return [a for a in actions if not (_marker(a) and _marker(a) in posted)]


def _marker(action: Action) -> str:
    return action.marker if isinstance(action, Reply) else ""


def _bot_text(comments: list[Comment], bot_login: str) -> str:
    """The bot's own comments, joined (a person quoting a marker does not count)."""
    return "\n".join(c.body for c in comments if c.author_login.lower() == bot_login.lower())


@singledispatch
def _run(action: object, github: GitHubPort, repo: str, number: int) -> bool:
    raise TypeError(f"unknown action {action!r}")


@_run.register
def _(action: AddLabels, github: GitHubPort, repo: str, number: int) -> bool:
    for spec in action.ensure:
        github.ensure_label(repo, spec.name, spec.color, spec.description)
    github.add_labels(repo, number, list(action.labels))
    return True


@_run.register
def _(action: RemoveLabel, github: GitHubPort, repo: str, number: int) -> bool:
    github.remove_label(repo, number, action.label)
    return True


@_run.register
def _(action: EnsureLabel, github: GitHubPort, repo: str, number: int) -> bool:
    github.ensure_label(repo, action.name, action.color, action.description)
    return True


@_run.register
def _(action: UpsertComment, github: GitHubPort, repo: str, number: int) -> bool:
    body = signed(render(action.view.template, **action.view.context))
    if action.comment_id is None:
        github.create_comment(repo, number, body)
        return True
    if unchanged(body, action.current or ""):
        return False
    return _edit_sticky(github, repo, number, action.comment_id, body)


@_run.register
def _(action: NoteOnSticky, github: GitHubPort, repo: str, number: int) -> bool:
    body = _noted(action)
    if body is None or unchanged(body, action.current):  # None: a person edited the note too
        return False
    if not _still_there(github, repo, number, action):
        return False
    return _edit_sticky(github, repo, number, action.comment_id, body)


def note_in_place(action: NoteOnSticky) -> bool:
    """Whether the comment as read already carries the App's own unedited note as ``action`` wants
    it (or, for no note, none): nothing was written, yet that is what the comment says."""
    body = _noted(action)
    return body is not None and unchanged(body, action.current)


def _noted(action: NoteOnSticky) -> str | None:
    """The comment with the App's note as ``action`` wants it; None when a person edited the note."""
    return amended(action.current, render(action.view.template, **action.view.context) if action.view else None)


def _still_there(github: GitHubPort, repo: str, number: int, action: NoteOnSticky) -> bool:
    """Whether the sticky a person edited is still on the PR as the plan read it, just before the
    note is written: the edit writes the whole comment, and a person who saved it again meanwhile
    (right after their ``/sieve ok``, say) would lose their newer words. Changed, the delivery is
    retried (``Conflict``: an ordinary attempt), so the note is planned from their new text rather
    than owed until some later event; deleted, nothing is written and nothing is retried (GitHub
    has no conditional edit: one round trip remains)."""
    try:
        now = github.get_comment(repo, action.comment_id).body
    except GitHubError as err:
        if err.status != 404:
            raise
        log.info("sticky comment %s on %s#%s was deleted since it was read: left deleted",
                 action.comment_id, repo, number)
        return False
    if unchanged(now, action.current):
        return True
    raise Conflict(f"sticky comment {action.comment_id} on {repo}#{number} changed since this delivery read it "
                   "(a person's edit): retried, so its note is planned from their new text")


def _edit_sticky(github: GitHubPort, repo: str, number: int, comment_id: int, body: str) -> bool:
    try:
        github.edit_comment(repo, comment_id, body)
    except GitHubError as err:
        if err.status != 404:
            raise
        log.info("sticky comment %s on %s#%s was deleted since it was read: left deleted", comment_id,
                 repo, number)
        return False  # a person deleted it meanwhile: a deleted sticky is not posted again
    return True


@_run.register
def _(action: DeleteComment, github: GitHubPort, repo: str, number: int) -> bool:
    github.delete_comment(repo, action.comment_id)
    return True


@_run.register
def _(action: CheckRun, github: GitHubPort, repo: str, number: int) -> bool:
    github.upsert_check_run(repo, CheckRunOutput(
        name=action.name, head_sha=action.head_sha, status="completed", conclusion=action.conclusion,
        title=render(action.title.template, **action.title.context).strip(),
        summary=render(action.summary.template, **action.summary.context),
        text=render(action.text.template, **action.text.context) if action.text else "",
        actions=tuple(CheckAction(identifier=b, **check_buttons()[b]) for b in action.buttons),
        external_id=action.external_id,
    ))
    return True


@_run.register
def _(action: Reply, github: GitHubPort, repo: str, number: int) -> bool:
    body = render(action.view.template, **action.view.context)
    github.create_comment(repo, number, f"{body.rstrip()}\n\n{action.marker}\n" if action.marker else body)
    return True


@_run.register
def _(action: React, github: GitHubPort, repo: str, number: int) -> bool:
    try:
        github.add_reaction(repo, action.comment_id, action.content)
    except GitHubError as exc:  # a courtesy: never worth failing, or retrying, the delivery
        log.warning("reaction %s on %s#%s comment %s not left: %s", action.content, repo, number,
                    action.comment_id, exc)
        return False
    return True
