"""The author search spends its own small budget and stops asking while it is used up."""

from __future__ import annotations

import pytest

from bot.fakegithub import FakeGitHub
from bot.github import PyGithubPort, make_github_factory
from bot.github.searchbudget import SearchBudget
from bot.ports import GitHubError

SINCE = "2026-01-01T00:00:00Z"


def _port(fake: FakeGitHub) -> PyGithubPort:
    factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key, base_url=fake.base_url,
                                  on_request=lambda *a: None, on_retry=lambda *a: None)
    return factory(fake.installation_id)


def test_once_github_says_none_is_left_no_search_is_sent_until_the_reset():
    with FakeGitHub(search_rate_limit=2) as fake:
        fake.add_repo("o/r")
        port = _port(fake)
        port.search_recent_pulls("alice", SINCE)
        port.search_recent_pulls("bob", SINCE)  # GitHub answers with x-ratelimit-remaining: 0
        with pytest.raises(GitHubError, match="search budget used up") as refused:
            port.search_recent_pulls("carol", SINCE)
        assert len(fake.calls("GET", r"^/search/issues")) == 2  # the third never went out
        assert refused.value.status == 429 and 0 < refused.value.retry_after <= 61
        fake.add_pull("o/r", 1, {"title": "t", "labels": ["docs"]})
        assert port.get_issue_labels("o/r", 1) == ["docs"]  # only search has this budget
        assert port.search_recent_pulls("alice", SINCE).total == 0  # a cached answer is still served


def test_a_rate_limited_search_pauses_the_installation():
    with FakeGitHub() as fake:
        fake.add_repo("o/r")
        fake.inject("GET", r"^/search/issues", status=403, times=1,
                    headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "0", "retry-after": "45"},
                    body={"message": "API rate limit exceeded", "documentation_url": "https://docs.github.com"})
        port = _port(fake)
        with pytest.raises(GitHubError):
            port.search_recent_pulls("alice", SINCE)
        sent = len(fake.calls("GET", r"^/search/issues"))
        with pytest.raises(GitHubError, match="search budget used up"):
            port.search_recent_pulls("bob", SINCE)
        assert len(fake.calls("GET", r"^/search/issues")) == sent


def test_budget_reads_the_reset_time_and_keeps_the_later_pause():
    now = [1000.0]
    budget = SearchBudget(clock=lambda: now[0])
    budget.update(1, {"X-RateLimit-Remaining": "5", "X-RateLimit-Reset": "1030"})
    assert budget.paused_for(1) == 0.0
    budget.update(1, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1030"})
    assert budget.paused_for(1) == 30.5 and budget.paused_for(2) == 0.0
    budget.pause(1, 5)  # a shorter pause does not shorten the one in force
    now[0] = 1031.0
    assert budget.paused_for(1) == 0.0
    budget.update(2, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "32503680000"})  # year 3000
    assert budget.paused_for(2) == 3600.5  # a broken reset pauses for the hour at most


def test_a_short_search_rate_limit_is_not_waited_for_in_process():
    """Another replica spent the budget: GitHub asks to wait 20 s. Other calls would wait that long
    in process (max_wait 30 s); the optional search gives up at once and pauses instead."""
    with FakeGitHub() as fake:
        fake.add_repo("o/r")
        fake.inject("GET", r"^/search/issues", status=403, times=1,
                    headers={"retry-after": "20"},
                    body={"message": "You have exceeded a secondary rate limit", "documentation_url": "x"})
        factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                                      base_url=fake.base_url, max_wait=30.0)
        port = factory(fake.installation_id)
        with pytest.raises(GitHubError) as refused:
            port.search_recent_pulls("alice", SINCE)
        assert len(fake.calls("GET", r"^/search/issues")) == 1  # not sent again after a 20 s sleep
        assert refused.value.retry_after == 20
        assert 19 < port._clients.search_budget.paused_for(fake.installation_id) <= 21
