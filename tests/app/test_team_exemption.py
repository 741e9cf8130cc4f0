"""Exempt teams are checked through the API (team membership), not guessed from the payload."""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.app.context import HandlerContext
from bot.fakegithub import FakeGitHub
from bot.ports import GitHubError

from .conftest import FIXED_NOW, live_port
from .fakes import MemoryState

REPO, SHA = "octo-org/widgets", "3" * 40
CONFIG = "exempt: {associations: [], teams: [octo-org/core]}\n"


def _run(member: bool, scorer, calls: list | None = None) -> list[str]:
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", CONFIG)
        fake.add_pull(REPO, 5, {"title": "Update docs", "body": "Added unit tests.", "user": "dana",
                                "author_association": "CONTRIBUTOR", "head_sha": SHA},
                      files=[{"filename": "README.md", "additions": 1, "deletions": 1}],
                      commits=["Update README.md"])
        if member:
            fake.add_team_member("octo-org", "core", "dana")
        ctx = HandlerContext(github=live_port(fake), state=MemoryState(),
                             delivery_id="team", installation_id=fake.installation_id, now=lambda: FIXED_NOW)
        dispatch.handle("pull_request", fake.pull_request_event(REPO, 5, "opened"), ctx)
        (calls if calls is not None else []).extend(fake.calls("GET", r"^/orgs/.*/memberships/"))
        return fake.issue_labels(REPO, 5)


def test_a_member_of_an_exempt_team_is_not_labelled(scorer):
    assert _run(member=True, scorer=scorer) == []


def test_a_non_member_is_labelled_as_usual(scorer):
    lookups: list = []
    assert _run(member=False, scorer=scorer, calls=lookups) == ["sieve/likely-low-effort"]
    assert len(lookups) == 1  # asked before scoring and before the author search: GitHub once


def test_without_the_members_permission_the_author_is_simply_scored(scorer):
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.add_team_member("octo-org", "core", "dana")
        fake.inject("GET", r"/orgs/.*/memberships/", status=403, times=None,
                    body={"message": "Resource not accessible by integration"})
        assert live_port(fake).is_team_member("octo-org", "core", "dana") is False


def test_a_rate_limited_membership_check_is_retried_not_cached_as_not_a_member(scorer):
    """GitHub answers a secondary rate limit with 403 too: read as "no permission", the member
    was scored, labelled and commented on, and the answer kept for a minute."""
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.add_team_member("octo-org", "core", "dana")
        port = live_port(fake)
        fake.inject_secondary_rate_limit("GET", r"/orgs/.*/memberships/", retry_after=60, times=1)
        with pytest.raises(GitHubError) as raised:
            port.is_team_member("octo-org", "core", "dana")
        assert raised.value.retryable and raised.value.retry_after == 60
        assert port.is_team_member("octo-org", "core", "dana") is True  # asked again, not cached
