"""The adapter against real recorded GitHub exchanges (vcrpy cassettes in ../shared, replayed in place)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from bot.github import ClientSettings, GitHubClients
from bot.ports import GitHubError

from ghport_helpers import Calls, cassette_port, replay


def _future_expiry(response: dict) -> dict:
    """The recorded token expired in 2024; move ``expires_at`` an hour ahead of now."""
    body = json.loads(response["body"]["string"])
    if "expires_at" in body:
        body["expires_at"] = (datetime.now(timezone.utc) + timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        response["body"]["string"] = json.dumps(body).encode()
    return response


def _token_clients(private_key: str) -> GitHubClients:
    return GitHubClients(123456, private_key, settings=ClientSettings(max_wait=0.1))


def test_installation_token_is_fetched_with_the_app_jwt_and_reused(cassettes, private_key):
    path = cassettes / "pygithub" / "GithubIntegration.testGetAccessToken.yaml"
    clients = _token_clients(private_key)
    with replay(path, before_record_response=_future_expiry) as cassette:
        auth = clients.installation(30614431).requester.auth
        first, second = auth.token, auth.token
        assert clients.installation(30614431).requester.auth is auth  # cached per installation
    assert first == second and first.startswith("ghs_")
    assert cassette.play_count == 1  # still fresh: no second POST
    request = cassette.requests[0]
    assert request.method == "POST" and request.path.endswith("/30614431/access_tokens")
    assert request.headers["Authorization"].startswith("Bearer ")  # the App JWT, not a token


def test_a_token_recorded_as_expired_is_refetched_not_used_stale(cassettes, private_key):
    path = cassettes / "pygithub" / "GithubIntegration.testGetAccessToken.yaml"
    clients = _token_clients(private_key)
    with replay(path) as cassette:
        auth = clients.installation(30614431).requester.auth
        auth.token
        auth.token  # expires_at (2024) is in the past: PyGithub must ask again
    assert cassette.play_count == 2


def test_check_run_is_created_then_updated(cassettes):
    path = cassettes / "pygithub" / "CheckRun.testUpdateCheckRunSuccess.yaml"
    port = cassette_port()
    repo = port._repo("dhruvmanila/pygithub-testing")
    with replay(path, match_on=["method", "path"]) as cassette:
        run = repo.create_check_run("edit_check_run", "0283d46537193f1fed7d46859f15c5304b9836f9",
                                    status="in_progress", external_id="100")
        run.edit(status="completed", conclusion="success",
                 output={"title": "Check run for testing edit method", "summary": ""})
    assert cassette.all_played
    assert run.status == "completed" and run.conclusion == "success"


def test_collaborator_permission_and_no_push_access(cassettes):
    port = cassette_port()
    with replay(cassettes / "pygithub" / "Repository.testCollaboratorPermission.yaml"):
        assert port.get_permission("PyGithub/PyGithub", "jacquev6") == "admin"
    with replay(cassettes / "pygithub" / "Repository.testCollaboratorPermissionNoPushAccess.yaml"):
        with pytest.raises(GitHubError) as raised:
            port.get_permission("PyGithub/PyGithub", "lyloa")
    assert raised.value.status == 403 and not raised.value.retryable
    assert "push access" in str(raised.value)


def test_labels_listed_and_created(cassettes):
    port = cassette_port()
    with replay(cassettes / "octokit-fixtures" / "labels.yaml") as cassette:
        names = [label.name for label in port._repo("octokit-fixture-org/labels").get_labels()]
        port.ensure_label("octokit-fixture-org/labels", "test-label", "663399", "")
    assert "bug" in names
    assert cassette.play_count == 2
    assert json.loads(cassette.requests[1].body)["name"] == "test-label"


def test_validation_error_422_is_a_non_retryable_github_error(cassettes):
    port = cassette_port()
    with replay(cassettes / "octokit-fixtures" / "errors.yaml"):
        with pytest.raises(GitHubError) as raised:
            port.ensure_label("octokit-fixture-org/errors", "foo", "invalid", "")
    assert raised.value.status == 422 and not raised.value.retryable
    assert "Validation Failed" in str(raised.value) and "invalid" in str(raised.value)


def test_folder_listing_and_raw_contents_fetch(cassettes):
    port = cassette_port()
    repo = port._repo("octokit-fixture-org/hello-world")
    with replay(cassettes / "octokit-fixtures" / "get-content.yaml") as cassette:
        listing = port.list_folder("octokit-fixture-org/hello-world", "")
        status, _headers, body = repo.requester.requestJson(
            "GET", f"{repo.url}/contents/README.md", headers={"Accept": "application/vnd.github.v3.raw"})
    assert listing == {"README.md": "file"}
    assert status == 200 and body.startswith("# hello-world")
    assert cassette.all_played


def test_pagination_follows_link_headers_with_our_retry_policy(cassettes):
    calls = Calls()
    port = cassette_port(calls, per_page=3)
    with replay(cassettes / "octokit-fixtures" / "paginate-issues.yaml") as cassette:
        numbers = [i.number for i in port._repo("octokit-fixture-org/paginate-issues").get_issues()]
    assert numbers == list(range(13, 0, -1))
    assert cassette.all_played  # five pages, the later ones through /repositories/1000/...
    assert calls.requests == [("GET", 200)] * 5
