"""``sieve score --git``: the files of a range as GitHub's ``pulls/{n}/files`` lists them, for the
shapes of change a real branch has (no final newline, a file turned into a symlink, submodules)."""

import os

import pytest

from bot.loaders.git_range import snapshot_from_git
from tests.gitrepo import commit as _commit
from tests.gitrepo import branch_repo as _repo
from tests.gitrepo import git as _git

pytestmark = pytest.mark.usefixtures("requires_git")


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


@pytest.mark.parametrize("ignore", ["config", "gitmodules"])
def test_a_submodule_bump_is_listed_whatever_the_ignore_setting(tmp_path, ignore):
    """``diff.ignoreSubmodules=all`` (user config) or ``ignore = all`` in ``.gitmodules`` hide a
    submodule bump from ``git diff``; GitHub lists it."""
    lib = _repo(tmp_path, {"s.txt": "s\n"}, name="lib")
    repo = _repo(tmp_path, {"main.py": "x = 1\n"})
    _git(repo, "checkout", "-q", "main")
    _git(repo, "-c", "protocol.file.allow=always", "submodule", "-q", "add", str(lib), "lib")
    if ignore == "gitmodules":
        _git(repo, "config", "-f", ".gitmodules", "submodule.lib.ignore", "all")
    _commit(repo, "Add lib")
    _git(repo, "checkout", "-q", "topic")
    _git(repo, "merge", "-q", "main")
    (repo / "lib" / "s.txt").write_text("s\nt\n")
    _commit(repo / "lib", "lib change")
    _commit(repo, "Bump lib")
    if ignore == "config":
        _git(repo, "config", "diff.ignoreSubmodules", "all")
    snap = snapshot_from_git(repo, "topic~1..topic")
    assert [(f.path, f.additions, f.deletions) for f in snap.files] == [("lib", 1, 1)]
    assert snap.files[0].patch.startswith("@@ -1 +1 @@\n-Subproject commit ")


def test_the_environment_does_not_change_the_hunks(repo_with_edit, monkeypatch):
    """``GIT_DIFF_OPTS=--unified=0`` would drop the 3 lines of context GitHub's patch has."""
    monkeypatch.setenv("GIT_DIFF_OPTS", "--unified=0")
    assert _patches(repo_with_edit) == {"a.txt": "@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7"}


@pytest.fixture
def repo_with_edit(tmp_path):
    repo = _repo(tmp_path, {"a.txt": "".join(f"{i}\n" for i in range(1, 8))})
    (repo / "a.txt").write_text("1\n2\n3\nfour\n5\n6\n7\n")
    _commit(repo, "Spell four")
    return repo


def test_the_users_rename_limit_and_order_file_do_not_change_the_files(tmp_path):
    """``diff.renameLimit=1`` hides an edited rename (two added and two removed files instead);
    ``diff.orderFile`` changes which files are kept at ``MAX_FILES``: GitHub lists them by path."""
    text = "".join(f"line {i}\n" for i in range(20))
    repo = _repo(tmp_path, {"a.txt": text, "b.txt": text.upper()})
    _git(repo, "mv", "a.txt", "c.txt")
    _git(repo, "mv", "b.txt", "d.txt")
    (repo / "c.txt").write_text(text + "more\n")
    (repo / "d.txt").write_text(text.upper() + "MORE\n")
    _commit(repo, "Move both")
    (tmp_path / "order").write_text("d.txt\n")
    _git(repo, "config", "diff.renameLimit", "1")
    _git(repo, "config", "diff.orderFile", str(tmp_path / "order"))
    snap = snapshot_from_git(repo, "main..topic")
    assert [(f.path, f.status, f.additions, f.deletions) for f in snap.files] == [
        ("c.txt", "renamed", 1, 0), ("d.txt", "renamed", 1, 0)]


