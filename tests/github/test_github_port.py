"""Every GitHubPort method of PyGithubPort, against the fake GitHub server over real HTTP."""

from __future__ import annotations

import pytest

from bot.fakegithub import FakeGitHub
from bot.github import PyGithubPort, make_github_factory
from bot.ports import CheckRunOutput, FileTooLarge, GitHubError, GitHubPort

from ghport_helpers import make_clients

REPO = "octo/repo"
SHA = "c0ffee" + "0" * 34


@pytest.fixture
def pr(fake):
    fake.add_pull(REPO, 7, {"title": "Fix typo", "body": "Fixes #1", "user": "alice",
                            "author_association": "FIRST_TIME_CONTRIBUTOR", "head_sha": SHA,
                            "head_ref": "fix-typo", "labels": ["docs"]},
                  files=[{"filename": "README.md", "additions": 1, "deletions": 1,
                          "patch": "@@ -1 +1 @@\n-teh\n+the"}],
                  commits=[{"message": "Fix typo", "author_name": "Alice", "author_email": "a@x.org"}])
    return fake


def test_port_satisfies_the_protocol(port):
    assert isinstance(port, PyGithubPort)
    methods = [m for m in dir(GitHubPort) if not m.startswith("_")]
    assert all(callable(getattr(port, m)) for m in methods)


def test_snapshot_from_pull_files_and_commits(port, pr):
    snap = port.get_snapshot(REPO, 7)
    assert (snap.title, snap.body, snap.author_login) == ("Fix typo", "Fixes #1", "alice")
    assert snap.author_association == "FIRST_TIME_CONTRIBUTOR"
    assert (snap.head_sha, snap.head_branch, snap.labels) == (SHA, "fix-typo", ("docs",))
    assert [(f.path, f.additions, f.deletions) for f in snap.files] == [("README.md", 1, 1)]
    assert snap.files[0].patch.endswith("+the")
    assert [(c.message, c.author_name) for c in snap.commits] == [("Fix typo", "Alice")]


def test_a_renamed_files_old_path_reaches_the_snapshot(fake, port):
    """pulls/{n}/files names a rename's old path (``previous_filename``); the scorer needs it to
    tell "Renamed `a/load.go` to `a/loader.go`" from a description naming a file the diff misses."""
    files = [{"filename": "a/loader.go", "status": "renamed", "previous_filename": "a/load.go"},
             {"filename": "a/loader_test.go", "additions": 3}]
    fake.add_pull(REPO, 9, {"title": "Rename the loader"}, files=files, commits=["Rename the loader"])
    snap = port.get_snapshot(REPO, 9)
    assert [(f.path, f.status, f.previous_filename) for f in snap.files] == [
        ("a/loader.go", "renamed", "a/load.go"), ("a/loader_test.go", "modified", None)]


def test_snapshot_pages_through_files_and_caps_at_3000(fake, port):
    files = [{"filename": f"src/f{i}.py", "additions": 1} for i in range(3005)]
    fake.add_pull(REPO, 8, {"title": "Huge"}, files=files, commits=[f"c{i}" for i in range(260)])
    fake.clear_log()
    snap = port.get_snapshot(REPO, 8)
    assert len(snap.files) == 3000 and snap.files[-1].path == "src/f2999.py"
    assert len(snap.commits) == 250
    assert snap.total_files == 3005  # changed_files from pulls/get tells the truth
    file_pages = fake.calls("GET", r"/pulls/8/files$")
    assert len(file_pages) == 30 and file_pages[-1].query["page"] == "30"
    assert not fake.calls("GET", r"/commits/[0-9a-f]{40}$")  # no per-commit GETs


def test_missing_pull_is_a_non_retryable_404(port, fake):
    fake.add_repo(REPO)
    with pytest.raises(GitHubError) as raised:
        port.get_snapshot(REPO, 404)
    assert raised.value.status == 404 and not raised.value.retryable


def test_get_file_on_default_branch_and_ref(fake, port):
    fake.set_file(REPO, ".github/pr-sieve.yml", "threshold: 70\n")
    fake.set_file(REPO, ".github/pr-sieve.yml", "threshold: 90\n", ref="feature")
    assert port.get_file(REPO, ".github/pr-sieve.yml") == "threshold: 70\n"
    assert port.get_file(REPO, ".github/pr-sieve.yml", ref="feature") == "threshold: 90\n"
    assert port.get_file(REPO, "missing.yml") is None
    assert fake.calls("GET", "contents")[1].query == {"ref": "feature"}


def test_list_folder_names_children_and_is_none_for_a_file_or_nothing(fake, port):
    fake.set_file(REPO, ".github/PULL_REQUEST_TEMPLATE/bug.md", "## Bug\n")
    fake.set_file(REPO, ".github/sieve.yml", "shadow: true\n")
    assert port.list_folder(REPO, ".github") == {"PULL_REQUEST_TEMPLATE": "dir", "sieve.yml": "file"}
    assert port.list_folder(REPO, "") == {".github": "dir"}
    assert port.list_folder(REPO, ".github/sieve.yml") is None  # a file, not a folder
    assert port.list_folder(REPO, "docs") is None


