"""``author_pr_burst`` (kind "effort"): the author opened pull requests in many other repositories
within a day, the pattern of an agent (or a person) spraying the same kind of change across
projects instead of following one through review.

It reads ``PRSnapshot.author_activity``, which only the App fills in (GitHub's issue search for
the author's PRs of the last ``author_activity.window_hours``, default 24). Offline inputs and
PRs whose author was not looked up never fire it, and the classifier never sees it (it was
added after training; signals are read by name). It fires from ``MIN_REPOS`` other repositories
(value 0.5, a strong signal) and reaches 1.0 at ``FULL_REPOS``. Members and bots are exempt
before any lookup, so an organisation's own people doing a coordinated change are not counted.
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
    if activity is None or len(activity.other_repositories) < MIN_REPOS:
        return hits.quiet(NAME, KIND)
    repos = len(activity.other_repositories)
    value = min(1.0, 0.5 + 0.5 * (repos - MIN_REPOS) / (FULL_REPOS - MIN_REPOS))
    return hits.fired(NAME, KIND, value, _evidence(activity, repos))


def _evidence(activity, repos: int) -> str:
    examples = ", ".join(activity.examples[:3])
    return (f"the author opened {activity.total} pull requests in the last {activity.window_hours} hours, "
            f"in {repos} other repositories (e.g. {examples})")
