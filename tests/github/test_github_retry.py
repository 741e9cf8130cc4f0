"""Faults from the fake GitHub: what is retried in-process, what becomes GitHubError for the worker."""

from __future__ import annotations

import pytest

from bot.github import PyGithubPort
from bot.ports import GitHubError

from ghport_helpers import make_clients

REPO = "octo/repo"


@pytest.fixture
def issue(fake):
    fake.add_issue(REPO, 1)
    return fake


def _port(fake, calls, **settings) -> PyGithubPort:
    return PyGithubPort(make_clients(fake, calls, **settings), fake.installation_id)


def test_5xx_on_get_is_retried_and_counted(issue, port, calls):
    port.get_issue_labels(REPO, 1)  # token first, so the fault hits the GET below
    calls.requests.clear()
    issue.inject("GET", r"/issues/1/labels$", status=502, times=2)
    assert port.get_issue_labels(REPO, 1) == []
    assert calls.requests == [("GET", 502), ("GET", 502), ("GET", 200)]
    assert calls.retries == [502, 502]


def test_5xx_beyond_the_retry_budget_is_retryable_for_the_worker(issue, port):
    issue.inject("GET", r"/issues/1/labels$", status=503, times=None)
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.status == 503 and raised.value.retryable
    assert len(issue.calls("GET", r"/labels$")) == 3  # first try + 2 retries


def test_5xx_on_post_is_not_repeated_in_process(issue, port):
    issue.inject("POST", r"/issues/1/comments$", status=502)
    with pytest.raises(GitHubError) as raised:
        port.create_comment(REPO, 1, "hello")
    assert raised.value.retryable
    assert len(issue.calls("POST", "comments")) == 1  # the comment may exist: worker decides


def test_secondary_rate_limit_with_short_retry_after_is_waited_out(issue, port, calls):
    issue.inject_secondary_rate_limit("POST", r"/issues/1/comments$", retry_after=0)
    assert port.create_comment(REPO, 1, "hello").body == "hello"
    assert [r.status for r in issue.calls("POST", "comments")] == [403, 201]
    assert 403 in calls.retries


def test_long_retry_after_goes_to_the_worker_with_the_wait(issue, port):
    issue.inject_secondary_rate_limit("POST", r"/issues/1/comments$", retry_after=120)
    with pytest.raises(GitHubError) as raised:
        port.create_comment(REPO, 1, "hello")
    assert raised.value.retryable and raised.value.status == 403
    assert raised.value.retry_after == 120
    assert len(issue.calls("POST", "comments")) == 1


def test_primary_rate_limit_waits_until_reset_via_the_worker(issue, port):
    issue.inject_primary_rate_limit("GET", r"/issues/1/labels$", reset_in=600)
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.retryable and raised.value.status == 403
    assert 590 < raised.value.retry_after <= 602


def test_429_without_hints_waits_a_minute(issue, port):
    issue.inject("GET", r"/issues/1/labels$", status=429)
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.retryable and raised.value.retry_after == 60


def test_plain_403_is_a_permission_error(issue, port):
    issue.inject("POST", r"/labels$", status=403, body={"message": "Resource not accessible by integration"})
    with pytest.raises(GitHubError) as raised:
        port.add_labels(REPO, 1, ["x"])
    assert raised.value.status == 403 and not raised.value.retryable
    assert raised.value.retry_after is None


def test_connection_reset_on_get_is_retried(issue, port, calls):
    issue.inject("GET", r"/issues/1/labels$", reset=True)
    assert port.get_issue_labels(REPO, 1) == []
    assert "connection" in calls.retries


def test_connection_reset_everywhere_is_retryable(issue, port):
    issue.inject("GET", r"/issues/1/labels$", reset=True, times=None)
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.retryable and raised.value.status is None


def test_timeout_is_retryable(issue, fake, calls):
    port = _port(fake, calls, timeout=1, retries=0)
    port.get_issue_labels(REPO, 1)
    issue.inject("GET", r"/issues/1/labels$", status=None, delay=1.5)
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.retryable and "timed out" in str(raised.value)


def test_token_endpoint_failure_is_mapped(issue, port):
    issue.inject("POST", "access_tokens", status=500, times=None)
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.retryable and raised.value.status == 500


def test_a_failing_metrics_hook_never_breaks_a_call(issue, fake):
    class Broken:
        def on_request(self, *_):
            raise RuntimeError("metrics down")
        on_retry = on_request
    assert _port(fake, Broken()).get_issue_labels(REPO, 1) == []


def test_503_with_retry_after_within_budget_is_retried(issue, port, calls):
    port.get_issue_labels(REPO, 1)
    issue.inject("GET", r"/issues/1/labels$", status=503, headers={"Retry-After": "0"})
    assert port.get_issue_labels(REPO, 1) == []
    assert 503 in calls.retries


def test_503_with_long_retry_after_is_left_to_the_worker(issue, port):
    issue.inject("GET", r"/issues/1/labels$", status=503, headers={"Retry-After": "300"})
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.retryable and raised.value.retry_after == 300
    assert len(issue.calls("GET", r"/labels$")) == 1


def test_revoked_token_is_dropped_and_the_next_try_gets_a_new_one(issue, port):
    port.get_issue_labels(REPO, 1)
    issue.revoke_tokens()
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels(REPO, 1)
    assert raised.value.status == 401 and raised.value.retryable
    assert port.get_issue_labels(REPO, 1) == []
    assert len(issue.calls("POST", "access_tokens")) == 2
