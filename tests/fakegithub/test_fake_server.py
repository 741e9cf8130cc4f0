"""Behaviour of the fake GitHub over real HTTP: auth, pagination, state, faults, logging, threads."""

from __future__ import annotations

import base64
import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import jwt
import pytest
import requests

from bot.fakegithub import FakeGitHub

REPO = "octo/repo"


def _app_jwt(fake, *, iss=None, exp_in=300, key=None) -> dict:
    now = int(time.time())
    token = jwt.encode({"iat": now - 60, "exp": now + exp_in, "iss": str(iss or fake.app_id)},
                       key or fake.app_private_key, algorithm="RS256")
    return {"Authorization": f"Bearer {token}"}


def _url(fake, path: str) -> str:
    return fake.base_url + path


def test_token_exchange_and_bad_credentials(fake):
    fake.add_issue(REPO, 1)
    created = requests.post(_url(fake, "/app/installations/1/access_tokens"), headers=_app_jwt(fake))
    assert created.status_code == 201
    token = created.json()["token"]
    assert requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels"),
                        headers={"Authorization": f"token {token}"}).status_code == 200
    assert requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels")).status_code == 401
    assert requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels"),
                        headers={"Authorization": "token nope"}).json()["message"] == "Bad credentials"


def test_token_expires_at_is_an_hour_ahead(fake):
    body = requests.post(_url(fake, "/app/installations/1/access_tokens"), headers=_app_jwt(fake)).json()
    expires = time.mktime(time.strptime(body["expires_at"], "%Y-%m-%dT%H:%M:%SZ")) - time.timezone
    assert 3500 < expires - time.time() <= 3600


@pytest.mark.parametrize("problem", ["wrong app", "expired", "too long", "not a jwt"])
def test_app_endpoints_refuse_bad_jwts(fake, problem):
    headers = {"wrong app": lambda: _app_jwt(fake, iss=99), "expired": lambda: _app_jwt(fake, exp_in=-5),
               "too long": lambda: _app_jwt(fake, exp_in=3600),
               "not a jwt": lambda: {"Authorization": f"token {fake.issue_token()}"}}[problem]()
    answer = requests.get(_url(fake, "/app"), headers=headers)
    assert answer.status_code == 401


def test_unknown_installation_is_404(fake):
    answer = requests.post(_url(fake, "/app/installations/77/access_tokens"), headers=_app_jwt(fake))
    assert answer.status_code == 404