def test_a_failed_listing_is_a_retryable_error_not_an_empty_folder(fake, port):
    fake.inject("GET", r"/contents/docs", status=502, times=None)
    with pytest.raises(GitHubError) as raised:
        port.list_folder(REPO, "docs")
    assert raised.value.retryable


def test_get_file_over_one_megabyte_raises_file_too_large(fake, port):
    fake.set_file(REPO, ".github/sieve.yml", "# " + "x" * 1_100_000 + "\n")
    with pytest.raises(FileTooLarge) as raised:
        port.get_file(REPO, ".github/sieve.yml")
    assert not raised.value.retryable


def test_labels_add_list_remove(pr, port):
    port.add_labels(REPO, 7, ["sieve/needs-effort", "ai: unclear?"])
    assert port.get_issue_labels(REPO, 7) == ["docs", "sieve/needs-effort", "ai: unclear?"]
    port.remove_label(REPO, 7, "ai: unclear?")
    port.remove_label(REPO, 7, "ai: unclear?")  # already gone: not an error
    port.remove_label(REPO, 7, "sieve/needs-effort")  # PyGithub leaves the "/" unencoded
    assert pr.issue_labels(REPO, 7) == ["docs"]
    assert [r.status for r in pr.calls("DELETE")] == [200, 404, 200]


def test_ensure_label_creates_once(fake, port):
    fake.add_repo(REPO)
    port.ensure_label(REPO, "needs-effort", "#d93f0b", "Looks low effort")
    port.ensure_label(REPO, "needs-effort", "d93f0b", "Looks low effort")  # remembered: no call
    assert fake.repo_labels(REPO)["needs-effort"] == {
        "name": "needs-effort", "color": "d93f0b", "description": "Looks low effort"}
    assert [r.status for r in fake.calls("POST", "/labels$")] == [201]
    port._clients.labels.seconds = 0  # another replica, or the memo expired: GitHub says it exists
    port.ensure_label(REPO, "needs-effort", "d93f0b", "Looks low effort")
    assert [r.status for r in fake.calls("POST", "/labels$")] == [201, 422]


def test_comments_create_list_edit(pr, port):
    human = pr.add_comment(REPO, 7, "Thanks!", "bob")
    mine = port.create_comment(REPO, 7, "<!-- pr-sieve -->\nHello")
    assert mine.author_login == port.bot_login() == "pr-sieve[bot]"
    port.edit_comment(REPO, mine.id, "<!-- pr-sieve -->\nUpdated")
    listed = port.list_comments(REPO, 7)
    assert [(c.id, c.author_login) for c in listed] == [(human, "bob"), (mine.id, "pr-sieve[bot]")]
    assert listed[1].body.endswith("Updated")
    assert not pr.calls("GET", r"/issues/comments/\d+$")  # edit is a single PATCH


def test_get_comment_is_one_get_and_a_deleted_one_is_a_404(pr, port):
    human = pr.add_comment(REPO, 7, "Thanks!", "bob")
    got = port.get_comment(REPO, human)
    assert (got.id, got.body, got.author_login) == (human, "Thanks!", "bob")
    assert len(pr.calls("GET", rf"/issues/comments/{human}$")) == 1
    with pytest.raises(GitHubError) as gone:
        port.get_comment(REPO, 999_999)
    assert gone.value.status == 404


def test_add_reaction_is_one_post_and_a_repeat_is_not_an_error(pr, port):
    asked = pr.add_comment(REPO, 7, "/sieve help", "bob")
    port.add_reaction(REPO, asked, "eyes")
    port.add_reaction(REPO, asked, "eyes")  # already there: GitHub answers 200
    assert [(r.path, r.json, r.status) for r in pr.calls("POST", "/reactions$")] == [
        (f"/repos/{REPO}/issues/comments/{asked}/reactions", {"content": "eyes"}, 201),
        (f"/repos/{REPO}/issues/comments/{asked}/reactions", {"content": "eyes"}, 200)]
    assert not pr.calls("GET", r"/issues/comments/")  # lazy: no GET of the comment first
    with pytest.raises(GitHubError) as gone:
        port.add_reaction(REPO, 999_999, "eyes")
    assert gone.value.status == 404 and not gone.value.retryable


def test_check_run_upsert_creates_then_updates_the_same_run(pr, port):
    first = port.upsert_check_run(REPO, CheckRunOutput("PR Sieve", SHA, "in_progress", None, "Scoring", "…"))
    second = port.upsert_check_run(REPO, CheckRunOutput(
        "PR Sieve", SHA, "completed", "neutral", "Score 12", "Looks fine", "details"))
    runs = pr.check_runs(REPO, SHA)
    assert first == second and len(runs) == 1
    assert (runs[0]["status"], runs[0]["conclusion"]) == ("completed", "neutral")
    assert runs[0]["output"]["text"] == "details"


