"""``author_pr_burst`` (kind "effort"): the author opened pull requests in many other projects
within the window (a day by default), the pattern of an agent (or a person) spraying the same
kind of change across projects instead of following one through review.

It reads ``PRSnapshot.author_activity``, which only the App fills in (GitHub's issue search for
the author's PRs of the last ``author_activity.window_hours``, default 24). Offline inputs and
PRs whose author was not looked up never fire it, and the classifier never sees it (it was
added after training; signals are read by name). It counts the distinct owners of the other
repositories (the author's own repositories and forks are left out by the lookup), fires from
``MIN_REPOS`` of them (value 0.5, a strong signal) and reaches 1.0 at ``FULL_REPOS``. Members and
bots of this repository are exempt before any lookup, and an organisation's repositories count
once, so an organisation's people doing a coordinated change across its repositories are not
counted as a spray.
"""

from __future__ import annotations

from bot.result import SignalHit
from bot.signals import hits
from bot.snapshot import PRSnapshot

NAME = "author_pr_burst"
KIND = "effort"
MIN_REPOS = 5
FULL_REPOS = 10


def author_pr_burst(snapshot: PRSnapshot) -> SignalHit:
    activity = snapshot.author_activity
    owners = _owners(activity.other_repositories) if activity is not None else 0
    if owners < MIN_REPOS:
        return hits.quiet(NAME, KIND)
    value = min(1.0, 0.5 + 0.5 * (owners - MIN_REPOS) / (FULL_REPOS - MIN_REPOS))
    return hits.fired(NAME, KIND, value, _evidence(activity, owners))


def _owners(repos: tuple[str, ...]) -> int:
    """Distinct projects' owners: five repositories of one organisation are one project's people at
    work (a member doing a coordinated change), not a spray across projects."""
    return len({repo.split("/", 1)[0].lower() for repo in repos})


def _evidence(activity, owners: int) -> str:
    examples = ", ".join(activity.examples[:3])
    repos = len(activity.other_repositories)
    hours = "hour" if activity.window_hours == 1 else f"{activity.window_hours} hours"
    where = f"{repos} other repositories of {owners} owners" if repos != owners else f"{repos} other repositories"
    return f"the author opened {activity.total} pull requests in the last {hours}, in {where} (e.g. {examples})"
