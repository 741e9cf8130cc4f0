import subprocess

import pytest

from bot.loaders import LoadError
from bot.loaders import git_range
from bot.loaders.git_range import snapshot_from_git

pytestmark = pytest.mark.usefixtures("requires_git")


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _commit(repo, message, author="Ada Lovelace", email="ada@example.org"):
    _git(repo, "add", "-A")
    _git(repo, "-c", f"user.name={author}", "-c", f"user.email={email}",
         "-c", "commit.gpgsign=false", "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path):
    """main: a.txt, old.txt; topic: 2 commits (modify a, add b + big, rename old, add binary)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "a.txt").write_text("one\ntwo\nthree\n")
    (repo / "old.txt").write_text("".join(f"line {i}\n" for i in range(40)))
    _commit(repo, "initial")
    _git(repo, "checkout", "-q", "-b", "topic")
    (repo / "a.txt").write_text("one\n2\nthree\nfour\n")
    (repo / "b.py").write_text("print('hi')\n")
    _commit(repo, "Add b and tweak a\n\nWhy: a needed a fourth line.")
    (repo / "big.txt").write_text("".join(f"row {i:05d}\n" for i in range(2000)))
    (repo / "blob.bin").write_bytes(bytes(range(256)) * 4)
    _git(repo, "mv", "old.txt", "new.txt")
    _commit(repo, "Second step", author="Grace Hopper", email="grace@example.org")
    return repo


def test_two_commit_range(repo):
    snap = snapshot_from_git(repo, "main..topic")
    assert snap.title == "Add b and tweak a"  # oldest commit's subject
    assert snap.body == ""  # several commits: no body, like GitHub
    assert [(c.author_name, c.author_email) for c in snap.commits] == [
        ("Ada Lovelace", "ada@example.org"), ("Grace Hopper", "grace@example.org")]
    assert snap.commits[0].message == "Add b and tweak a\n\nWhy: a needed a fourth line."
    files = {f.path: f for f in snap.files}
    assert set(files) == {"a.txt", "b.py", "big.txt", "blob.bin", "new.txt"}
    assert (files["a.txt"].status, files["a.txt"].additions, files["a.txt"].deletions) == ("modified", 2, 1)
    assert (files["b.py"].status, files["b.py"].additions) == ("added", 1)
    assert files["new.txt"].status == "renamed"
    assert files["blob.bin"].patch is None and files["blob.bin"].additions == 0
    assert files["b.py"].patch.startswith("@@ ") and "+print('hi')" in files["b.py"].patch
    assert len(files["big.txt"].patch) == git_range.MAX_PATCH_CHARS
    assert (snap.files_changed, snap.additions, snap.deletions) == (5, 2 + 1 + 2000, 1)
    assert snap.head_branch == "topic" and len(snap.head_sha) == 40


def test_one_commit_range_keeps_the_body(repo):
    snap = snapshot_from_git(repo, "main..topic~1")
    assert (snap.title, snap.body) == ("Add b and tweak a", "Why: a needed a fourth line.")


def test_file_cap_keeps_the_true_total(repo, monkeypatch):
    monkeypatch.setattr(git_range, "MAX_FILES", 2)
    snap = snapshot_from_git(repo, "main...topic")
    assert len(snap.files) == 2 and snap.total_files == 5
    assert snap.notes == ("files truncated at 2",)
    assert all(f.patch is not None for f in snap.files if f.path != "blob.bin")


def test_commit_cap_says_how_many_there_were(repo, monkeypatch):
    """As GitHub lists at most 250 of a PR's commits; the note says so as a bundle's does
    ("commits listed: N of M"). Before, the rest were dropped without a word."""
    monkeypatch.setattr(git_range, "MAX_COMMITS", 1)
    snap = snapshot_from_git(repo, "main..topic")
    assert [c.author_name for c in snap.commits] == ["Ada Lovelace"]  # the oldest, as GitHub lists them
    assert snap.notes == ("commits listed: 1 of 2",)


@pytest.mark.parametrize("rev_range, message", [
    ("main..no-such-branch", "bad revision 'no-such-branch'"),
    ("topic", "expected a range like main..my-branch"),
    ("topic..main", "has no commits"),
])
def test_bad_ranges(repo, rev_range, message):
    with pytest.raises(LoadError, match=message):
        snapshot_from_git(repo, rev_range)


def test_not_a_repository(tmp_path):
    with pytest.raises(LoadError, match="is not a git repository"):
        snapshot_from_git(tmp_path, "main..topic")
    with pytest.raises(LoadError, match="is not a directory"):
        snapshot_from_git(tmp_path / "nope", "main..topic")


def test_a_draft_description_brings_the_template_of_the_base_revision(repo):
    _git(repo, "checkout", "-q", "main")
    (repo / ".github").mkdir()
    (repo / ".github" / "pull_request_template.md").write_text("## What\n\n## Testing\n")
    _commit(repo, "Add a PR template")
    _git(repo, "checkout", "-q", "topic")  # topic branched before the template: GitHub reads the base's
    snap = snapshot_from_git(repo, "main..topic", title="b.py: greet", description="  Adds b.py.\n")
    assert snap.title == "b.py: greet" and snap.body == "Adds b.py."
    assert snap.pr_template == "## What\n\n## Testing\n"
    assert ".github/pull_request_template.md" not in {f.path for f in snap.files}  # main...topic: topic's own changes
    plain = snapshot_from_git(repo, "main..topic")
    assert plain.pr_template is None and plain.title == "Add b and tweak a"  # nothing written yet: no template


def test_a_template_in_docs_is_found_as_github_finds_it(repo):
    _git(repo, "checkout", "-q", "main")
    (repo / "docs").mkdir()
    (repo / "docs" / "PULL_REQUEST_TEMPLATE.md").write_text("## Why\n")
    _commit(repo, "Add a PR template under docs/")
    _git(repo, "checkout", "-q", "topic")
    snap = snapshot_from_git(repo, "main..topic", description="Adds b.py.")
    assert snap.pr_template == "## Why\n"


def test_a_folder_of_templates_gives_the_one_the_description_follows(repo):
    _git(repo, "checkout", "-q", "main")
    folder = repo / ".github" / "PULL_REQUEST_TEMPLATE"
    folder.mkdir(parents=True)
    (folder / "bug.md").write_text("## Bug\n\n### Cause\n")
    (folder / "feature.md").write_text("## Feature\n\n### Design\n")
    _commit(repo, "Add two PR templates")
    _git(repo, "checkout", "-q", "topic")
    assert snapshot_from_git(repo, "main..topic", description="## Feature\nAdds b.py.").pr_template == \
        "## Feature\n\n### Design\n"
    assert snapshot_from_git(repo, "main..topic", description="Adds b.py.").pr_template is None


def test_a_template_file_in_another_case_or_without_extension_is_found(repo):
    _git(repo, "checkout", "-q", "main")
    (repo / "PULL_REQUEST_TEMPLATE").write_text("## Why\n")
    _commit(repo, "Add a PR template without an extension")
    _git(repo, "checkout", "-q", "topic")
    assert snapshot_from_git(repo, "main..topic", description="Adds b.py.").pr_template == "## Why\n"


def test_a_repository_without_a_template_gives_none(repo):
    snap = snapshot_from_git(repo, "main..topic", description="Adds b.py.")
    assert snap.body == "Adds b.py." and snap.pr_template is None


@pytest.mark.parametrize("setting", ["log", "diff"])
@pytest.mark.parametrize("name", ["a-lib", "z-lib"])  # before or after main.py in diff order
def test_a_submodule_bump_does_not_shift_or_drop_the_patches(tmp_path, setting, name):
    """``diff.submodule`` (log/diff, a common user setting) prints a submodule change without a
    ``diff --git`` header, or with the submodule's own file diffs: each file keeps its own patch."""
    lib = tmp_path / "lib"
    lib.mkdir()
    _git(lib, "init", "-q", "-b", "main")
    (lib / "s.txt").write_text("s\n")
    _commit(lib, "lib")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "protocol.file.allow=always", "submodule", "-q", "add", str(lib), name)
    (repo / "main.py").write_text("x = 1\n")
    _commit(repo, "initial")
    _git(repo, "checkout", "-q", "-b", "topic")
    (repo / name / "s.txt").write_text("s\nu\n")
    _commit(repo / name, "bump")
    (repo / "main.py").write_text("x = 2\n")
    _commit(repo, "Bump lib and x")
    _git(repo, "config", "diff.submodule", setting)
    snap = snapshot_from_git(repo, "main..topic")
    patches = {f.path: f.patch for f in snap.files}
    assert set(patches) == {name, "main.py"}
    assert patches["main.py"].rstrip("\n") == "@@ -1 +1 @@\n-x = 1\n+x = 2"
    assert patches[name] is None or "Subproject commit" in patches[name]