def test_list_files_pages_with_link_headers_on_own_base_url(fake, auth):
    fake.add_pull(REPO, 3, {"title": "t"}, files=[{"filename": f"f{i}"} for i in range(75)])
    first = requests.get(_url(fake, f"/repos/{REPO}/pulls/3/files?per_page=30"), headers=auth)
    links = dict((rel, url) for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', first.headers["link"]))
    assert links["next"].startswith(fake.base_url) and "page=2" in links["next"]
    assert "page=3" in links["last"]
    last = requests.get(links["last"], headers=auth)
    assert [f["filename"] for f in last.json()] == [f"f{i}" for i in range(60, 75)]
    assert 'rel="prev"' in last.headers["link"] and 'rel="next"' not in last.headers["link"]


def test_pull_body_counts_and_urls(fake, auth):
    fake.add_pull(REPO, 4, {"title": "t", "draft": True, "mergeable_state": "dirty"},
                  files=[{"filename": "a", "additions": 5, "deletions": 2}], commits=["x", "y"])
    body = requests.get(_url(fake, f"/repos/{REPO}/pulls/4"), headers=auth).json()
    assert (body["additions"], body["deletions"], body["changed_files"], body["commits"]) == (5, 2, 1, 2)
    assert body["draft"] is True and body["mergeable_state"] == "dirty"  # override kept
    assert body["url"] == f"{fake.base_url}/repos/{REPO}/pulls/4"
    assert "api.github.com" not in str(body)


def test_issue_labels_semantics(fake, auth):
    fake.add_issue(REPO, 5)
    base = _url(fake, f"/repos/{REPO}/issues/5/labels")
    assert [l["name"] for l in requests.post(base, json={"labels": ["a", "b"]}, headers=auth).json()] == ["a", "b"]
    assert [l["name"] for l in requests.post(base, json=["B", "c"], headers=auth).json()] == ["a", "b", "c"]
    assert requests.delete(f"{base}/zzz", headers=auth).status_code == 404
    assert [l["name"] for l in requests.delete(f"{base}/a", headers=auth).json()] == ["b", "c"]
    assert fake.issue_labels(REPO, 5) == ["b", "c"]
    assert set(fake.repo_labels(REPO)) == {"a", "b", "c"}  # adding creates repository labels


def test_repo_label_validation(fake, auth):
    fake.add_repo(REPO)
    base = _url(fake, f"/repos/{REPO}/labels")
    assert requests.post(base, json={"name": "x", "color": "zzzzzz"}, headers=auth).json()["errors"][0]["code"] == "invalid"
    assert requests.post(base, json={"name": "x", "color": "00ff00"}, headers=auth).status_code == 201
    duplicate = requests.post(base, json={"name": "X", "color": "00ff00"}, headers=auth)
    assert duplicate.status_code == 422 and duplicate.json()["errors"][0]["code"] == "already_exists"


def test_comments_lifecycle_and_authors(fake, auth):
    fake.add_issue(REPO, 6)
    seeded = fake.add_comment(REPO, 6, "first!", "dave")
    mine = requests.post(_url(fake, f"/repos/{REPO}/issues/6/comments"), json={"body": "bot"}, headers=auth).json()
    assert mine["user"]["login"] == "pr-sieve[bot]" and mine["user"]["type"] == "Bot"
    requests.patch(_url(fake, f"/repos/{REPO}/issues/comments/{mine['id']}"), json={"body": "edited"}, headers=auth)
    assert fake.comments(REPO, 6) == [{"id": seeded, "body": "first!", "login": "dave"},
                                      {"id": mine["id"], "body": "edited", "login": "pr-sieve[bot]"}]
    assert requests.post(_url(fake, f"/repos/{REPO}/issues/6/comments"), json={}, headers=auth).status_code == 422
    assert requests.post(_url(fake, f"/repos/{REPO}/issues/99/comments"), json={"body": "x"}, headers=auth).status_code == 404


def test_check_runs_listed_by_ref_and_name(fake, auth):
    fake.add_repo(REPO)
    base = _url(fake, f"/repos/{REPO}")
    for name in ("PR Sieve", "lint"):
        requests.post(f"{base}/check-runs", json={"name": name, "head_sha": "s1"}, headers=auth)
    listed = requests.get(f"{base}/commits/s1/check-runs", params={"check_name": "PR Sieve"}, headers=auth).json()
    assert listed["total_count"] == 1 and listed["check_runs"][0]["name"] == "PR Sieve"
    assert requests.get(f"{base}/commits/other/check-runs", headers=auth).json()["total_count"] == 0
    incomplete = requests.post(f"{base}/check-runs", json={"name": "x", "head_sha": "s1", "status": "completed"}, headers=auth)
    assert incomplete.status_code == 422


def test_contents_json_raw_ref_and_404(fake, auth):
    fake.set_file(REPO, "docs/a b.md", "héllo\n")
    fake.set_file(REPO, "docs/a b.md", "branch\n", ref="dev")
    body = requests.get(_url(fake, f"/repos/{REPO}/contents/docs/a%20b.md"), headers=auth).json()
    assert base64.b64decode(body["content"]).decode() == "héllo\n" and body["encoding"] == "base64"
    raw = requests.get(_url(fake, f"/repos/{REPO}/contents/docs/a%20b.md?ref=dev"),
                       headers=auth | {"Accept": "application/vnd.github.raw"})
    assert raw.text == "branch\n"
    assert requests.get(_url(fake, f"/repos/{REPO}/contents/nope.md"), headers=auth).status_code == 404
    fake.set_file(REPO, "docs/a b.md", None)
    assert requests.get(_url(fake, f"/repos/{REPO}/contents/docs/a%20b.md"), headers=auth).status_code == 404


def test_permission_defaults_depend_on_visibility(fake, auth):
    fake.add_repo("octo/public")
    fake.add_repo("octo/private", private=True)
    get = lambda repo: requests.get(_url(fake, f"/repos/{repo}/collaborators/x/permission"), headers=auth).json()
    assert get("octo/public")["permission"] == "read"
    assert get("octo/private")["permission"] == "none"
    fake.set_permission("octo/private", "X", "triage")
    assert (get("octo/private")["permission"], get("octo/private")["role_name"]) == ("read", "triage")
    with pytest.raises(ValueError):
        fake.set_permission("octo/private", "x", "owner")


def test_rate_limit_headers_count_down_per_identity(fake, auth):
    fake.add_issue(REPO, 1)
    seen = [requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels"), headers=auth).headers for _ in range(3)]
    assert [h["x-ratelimit-remaining"] for h in seen] == ["4999", "4998", "4997"]
    assert all(h["x-ratelimit-resource"] == "core" and int(h["x-ratelimit-reset"]) > time.time() for h in seen)


def test_exhausted_rate_limit_answers_403():
    with FakeGitHub(rate_limit=2) as fake:
        fake.add_issue(REPO, 1)
        auth = fake.auth_headers()
        statuses = [requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels"), headers=auth) for _ in range(3)]
    assert [r.status_code for r in statuses] == [200, 200, 403]
    assert "rate limit exceeded" in statuses[2].json()["message"]


def test_faults_are_used_up_then_normal_service(fake, auth):
    fake.add_issue(REPO, 1)
    fake.inject("GET", r"/labels$", status=502, times=2, headers={"X-Trace": "1"})
    statuses = [requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels"), headers=auth) for _ in range(3)]
    assert [r.status_code for r in statuses] == [502, 502, 200]
    assert statuses[0].headers["x-trace"] == "1"


def test_rate_limit_presets_carry_github_headers(fake, auth):
    fake.add_issue(REPO, 1)
    fake.inject_secondary_rate_limit("*", "labels", retry_after=7)
    fake.inject_primary_rate_limit("*", "labels", reset_in=100)
    url = _url(fake, f"/repos/{REPO}/issues/1/labels")
    secondary, primary = requests.get(url, headers=auth), requests.get(url, headers=auth)
    assert secondary.status_code == 403 and secondary.headers["retry-after"] == "7"
    assert "secondary rate limit" in secondary.json()["message"]
    assert primary.headers["x-ratelimit-remaining"] == "0"
    assert 95 <= int(primary.headers["x-ratelimit-reset"]) - time.time() <= 101


def test_connection_reset_fault(fake, auth):
    fake.add_issue(REPO, 1)
    fake.inject("*", "labels", reset=True)
    with pytest.raises(requests.ConnectionError):
        requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels"), headers=auth)
    assert fake.requests[-1].status == 0


def test_request_log_keeps_bodies_and_masks_credentials(fake, auth):
    fake.add_issue(REPO, 1)
    requests.post(_url(fake, f"/repos/{REPO}/issues/1/labels?x=1"), json={"labels": ["a"]}, headers=auth)
    record = fake.calls("POST", "labels")[0]
    assert (record.path, record.query, record.json, record.status) == (
        f"/repos/{REPO}/issues/1/labels", {"x": "1"}, {"labels": ["a"]}, 200)
    assert record.headers["authorization"] == "token ***"
    assert requests.post(_url(fake, f"/repos/{REPO}/issues/1/labels"), data="{oops", headers=auth).status_code == 400


def test_concurrent_writes_are_all_kept(fake, auth):
    fake.add_issue(REPO, 1)
    url = _url(fake, f"/repos/{REPO}/issues/1/comments")
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda i: requests.post(url, json={"body": f"c{i}"}, headers=auth).status_code,
                                 range(40)))
    assert statuses == [201] * 40
    assert sorted(c["body"] for c in fake.comments(REPO, 1)) == sorted(f"c{i}" for i in range(40))
    assert len({c["id"] for c in fake.comments(REPO, 1)}) == 40


def test_strict_auth_off_accepts_anonymous_calls():
    with FakeGitHub(strict_auth=False) as fake:
        fake.add_issue(REPO, 1)
        assert requests.get(_url(fake, f"/repos/{REPO}/issues/1/labels")).status_code == 200


def test_stop_releases_the_port():
    fake = FakeGitHub().start()
    port = int(fake.base_url.rsplit(":", 1)[1])
    fake.stop()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_bad_seeds_are_refused_with_a_clear_error(fake):
    with pytest.raises(ValueError, match=r"files\[1\]"):
        fake.add_pull(REPO, 1, {}, files=[{"filename": "ok"}, {"additions": 1}])
    with pytest.raises(ValueError, match="owner/name"):
        fake.add_repo("no-slash")


def test_list_pulls_by_state(fake, auth):
    for number, state in ((1, "open"), (2, "closed"), (3, "open")):
        fake.add_pull(REPO, number, {"title": f"t{number}", "state": state})
    listed = lambda q: [p["number"] for p in requests.get(_url(fake, f"/repos/{REPO}/pulls{q}"), headers=auth).json()]
    assert listed("") == [3, 1] and listed("?state=closed") == [2] and listed("?state=all") == [3, 2, 1]


def test_secondary_write_limit_per_minute():
    with FakeGitHub(writes_per_minute=2) as fake:
        fake.add_issue(REPO, 1)
        auth = fake.auth_headers()
        url = _url(fake, f"/repos/{REPO}/issues/1/comments")
        answers = [requests.post(url, json={"body": "x"}, headers=auth) for _ in range(3)]
        assert requests.get(url, headers=auth).status_code == 200  # reads are not limited
    assert [a.status_code for a in answers] == [201, 201, 403]
    assert 1 <= int(answers[2].headers["retry-after"]) <= 61
