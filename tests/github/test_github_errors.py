"""Mapping of library exceptions and rate-limit headers to GitHubError (pure, no network)."""

from __future__ import annotations

import logging
import time

import pytest
import requests
from github import GithubException, RateLimitExceededException

from bot.github.clients import redact_pygithub_debug_logs
from bot.github.errors import translated
from bot.github.ratelimit import rate_limit_wait
from bot.ports import GitHubError

NOW = 1_700_000_000.0


@pytest.mark.parametrize("headers, status, message, expected", [
    ({"Retry-After": "30"}, 403, "", 30.0),
    ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 429, "", 0.0),  # a date in the past
    ({"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 100)}, 403, "", 100.5),
    ({"x-ratelimit-remaining": "12", "x-ratelimit-reset": str(int(NOW) + 100)}, 403, "", None),
    ({}, 403, "You have exceeded a secondary rate limit.", 60.0),
    # GitHub Enterprise Server's older words for it, with no Retry-After: a wait, not a refusal
    ({}, 403, "You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.",
     60.0),
    ({}, 403, "Something went wrong. Please retry your request again later.", 60.0),
    ({}, 429, "", 60.0),
    ({}, 403, "Resource not accessible by integration", None),
    ({}, 500, "", None),
    ({"Retry-After": "5"}, 503, "", 5.0),
    ({"Retry-After": "inf"}, 429, "", 60.0),  # broken headers: a minute, or at most the hour
    ({"Retry-After": "nan"}, 403, "", 60.0),
    ({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "32503680000"}, 403, "", 3600.5),  # year 3000
])
def test_rate_limit_wait(headers, status, message, expected):
    assert rate_limit_wait(headers, status, message, now=NOW) == expected


@pytest.mark.parametrize("zone", ["-0000", "+0000", "GMT"])
def test_a_retry_after_date_is_read_in_utc_whatever_this_machines_zone(monkeypatch, zone):
    # parsedate_to_datetime gives a naive datetime for "-0000" (RFC 5322: UTC, source unknown)
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        wait = rate_limit_wait({"Retry-After": f"Tue, 14 Nov 2023 22:13:50 {zone}"}, 429, "", now=NOW)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert wait == pytest.approx(30.0)


def _raised(exc: Exception) -> GitHubError:
    with pytest.raises(GitHubError) as raised:
        with translated("op"):
            raise exc
    return raised.value


def test_server_errors_are_retryable_client_errors_are_not():
    assert _raised(GithubException(502, {"message": "Bad Gateway"}, {})).retryable
    not_found = _raised(GithubException(404, {"message": "Not Found"}, {}))
    assert (not_found.status, not_found.retryable, not_found.retry_after) == (404, False, None)
    assert "op: GitHub answered 404: Not Found" == str(not_found)


def test_rate_limit_exception_carries_the_wait():
    err = _raised(RateLimitExceededException(403, {"message": "API rate limit exceeded"},
                                             {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1"}))
    assert err.retryable and err.retry_after == 0.5  # reset already passed: retry soon


def test_validation_errors_name_their_codes():
    err = _raised(GithubException(422, {"message": "Validation Failed",
                                        "errors": [{"resource": "Label", "code": "invalid"}]}, {}))
    assert str(err).endswith("Validation Failed (invalid)") and not err.retryable


def test_network_failures_are_retryable_without_status():
    assert _raised(requests.ConnectionError("boom")).status is None
    timeout = _raised(requests.ReadTimeout("slow"))
    assert timeout.retryable and "timed out" in str(timeout)


def test_other_exceptions_pass_through():
    with pytest.raises(KeyError):
        with translated("op"):
            raise KeyError("bug")


def test_pygithub_debug_log_never_shows_tokens(caplog):
    redact_pygithub_debug_logs()
    logger = logging.getLogger("github.Requester")
    with caplog.at_level(logging.DEBUG, logger="github.Requester"):
        logger.debug("%s ==> %s", "POST /app/installations/1/access_tokens",
                     '{"token": "ghs_abcdefSECRET", "expires_at": "x"} ghs_otherSECRET')
    assert "SECRET" not in caplog.text and "***" in caplog.text


def test_a_refused_search_keeps_its_reason():
    """GitHub puts a refused search's reason in errors[].message; only the code reached the log."""
    err = _raised(GithubException(422, {"message": "Validation Failed", "errors": [
        {"resource": "Search", "field": "q", "code": "invalid",
         "message": "The listed users cannot be searched either because the users do not exist"}]}, {}))
    assert str(err).endswith("Validation Failed (invalid: The listed users cannot be searched either because "
                             "the users do not exist)")


def test_a_refused_connection_is_not_called_a_timeout():
    """urllib3 makes NewConnectionError a kind of ConnectTimeoutError, so 'connection refused'
    read as 'request timed out' (outside-evaluator review, sieve fetch --api-url)."""
    import urllib3

    refused = urllib3.exceptions.NewConnectionError(None, "Failed to establish a new connection: [Errno 111] refused")
    err = _raised(requests.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/repos/o/r", reason=refused)))
    assert "failed to connect or read" in str(err) and "timed out" not in str(err) and err.retryable
    slow = urllib3.exceptions.ConnectTimeoutError(None, "timed out")
    assert "timed out" in str(_raised(requests.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/x", reason=slow))))
