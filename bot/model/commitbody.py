"""People's own words on their own small changes: a human PR's first commit body as its description.

GitHub fills a one-commit PR's description with its commit's body. In the training split people's
git PRs carry a squash list or no description at all (squash-merged records, pull refs), while
agents' small fixes come with a paragraph, so the trees learnt "a short prose description on a
small diff" as agent evidence (MODEL_CARD.md, "Known limits"; models/HISTORY.md, "Twenty-fifth
session"). A copy of such a human PR, with the body of its first commit as the description, shows
the model a person's own prose beside their own diff: what their PR looks like on GitHub.
"""

from __future__ import annotations

import re

from bot.text import is_squash_list

SMALL_LINES = 20  # a small change: at most this many changed lines (the CV report's "small" copies)
MIN_CHARS = 40  # as bot.model.relaid: a body shorter than this has no words worth reading as a description
_UPSTREAM = re.compile(r"\(#\d+\)\s*$|^Merge ")  # a commit merged upstream before the branch: not the PR's own
_TRAILER = re.compile(r"^[A-Za-z][A-Za-z-]*: \S")  # Signed-off-by:, Co-authored-by:, Change-Id:, ...


def body_of(message: str) -> str:
    """A commit message without its subject line: what GitHub puts in a one-commit PR's description."""
    parts = (message or "").strip().split("\n", 1)
    return parts[1].strip() if len(parts) == 2 else ""


def copy_body(commit_messages: list[str]) -> str | None:
    """The description of a record's copy: its first commit's body, or None when that body is no
    description (too short, a squash list, or starting with a heading) or that commit is not the
    PR's own (a branch whose history starts with commits merged upstream, "Subject (#N)", or a merge)."""
    if not commit_messages or _UPSTREAM.search(commit_messages[0].strip().split("\n", 1)[0]):
        return None
    body = body_of(commit_messages[0])
    if len(own_words(body)) < MIN_CHARS or body.startswith("#") or is_squash_list(body):
        return None
    return body


def own_words(body: str) -> str:
    """``body`` without its closing trailer lines (a sign-off is no description)."""
    lines = body.strip().splitlines()
    while lines and (not lines[-1].strip() or _TRAILER.match(lines[-1].strip())):
        lines.pop()
    return "\n".join(lines).strip()


def churn(snapshot) -> int:
    """A PR's changed lines, added and deleted: what ``SMALL_LINES`` measures."""
    return (snapshot.additions or 0) + (snapshot.deletions or 0)