def test_check_run_of_another_app_with_same_name_is_not_touched(pr, port):
    other = pr.add_check_run(REPO, SHA, "PR Sieve", status="completed", conclusion="success")
    mine = port.upsert_check_run(REPO, CheckRunOutput("PR Sieve", SHA, "completed", "neutral", "t", "s"))
    runs = {r["id"]: r for r in pr.check_runs(REPO, SHA)}
    assert mine != other and set(runs) == {mine, other}
    assert runs[other]["conclusion"] == "success" and runs[mine]["conclusion"] == "neutral"


@pytest.mark.parametrize("role, expected", [("admin", "admin"), ("maintain", "write"),
                                            ("write", "write"), ("triage", "triage"),
                                            ("read", "read"), ("none", "none")])
def test_permission_levels(fake, port, role, expected):
    fake.set_permission(REPO, "carol", role)
    assert port.get_permission(REPO, "carol") == expected


def test_a_custom_role_counts_as_its_base_permission(fake, port):
    fake.set_permission(REPO, "carol", "write")
    fake.inject("GET", r"/collaborators/carol/permission$", status=200, times=1,
                body={"permission": "write", "role_name": "security-manager", "user": {"login": "carol"}})
    assert port.get_permission(REPO, "carol") == "write"


def test_bot_login_is_fetched_once(fake, port):
    assert port.bot_login() == "pr-sieve[bot]" == port.bot_login()
    assert len(fake.calls("GET", "^/app$")) == 1


def test_installation_token_is_cached_across_ports(fake, calls, pr):
    clients = make_clients(fake, calls)
    for _ in range(3):
        PyGithubPort(clients, fake.installation_id).get_issue_labels(REPO, 7)
    assert len(fake.calls("POST", "access_tokens")) == 1
    assert all(r.headers["authorization"].startswith("token ") for r in fake.calls("GET"))


def test_token_refreshed_when_close_to_expiry(calls):
    with FakeGitHub(token_ttl=10) as fake:  # inside PyGithub's 20 s refresh margin
        fake.add_issue(REPO, 1)
        port = PyGithubPort(make_clients(fake, calls), fake.installation_id)
        port.get_issue_labels(REPO, 1)
        port.get_issue_labels(REPO, 1)
        assert len(fake.calls("POST", "access_tokens")) == 2


def test_factory_needs_an_installation(fake, pr, calls):
    factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                                  base_url=fake.base_url, on_request=calls.on_request)
    assert factory(fake.installation_id).get_issue_labels(REPO, 7) == ["docs"]
    with pytest.raises(GitHubError, match="installation"):
        factory(None)


def test_repo_of_another_installation_is_invisible(fake, port):
    fake.add_installation(2, "other-org")
    fake.add_repo("other-org/secret", installation_id=2)
    fake.add_issue("other-org/secret", 1)
    with pytest.raises(GitHubError) as raised:
        port.get_issue_labels("other-org/secret", 1)
    assert raised.value.status == 404


def test_private_key_is_not_in_repr(fake, calls):
    clients = make_clients(fake, calls)
    assert "PRIVATE" not in repr(clients) and "PRIVATE" not in repr(PyGithubPort(clients, 1).__dict__)


def test_one_port_is_safe_to_share_between_worker_threads(fake, port):
    from concurrent.futures import ThreadPoolExecutor
    for n in range(1, 9):
        fake.add_pull(REPO, n, {"title": f"PR {n}", "labels": [f"l{n}"]})
    fake.delay = 0.005  # widen the window in which requests overlap

    def labels(n: int) -> list[str]:
        return port.get_issue_labels(REPO, n)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(labels, [n for n in range(1, 9) for _ in range(5)]))
    assert results == [[f"l{n}"] for n in range(1, 9) for _ in range(5)]
    assert len(fake.calls("POST", "access_tokens")) == 1  # threads share one token


def test_factory_counts_calls_in_the_prometheus_metrics_by_default(fake, pr):
    from bot.obs.metrics import REGISTRY

    def sample(name, **labels):
        return REGISTRY.get_sample_value(name, labels) or 0.0
    before = sample("sieve_github_api_calls_total", method="GET", status="200")
    retries_before = sample("sieve_github_api_retries_total", status="502")
    pr.inject("GET", r"/issues/7/labels$", status=502)
    port = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                               base_url=fake.base_url, backoff_jitter=0.0)(fake.installation_id)
    port.get_issue_labels(REPO, 7)
    assert sample("sieve_github_api_calls_total", method="GET", status="200") == before + 1
    assert sample("sieve_github_api_retries_total", status="502") == retries_before + 1


def test_check_run_buttons_are_sent_and_an_edit_without_buttons_clears_them():
    from bot.github.port import _check_fields
    from bot.ports import CheckAction, CheckRunOutput

    button = CheckAction("Clear this flag", "As /sieve ok", "sieve-ok")
    flagged = CheckRunOutput("PR Sieve", "abc", "completed", "neutral", "t", "s", actions=(button,))
    assert _check_fields(flagged)["actions"] == [
        {"label": "Clear this flag", "description": "As /sieve ok", "identifier": "sieve-ok"}]
    plain = CheckRunOutput("PR Sieve", "abc", "completed", "neutral", "t", "s")
    assert "actions" not in _check_fields(plain) and _check_fields(plain, editing=True)["actions"] == []
