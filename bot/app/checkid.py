"""Which PR a PR Sieve check run is for. A check run belongs to a commit, and one commit can be the
head of several open PRs (one branch opened against two base branches): each PR has its own run,
whose ``external_id`` names it ("pr-<number>"). A run made before runs named their PR has none
(GitHub gives ``""``): it is read as the PR its event lists, as before."""

from __future__ import annotations

PREFIX = "pr-"


def external_id(number: int) -> str:
    """The ``external_id`` of PR ``number``'s check run."""
    return f"{PREFIX}{number}"


def number_of(value: object) -> int | None:
    """The PR a check run's ``external_id`` names; None for none ("", null) or another form."""
    if not isinstance(value, str) or not value.startswith(PREFIX):
        return None
    digits = value[len(PREFIX):]
    if not (digits.isascii() and digits.isdigit()) or int(digits) == 0:
        return None
    return int(digits)
