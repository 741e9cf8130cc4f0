"""``sieve fetch``: a repository's PRs exported, over HTTP from the fake GitHub, as the bundles
``sieve score`` / ``report`` / ``eval --data`` read, each as the App would have read it."""

from __future__ import annotations

import json
import os
import threading

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.fakegithub import FakeGitHub
from bot.github import GitHubClients, PyGithubPort
from bot.loaders.github_json import snapshot_from_bundle

REPO = "octo-org/widgets"
TEMPLATE = "## What this PR does\n\n## How it was tested\n"


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        server.add_repo(REPO)
        server.set_file(REPO, ".github/pull_request_template.md", TEMPLATE)
        for number in (3, 4, 5):
            server.add_pull(REPO, number, {"title": f"Fix bug {number}", "body": f"## What this PR does\n\nFixes {number}.",
                                           "user": f"dev{number}", "state": "closed" if number == 3 else "open"},
                            files=[{"filename": f"src/m{number}.go", "additions": number, "patch": "@@ -1 +1 @@\n-a\n+b"}],
                            commits=[f"Fix bug {number}\n\nDetails."])
        yield server


def fetch(fake, *args, token: str | None = "", env: dict | None = None):
    env = {"SIEVE_GITHUB_API_URL": fake.base_url, "GITHUB_TOKEN": fake.issue_token() if token == "" else token,
           "GH_TOKEN": None} | (env or {})
    return CliRunner().invoke(build_app(), ["fetch", *args], env=env)


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_newest_open_prs_are_written_as_the_app_reads_them(fake, tmp_path):
    out = tmp_path / "prs.jsonl"
    result = fetch(fake, REPO, "--out", str(out))
    assert result.exit_code == 0, result.output
    bundles = lines(out)
    assert [b["pull"]["number"] for b in bundles] == [5, 4]  # open only, newest first
    assert all(b["pr_template"] == TEMPLATE for b in bundles)
    app_port = PyGithubPort(GitHubClients(fake.app_id, fake.app_private_key,
                                          settings=_settings(fake)), fake.installation_id)
    for bundle in bundles:
        expected = app_port.get_snapshot(REPO, bundle["pull"]["number"]).with_changes(pr_template=TEMPLATE)
        assert snapshot_from_bundle(bundle) == expected
    assert f"wrote 2 of 2 PRs of {REPO} to {out}" in result.stderr
    # the template's folders are listed once for the run, not once per PR
    assert len(fake.calls("GET", r"/contents/\.github$")) == 1


def _settings(fake):
    from bot.github import ClientSettings
    return ClientSettings(base_url=fake.base_url)


def test_the_export_is_what_score_and_report_read(fake, tmp_path):
    out = tmp_path / "prs.jsonl"
    assert fetch(fake, REPO, "--state", "all", "--out", str(out)).exit_code == 0
    scored = CliRunner().invoke(build_app(), ["score", str(out), "--json"])
    assert scored.exit_code in (0, 1, 2), scored.output
    results = [json.loads(line) for line in scored.stdout.splitlines()]
    assert len(results) == 3 and all(0 <= r["score"] <= 100 for r in results)
    report = CliRunner().invoke(build_app(), ["report", str(out)])
    assert report.exit_code == 0, report.output
    assert f"https://github.com/{REPO}/pull/3" in report.stdout


def test_numbers_pick_prs_and_one_missing_pr_loses_nothing_else(fake, tmp_path):
    out = tmp_path / "prs.jsonl"
    result = fetch(fake, REPO, "3", "99", "5", "--out", str(out), "--no-template")
    assert result.exit_code == 3
    partial = tmp_path / "prs.jsonl.partial"  # not every PR was read: FILE is not written
    assert [b["pull"]["number"] for b in lines(partial)] == [3, 5]
    assert all("pr_template" not in b for b in lines(partial))
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and f"{REPO}#99 not written" in errors[0] and "404" in errors[0]
    assert f"wrote 2 of 3 PRs of {REPO} to {partial}; {out} was not created" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prs.jsonl.partial"]


def test_a_missing_pr_leaves_the_earlier_export_as_it_was(fake, tmp_path):
    """A PR that cannot be read (a wrong number: 404) was a failure of its own, not a stop, and the
    run moved what it had read over FILE: 0 of 1 PRs read emptied the earlier export."""
    out = tmp_path / "prs.jsonl"
    out.write_text("earlier export\n")
    result = fetch(fake, REPO, "99", "--out", str(out), "--no-template")
    assert result.exit_code == 3
    assert out.read_text() == "earlier export\n"
    assert f"wrote 0 of 1 PRs of {REPO}; {out} was left as it was" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prs.jsonl"]  # nothing read: no .partial


def test_some_prs_missing_keep_the_earlier_export_and_the_rest_in_partial(fake, tmp_path):
    out = tmp_path / "prs.jsonl"
    out.write_text("earlier export\n")
    result = fetch(fake, REPO, "4", "99", "--out", str(out), "--no-template")
    assert result.exit_code == 3
    assert out.read_text() == "earlier export\n"
    partial = tmp_path / "prs.jsonl.partial"
    assert [b["pull"]["number"] for b in lines(partial)] == [4]
    assert f"wrote 1 of 2 PRs of {REPO} to {partial}; {out} was left as it was" in result.stderr


