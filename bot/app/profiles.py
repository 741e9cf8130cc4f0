"""Project policy profiles: findings about a project's AI policy, separate from the effort score.

A finding never changes the score or the band; it adds a short, specific request to the
sticky comment (and the check run), so a project can ask for what its policy says.

* ``default``: no policy findings.
* ``kubernetes``: an AI co-author trailer in a commit is a finding (the comment asks to move
  the disclosure into the PR description, where reviewers read it); a large PR made with AI
  (an agent marker, or a disclosure) is called out (``profile_options.large_pr_lines`` changed lines).
* ``disclosure-required``: AI attribution without a disclosure in the PR body is a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.app.configschema import RepoConfig
from bot.result import Result
from bot.signals import agents
from bot.snapshot import PRSnapshot

# Kubernetes' policy forbids crediting AI as a co-author and ``assisted-by``/``co-developed``
# (or similar) trailers alike: each asks for the description instead (``agents.TRAILER_KEYS``)
_TRAILER_SCAN = 50  # commits looked at
AGENT_MARKER = 1.0  # ai_attribution's value for an agent marker (0.5: an accepted AI review suggestion)


@dataclass(frozen=True)
class Finding:
    code: str  # "ai_trailer_not_disclosed" | "large_ai_pr" | "ai_without_disclosure"
    evidence: str = ""
    size: int = 0


def findings(config: RepoConfig, snapshot: PRSnapshot, result: Result) -> tuple[Finding, ...]:
    checks = _PROFILES.get(config.profile, ())
    return tuple(f for check in checks if (f := check(config, snapshot, result)) is not None)


def ai_trailer(config: RepoConfig, snapshot: PRSnapshot, result: Result) -> Finding | None:
    if disclosed(result):
        return None
    for message in snapshot.commit_messages[:_TRAILER_SCAN]:
        match = next(agents.agent_trailers(message or ""), None)
        if match:
            return Finding("ai_trailer_not_disclosed", evidence=match.group(0).strip())
    return None


def large_ai_pr(config: RepoConfig, snapshot: PRSnapshot, result: Result) -> Finding | None:
    """An AI PR is one an agent marker credits or whose description says AI was used; a weak
    marker (an accepted AI review suggestion: a line or two) does not make the PR generated."""
    size = snapshot.total_additions + snapshot.total_deletions
    if size < config.profile_options.large_pr_lines:
        return None
    hit = _fired(result, "ai_attribution")
    if hit is not None and hit.value >= AGENT_MARKER:
        return Finding("large_ai_pr", evidence=hit.evidence, size=size)
    said = disclosed(result)
    return Finding("large_ai_pr", evidence=said.evidence, size=size) if said else None


def ai_without_disclosure(config: RepoConfig, snapshot: PRSnapshot, result: Result) -> Finding | None:
    hit = _fired(result, "ai_attribution")
    if hit is None or disclosed(result):
        return None
    return Finding("ai_without_disclosure", evidence=hit.evidence)


def disclosed(result: Result):
    """The ``ai_disclosure`` hit when the author says in the description how AI was used, in words
    a reviewer sees (the signal ignores template leftovers: hidden comments, empty or denied
    labels); None otherwise."""
    return _fired(result, "ai_disclosure")


def _fired(result: Result, name: str):
    return next((s for s in result.fired if s.name == name), None)


_PROFILES = {
    "default": (),
    "kubernetes": (ai_trailer, large_ai_pr),
    "disclosure-required": (ai_without_disclosure,),
}
