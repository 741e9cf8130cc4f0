"""``sieve score --git``: which branch a range names, and the one-line errors for ranges and
repositories GitHub could not open a pull request from."""

import os
import subprocess

import pytest

from bot.loaders import LoadError
from bot.loaders.git_range import snapshot_from_git
from tests.gitrepo import commit as _commit
from tests.gitrepo import git as _git

pytestmark = pytest.mark.usefixtures("requires_git")


@pytest.fixture
def repo(tmp_path):
    """main: two commits; claude/fix-typo: one more, checked out."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    for name in ("a", "b"):
        (repo / f"{name}.txt").write_text(f"{name}\n")
        _commit(repo, f"Add {name}")
    _git(repo, "checkout", "-q", "-b", "claude/fix-typo")
    (repo / "c.txt").write_text("c\n")
    _commit(repo, "Fix a typo")
    return repo


@pytest.mark.parametrize("rev_range", ["main..HEAD", "main..", "main...HEAD", "main..claude/fix-typo",
                                       "main..refs/heads/claude/fix-typo", "main..origin/claude/fix-typo"])
def test_the_head_branch_is_the_branch_the_range_ends_on(repo, rev_range):
    """``main..HEAD`` or ``main..`` on a branch names that branch, as the PR's head ref will;
    a remote-tracking branch names the branch on the remote."""
    _git(repo, "update-ref", "refs/remotes/origin/claude/fix-typo", "HEAD")
    assert snapshot_from_git(repo, rev_range).head_branch == "claude/fix-typo"


@pytest.mark.parametrize("head", ["HEAD", "claude/fix-typo~0", "v1"])
def test_a_revision_that_is_no_branch_names_none(repo, head):
    _git(repo, "tag", "v1")
    _git(repo, "checkout", "-q", "--detach")
    assert snapshot_from_git(repo, f"main..{head}").head_branch == ""


def test_a_branch_with_no_history_in_common_is_a_clear_error(repo):
    _git(repo, "checkout", "-q", "--orphan", "elsewhere")
    _commit(repo, "Unrelated root")
    with pytest.raises(LoadError) as caught:
        snapshot_from_git(repo, "main..elsewhere")
    assert str(caught.value) == "'main' and 'elsewhere' have no history in common: GitHub cannot compare them"


def test_a_shallow_clone_without_the_merge_base_says_to_fetch_more(repo, tmp_path):
    _git(repo, "checkout", "-q", "main")
    (repo / "d.txt").write_text("d\n")
    _commit(repo, "Main moves on")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo}", str(clone)],
                   check=True, capture_output=True)
    with pytest.raises(LoadError) as caught:
        snapshot_from_git(clone, "origin/main..origin/claude/fix-typo")
    assert str(caught.value) == ("'origin/main' and 'origin/claude/fix-typo' have no history in common in "
                                 "this shallow clone: fetch more of it (git fetch --unshallow)")


def test_a_repository_git_refuses_to_read_says_why(repo):
    """Not 'is not a git repository': git names what is wrong (here a newer repository format;
    in a container, often 'detected dubious ownership')."""
    _git(repo, "config", "core.repositoryformatversion", "99")
    with pytest.raises(LoadError) as caught:
        snapshot_from_git(repo, "main..HEAD")
    assert str(caught.value).startswith(f"{repo}: git cannot read it: Expected git repo version <= 1")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_repository_of_another_user_names_safe_directory(repo):
    for path in [repo, *repo.rglob("*")]:
        os.chown(path, 65534, -1, follow_symlinks=False)
    with pytest.raises(LoadError) as caught:
        snapshot_from_git(repo, "main..HEAD")
    message = str(caught.value)
    assert "detected dubious ownership" in message and "safe.directory" in message and "\n" not in message
