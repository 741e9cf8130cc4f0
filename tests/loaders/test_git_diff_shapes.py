"""``sieve score --git``: the files of a range as GitHub's ``pulls/{n}/files`` lists them, for the
shapes of change a real branch has (no final newline, a file turned into a symlink, submodules)."""

import os
import subprocess

import pytest

from bot.loaders.git_range import snapshot_from_git

pytestmark = pytest.mark.usefixtures("requires_git")


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _commit(repo, message):
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=Ada", "-c", "user.email=ada@example.org", "-c", "commit.gpgsign=false",
         "commit", "-q", "--allow-empty", "-m", message)


def _repo(tmp_path, files: dict[str, str], name="repo"):
    repo = tmp_path / name
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    for path, text in files.items():
        (repo / path).write_text(text)
    _commit(repo, "initial")
    _git(repo, "checkout", "-q", "-b", "topic")
    return repo


def _patches(repo, rev_range="main..topic"):
    return {f.path: f.patch for f in snapshot_from_git(repo, rev_range).files}


def test_a_file_without_a_final_newline_keeps_only_its_own_hunks(tmp_path):
    """git ends such a hunk with ``\\ No newline at end of file``; the next file's diff is not part of it."""
    repo = _repo(tmp_path, {"a.txt": "one", "b.txt": "1\n"})
    (repo / "a.txt").write_text("two")
    (repo / "b.txt").write_text("2\n")
    _commit(repo, "Edit both")
    assert _patches(repo) == {
        "a.txt": "@@ -1 +1 @@\n-one\n\\ No newline at end of file\n+two\n\\ No newline at end of file",
        "b.txt": "@@ -1 +1 @@\n-1\n+2"}


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_a_file_turned_into_a_symlink_does_not_shift_the_next_patches(tmp_path):
    """git prints a type change as two diffs (the file removed, the link added): one entry, one patch."""
    repo = _repo(tmp_path, {"a": "text\n", "b.txt": "1\n", "c.txt": "1\n"})
    (repo / "a").unlink()
    (repo / "a").symlink_to("b.txt")
    (repo / "b.txt").write_text("2\n")
    (repo / "c.txt").write_text("2\n")
    _commit(repo, "Link a to b")
    snap = snapshot_from_git(repo, "main..topic")
    assert [(f.path, f.status, f.additions, f.deletions) for f in snap.files] == [
        ("a", "changed", 1, 1), ("b.txt", "modified", 1, 1), ("c.txt", "modified", 1, 1)]
    patches = {f.path: f.patch for f in snap.files}
    assert patches["b.txt"] == "@@ -1 +1 @@\n-1\n+2" and patches["c.txt"] == "@@ -1 +1 @@\n-1\n+2"
    assert patches["a"] == "@@ -1 +0,0 @@\n-text\n@@ -0,0 +1 @@\n+b.txt\n\\ No newline at end of file"
