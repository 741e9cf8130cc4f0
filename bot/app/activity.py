"""The author's recent pull requests across GitHub, for the ``author_pr_burst`` signal.

One issue search per author (``is:pr is:public author:LOGIN -user:LOGIN created:>=…``: their PRs outside
their own repositories), cached by the GitHub adapter, a refusal (422) included.
Only authors that are scored are looked up: members, collaborators, bots and other exempt
authors never reach this point. The window starts on the hour, so every PR of one author within
that hour asks the same question and the cache answers it. A failed search (rate limit, outage,
a login GitHub rejects) never holds up the PR: it is scored without the signal, with a note.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone

from bot.ports import GitHubError, GitHubPort, PullSearch
from bot.snapshot import AuthorActivity, PRSnapshot

log = logging.getLogger(__name__)

LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")  # GitHub user names; nothing else reaches the query
EXAMPLES = 5


def window_start(now: datetime, hours: int) -> str:
    """ISO 8601 UTC start of the window, rounded up to the hour: the window is never longer than
    the ``hours`` the comment names (rounded down, it was up to 59 minutes longer)."""
    now = now.astimezone(timezone.utc) if now.tzinfo else now.replace(tzinfo=timezone.utc)
    start = now - timedelta(hours=hours)
    hour = start.replace(minute=0, second=0, microsecond=0)
    return (hour if hour == start else hour + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def summarise(found: PullSearch, repo: str, hours: int, author: str = "") -> AuthorActivity:
    """The other repositories among the listed PRs, in the order listed (newest first): not this
    one, and not the author's own (their projects and forks are their own work, not a spray)."""
    here, own = repo.lower(), author.lower()
    others = [ref for ref in found.refs
              if ref.split("#", 1)[0].lower() != here and ref.split("/", 1)[0].lower() != own]
    repos = tuple(dict.fromkeys(ref.split("#", 1)[0] for ref in others))
    return AuthorActivity(window_hours=hours, total=found.total, other_repositories=repos,
                          examples=tuple(others[:EXAMPLES]))


def with_activity(github: GitHubPort, repo: str, snapshot: PRSnapshot, hours: int, now: datetime) -> PRSnapshot:
    """``snapshot`` with ``author_activity`` filled in, or with a note saying why it is not."""
    if snapshot.author_is_bot or not LOGIN.match(snapshot.author_login or ""):
        return snapshot
    try:
        found = github.search_recent_pulls(snapshot.author_login, window_start(now, hours))
    except GitHubError as exc:
        log.warning("author search for %s failed: %s", repo, exc)
        why = "search rate limit" if exc.status in (403, 429) or exc.retry_after else f"GitHub {exc.status or 'error'}"
        note = f"the author's recent pull requests elsewhere could not be looked up ({why})"
        return snapshot.with_changes(notes=snapshot.notes + (note,))
    return snapshot.with_changes(author_activity=summarise(found, repo, hours, snapshot.author_login))