def test_no_connection_leaves_the_earlier_export_as_it_was(tmp_path, monkeypatch):
    """A transport failure (connection refused: no HTTP status) is per PR, as a 404 is."""
    from bot.github.export import PullExporter
    from bot.ports import GitHubError

    class Unreachable:
        def bundle(self, repo, number):
            raise GitHubError(f"fetch {repo}#{number}: request failed to connect or read (ConnectionError)",
                              status=None, retryable=True)

    monkeypatch.setattr(PullExporter, "for_token", classmethod(lambda cls, token, **settings: Unreachable()))
    out = tmp_path / "prs.jsonl"
    out.write_text("earlier export\n")
    result = CliRunner().invoke(build_app(), ["fetch", REPO, "1", "2", "--out", str(out), "--no-template"],
                                env={"GITHUB_TOKEN": "t", "GH_TOKEN": None})
    assert result.exit_code == 3, result.output
    assert out.read_text() == "earlier export\n"
    assert f"wrote 0 of 2 PRs of {REPO}; {out} was left as it was" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prs.jsonl"]


def test_bad_credentials_stop_the_run_with_one_clear_line(fake, tmp_path):
    out = tmp_path / "prs.jsonl"
    result = fetch(fake, REPO, "4", "5", "--out", str(out), token="not-a-token")
    assert result.exit_code == 3
    assert not out.exists() and list(tmp_path.iterdir()) == []  # no empty export, no leftover
    assert "401" in result.stderr and "stopped after 0 PRs" in result.stderr
    assert f"wrote 0 of 2 PRs of {REPO}; {out} was not created" in result.stderr
    assert len(fake.calls("GET", r"/pulls/5")) == 0  # no request after the first refusal


def test_a_run_that_stops_leaves_the_earlier_export_as_it_was(fake, tmp_path):
    """Re-running with an expired token opened FILE for writing before the first PR was read, and
    the run stopped with the file empty: the earlier export was lost."""
    out = tmp_path / "prs.jsonl"
    assert fetch(fake, REPO, "4", "5", "--out", str(out)).exit_code == 0
    before = out.read_bytes()
    result = fetch(fake, REPO, "4", "5", "--out", str(out), token="not-a-token")
    assert result.exit_code == 3 and out.read_bytes() == before
    assert f"; {out} was left as it was" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prs.jsonl"]


def test_the_prs_read_before_a_stop_are_kept_beside_the_earlier_export(fake, tmp_path):
    out = tmp_path / "prs.jsonl"
    out.write_text("earlier export\n")
    fake.inject_primary_rate_limit("GET", r"/pulls/5$", reset_in=3600)
    result = fetch(fake, REPO, "4", "5", "3", "--out", str(out), "--no-template")
    assert result.exit_code == 3, result.output
    assert out.read_text() == "earlier export\n"
    partial = tmp_path / "prs.jsonl.partial"
    assert [b["pull"]["number"] for b in lines(partial)] == [4]
    assert f"wrote 1 of 3 PRs of {REPO} to {partial}; {out} was left as it was" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prs.jsonl", "prs.jsonl.partial"]


def test_a_complete_run_replaces_the_earlier_export_and_keeps_its_permissions(fake, tmp_path):
    out = tmp_path / "prs.jsonl"
    out.write_text("earlier export\n")
    out.chmod(0o640)
    assert fetch(fake, REPO, "5", "--out", str(out), "--no-template").exit_code == 0
    assert [b["pull"]["number"] for b in lines(out)] == [5]
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prs.jsonl"]


def test_a_directory_as_out_is_refused_before_anything_is_read(fake, tmp_path):
    result = fetch(fake, REPO, "5", "--out", str(tmp_path))
    assert result.exit_code == 3 and "is a directory" in result.stderr
    assert fake.calls("GET", r"/pulls/5") == []


def test_a_template_failure_keeps_the_pr(fake, tmp_path):
    fake.inject("GET", r"/contents/\.github$", status=403, times=None)  # the listing the template is in
    out = tmp_path / "prs.jsonl"
    result = fetch(fake, REPO, "5", "--out", str(out))
    assert [b["pull"]["number"] for b in lines(out)] == [5]
    assert "pr_template" not in lines(out)[0]
    assert "written without its PR template" in result.stderr and result.exit_code == 0


def test_without_a_token_it_says_so_and_reads_anonymously(fake, tmp_path):
    result = fetch(fake, REPO, "5", token=None)
    assert "reading anonymously" in result.stderr
    assert not any(r.headers.get("authorization") for r in fake.calls("GET", r"/pulls/5$"))


def test_a_lone_surrogate_in_a_pr_is_written_and_read_back(fake, tmp_path):
    # GitHub's JSON can carry half an emoji (a title cut inside a surrogate pair)
    fake.add_pull(REPO, 6, {"title": "Emoji \ud83d cut", "body": "x"}, files=[{"filename": "a.go", "additions": 1}])
    out = tmp_path / "prs.jsonl"
    result = fetch(fake, REPO, "6", "5", "--out", str(out), "--no-template")
    assert result.exit_code == 0, result.output
    assert [b["pull"]["title"] for b in lines(out)] == ["Emoji \ud83d cut", "Fix bug 5"]


@pytest.mark.parametrize("args, hint", [(["widgets"], "OWNER/REPO"), ([REPO, "--state", "merged"], "--state"),
                                        ([REPO, "--api-url", "notaurl"], "--api-url"),
                                        ([REPO, "--api-url", "ftp://example.org"], "--api-url")])
def test_bad_arguments_are_usage_errors(fake, args, hint):
    result = fetch(fake, *args)
    assert result.exit_code == 2 and hint in result.output


def test_a_missing_repository_is_one_error_line(fake):
    result = fetch(fake, "octo-org/nothing-here")
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines()[-1].startswith("sieve fetch: error: list_pulls octo-org/nothing-here")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_as_out_is_written_as_it_goes(fake, tmp_path):
    """``-o >(gzip > prs.jsonl.gz)`` hands over a pipe: nothing to keep, nothing to move over it."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = fetch(fake, REPO, "5", "--out", str(pipe), "--no-template")
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["pull"]["number"] for line in got[0].splitlines()] == [5]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
