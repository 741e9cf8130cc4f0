"""``sieve score --git`` reads a branch as GitHub would give it to the App, whatever the
environment: a patch cut to its first part says so (GitHub gives a whole patch or none, and the
signals read a cut one as a part, never as the whole change), the user's global attributes file
does not hide lines GitHub counts, and a git hook's ``GIT_DIR`` does not replace ``--repo``."""

import pytest

from bot.loaders import git_range
from bot.loaders.git_range import snapshot_from_git
from bot.signals import run_signals
from tests.gitrepo import commit as _commit
from tests.gitrepo import branch_repo as _repo

pytestmark = pytest.mark.usefixtures("requires_git")


def _fired(snapshot) -> set[str]:
    return {hit.name for hit in run_signals(snapshot) if hit.value > 0}


def test_a_real_change_after_the_cut_is_not_read_as_a_layout_only_change(tmp_path, monkeypatch):
    monkeypatch.setattr(git_range, "MAX_PATCH_CHARS", 2000)
    lines = [f"func step{i}() {{ run({i}) }}\n" for i in range(200)]
    repo = _repo(tmp_path, {"calc.go": "".join(lines)})
    edited = ["  " + line if i < 120 else line for i, line in enumerate(lines)]  # re-indented first
    edited[190] = "func step190() { runWithRetry(190, 3) }\n"  # then a real change, past the cut
    (repo / "calc.go").write_text("".join(edited))
    _commit(repo, "Retry step 190")
    snap = snapshot_from_git(repo, "main..topic")
    change = snap.files[0]
    assert change.patch_truncated and len(change.patch) == 2000 and "runWithRetry" not in change.patch
    assert "whitespace_or_format_only" not in _fired(snap)


def test_a_patch_within_the_limit_is_whole(tmp_path):
    repo = _repo(tmp_path, {"a.txt": "one\n"})
    (repo / "a.txt").write_text("two\n")
    _commit(repo, "Edit")
    change = snapshot_from_git(repo, "main..topic").files[0]
    assert change.patch == "@@ -1 +1 @@\n-one\n+two" and not change.patch_truncated


def test_a_global_attributes_file_does_not_hide_lines(tmp_path, monkeypatch):
    attributes = tmp_path / "attributes"
    attributes.write_text("*.json -diff\n")
    config = tmp_path / "gitconfig"
    config.write_text(f"[core]\n\tattributesFile = {attributes}\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    repo = _repo(tmp_path, {"package-lock.json": "{}\n"})
    (repo / "package-lock.json").write_text('{\n  "a": 1\n}\n')
    _commit(repo, "Lock")
    change = snapshot_from_git(repo, "main..topic").files[0]
    assert (change.additions, change.deletions) == (3, 1) and change.patch.startswith("@@ ")


def test_a_hooks_git_dir_does_not_replace_the_repository_named(tmp_path, monkeypatch):
    other = _repo(tmp_path, {"other.txt": "x\n"}, name="other")
    repo = _repo(tmp_path, {"a.txt": "one\n"})
    (repo / "a.txt").write_text("two\n")
    _commit(repo, "Edit")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    assert [f.path for f in snapshot_from_git(repo, "main..topic").files] == ["a.txt"]