def test_a_rename_or_copy_names_its_old_path_as_github_does(tmp_path):
    """GitHub's ``previous_filename``: the old path of a renamed (or copied) file, and nothing for others."""
    text = "".join(f"line {i}\n" for i in range(20))
    repo = _repo(tmp_path, {"old name.txt": text, "kept.txt": "1\n"})
    _git(repo, "mv", "old name.txt", "new name.txt")
    (repo / "kept.txt").write_text("2\n")
    _commit(repo, "Rename one, edit the other")
    snap = snapshot_from_git(repo, "main..topic")
    assert [(f.path, f.status, f.previous_filename) for f in snap.files] == [
        ("kept.txt", "modified", None), ("new name.txt", "renamed", "old name.txt")]


def test_carriage_returns_stay_as_git_wrote_them(tmp_path):
    """A file with old Mac line ends (a lone \\r) or Windows ones, or a \\r in a name: git's output
    is read byte for byte, not with newline translation (which made a lone \\r a new line, so the
    whole diff failed to parse and every file lost its patch)."""
    repo = _repo(tmp_path, {"mac.txt": "a\rb\r", "win.txt": "a\r\nb\r\n", "z.txt": "z\n"})
    for name in ("mac.txt", "win.txt"):
        (repo / name).write_bytes((repo / name).read_bytes().replace(b"b", b"B"))
    (repo / "z.txt").write_text("zz\n")
    (repo / "cr\rname.txt").write_text("n\n")
    _commit(repo, "Capital B")
    assert _patches(repo) == {"cr\rname.txt": "@@ -0,0 +1 @@\n+n",
                              "mac.txt": "@@ -1 +1 @@\n-a\rb\r\n\\ No newline at end of file\n"
                                         "+a\rB\r\n\\ No newline at end of file",
                              "win.txt": "@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r",
                              "z.txt": "@@ -1 +1 @@\n-z\n+zz"}


@pytest.mark.parametrize("name", ["x b/c.txt", "notes a/b a.md", "+++ b", "diff --git a", "@@ -1 +1 @@"])
def test_a_path_that_looks_like_diff_syntax_keeps_every_patch(tmp_path, name):
    """git writes ``+++ b/x b/c.txt<TAB>`` for a name with a space; ``a/`` or ``b/`` inside a name
    made the whole diff unparseable, and every file of the range lost its patch."""
    repo = _repo(tmp_path, {"a.txt": "1\n"})
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text("new\n")
    (repo / "a.txt").write_text("2\n")
    _commit(repo, "Add a note")
    assert _patches(repo) == {name: "@@ -0,0 +1 @@\n+new", "a.txt": "@@ -1 +1 @@\n-1\n+2"}


@pytest.mark.skipif(os.name == "nt", reason="file modes")
def test_a_change_of_mode_alone_is_listed_as_github_lists_it(tmp_path):
    """``chmod +x`` (``old mode 100644`` / ``new mode 100755``, the same content): GitHub's
    ``pulls/{n}/files`` gives that file status "changed", 0 additions, 0 deletions and no patch.
    An edit with the mode change stays "modified", and the next file keeps its own patch."""
    from bot.loaders.github_json import snapshot_from_github

    repo = _repo(tmp_path, {"a.sh": "echo a\n", "b.sh": "echo b\n", "c.txt": "1\n"})
    (repo / "a.sh").chmod(0o755)
    (repo / "b.sh").chmod(0o755)
    (repo / "b.sh").write_text("echo bee\n")
    (repo / "c.txt").write_text("2\n")
    _commit(repo, "Make the scripts executable")
    snap = snapshot_from_git(repo, "main..topic")
    assert [(f.path, f.status, f.additions, f.deletions, f.patch) for f in snap.files] == [
        ("a.sh", "changed", 0, 0, None),
        ("b.sh", "modified", 1, 1, "@@ -1 +1 @@\n-echo b\n+echo bee"),
        ("c.txt", "modified", 1, 1, "@@ -1 +1 @@\n-1\n+2")]
    github_entry = {"sha": "0" * 40, "filename": "a.sh", "status": "changed", "additions": 0, "deletions": 0,
                    "changes": 0}  # no "patch" key: GitHub sends none without a hunk
    assert snap.files[0] == snapshot_from_github({"title": "t"}, [github_entry], []).files[0]