USER_SETTINGS = {"diff.context": "0", "diff.interHunkContext": "10", "diff.noprefix": "true",
                 "diff.mnemonicPrefix": "true", "diff.renames": "copies", "diff.algorithm": "histogram",
                 "diff.relative": "true", "diff.suppressBlankEmpty": "true", "color.diff": "always",
                 "color.ui": "always", "log.showSignature": "true"}


def test_the_users_git_config_does_not_change_the_snapshot(repo):
    """Read from a folder inside the work tree, as ``sieve score --git`` run from ``src/`` does."""
    (repo / "sub").mkdir()
    plain = snapshot_from_git(repo / "sub", "main..topic")
    for key, value in USER_SETTINGS.items():
        _git(repo, "config", key, value)
    assert snapshot_from_git(repo / "sub", "main..topic") == plain
    assert {f.path for f in plain.files} == {"a.txt", "b.py", "big.txt", "blob.bin", "new.txt"}


def test_no_patch_ends_with_a_newline_the_last_files_neither(repo):
    patches = [f.patch for f in snapshot_from_git(repo, "main..topic~1").files]  # a.txt, b.py: b.py is last
    assert patches == ["@@ -1,3 +1,4 @@\n one\n-two\n+2\n three\n+four", "@@ -0,0 +1 @@\n+print('hi')"]
