"""``sieve score --git`` on a range or repository GitHub could not open a PR from: exit 3 and one
line on stderr that says why, never a traceback or git's raw ``<sha>...<sha>: no merge base``."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from tests.gitrepo import commit as _commit
from tests.gitrepo import git as _git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git executable not found")


@pytest.fixture
def repo(tmp_path):
    """main: one commit; elsewhere: an unrelated root; the repository format is set per test."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "initial", add=False)
    _git(repo, "checkout", "-q", "--orphan", "elsewhere")
    _commit(repo, "Unrelated root", add=False)
    return repo


@pytest.mark.parametrize("rev_range, format_version, message", [
    ("main..elsewhere", "0", "'main' and 'elsewhere' have no history in common: GitHub cannot compare them"),
    ("main..elsewhere", "99", "{repo}: git cannot read it: Expected git repo version <= 1, found 99"),
    ("main..main", "0", "range 'main..main' has no commits"),
])
def test_one_line_and_exit_3(repo, rev_range, format_version, message):
    _git(repo, "config", "core.repositoryformatversion", format_version)
    result = CliRunner().invoke(build_app(), ["score", "--git", rev_range, "--repo", str(repo)])
    assert result.exit_code == 3
    assert result.stderr == f"sieve score: {message.format(repo=repo)}\n"
