"""tiny_diff_long_body: a binary file or a move without a patch (no patch, 0/0 lines) is not a
0-line change, so a long explanation of a new logo or a moved package is not "a long
description for a tiny diff". A long description on a really tiny text diff still fires."""

from __future__ import annotations

from bot.signals.description_weight import tiny_diff_long_body
from bot.snapshot import FileChange, PRSnapshot

BODY = " ".join(["The old logo used the pre-2023 colour palette and was rendered at 1x only, "
                 "which made it blurry on high-density displays."] * 10)  # 210 words
CODE = FileChange(path="src/theme.ts", additions=1, deletions=1, patch="@@ -1 +1 @@\n-a\n+b")


def _pr(*files: FileChange, **kw) -> PRSnapshot:
    return PRSnapshot(title="Update logo", body=BODY, files=files, **kw)


def test_a_binary_change_is_not_a_zero_line_change():
    logo = FileChange(path="assets/logo.png", additions=0, deletions=0, patch=None)
    assert not tiny_diff_long_body(_pr(logo)).fired
    assert not tiny_diff_long_body(_pr(logo, CODE)).fired
    assert not tiny_diff_long_body(_pr(logo, CODE, additions=1, deletions=1)).fired  # PR-level counts


def test_a_move_without_a_patch_is_not_a_zero_line_change():
    moved = FileChange(path="internal/util/strings.go", status="renamed", additions=0, deletions=0,
                       patch=None, previous_filename="util/strings.go")
    assert not tiny_diff_long_body(_pr(moved, CODE)).fired


def test_a_long_description_for_a_tiny_text_diff_still_fires():
    hit = tiny_diff_long_body(_pr(CODE))
    assert hit.fired and "210-word description for a 2-line change" in hit.evidence
    offline = FileChange(path="src/theme.ts", additions=1, deletions=1)  # a record without patches
    assert tiny_diff_long_body(_pr(offline)).fired


# review-sigfix #5: only a file whose size is truly unknown (a binary, a move with no line changed)
# is left out of "0 lines"; an empty text file, a mode change and a record's bare paths are sized,
# and a file of unknown size counts as a tiny diff's whole size (20 lines) instead of silencing.
LONG = " ".join(["This change improves the robustness of the handler significantly."] * 60)  # 540 words


def test_an_empty_new_text_file_or_a_mode_change_is_sized():
    init = FileChange(path="pkg/__init__.py", status="added", additions=0, deletions=0, patch=None)
    chmod = FileChange(path="scripts/run.sh", status="modified", additions=0, deletions=0, patch=None)
    for extra in (init, chmod, FileChange(path="data/.gitkeep", status="added")):
        hit = tiny_diff_long_body(PRSnapshot(title="t", body=LONG, files=(CODE, extra)))
        assert hit.fired and hit.evidence.endswith("for a 2-line change")


def test_a_records_bare_paths_are_sized_by_the_prs_counts():
    bare = (FileChange(path="pkg/h.go"), FileChange(path="pkg/x.go"))  # records.py: bare path strings
    assert tiny_diff_long_body(PRSnapshot(title="t", body=LONG, files=bare, additions=2, deletions=1)).fired
    assert not tiny_diff_long_body(PRSnapshot(title="t", body=LONG, files=bare)).fired  # no count anywhere


def test_a_file_of_unknown_size_counts_as_a_tiny_diffs_whole_size():
    logo = FileChange(path="assets/logo.png", additions=0, deletions=0, patch=None)
    hit = tiny_diff_long_body(PRSnapshot(title="t", body=LONG, files=(logo, CODE)))
    assert hit.fired and hit.evidence.endswith("for a 2-line change and 1 binary or moved file")
    moved = FileChange(path="src/new.ts", status="renamed", patch="", previous_filename="src/old.ts")
    assert not tiny_diff_long_body(_pr(moved, CODE)).fired  # 210 words: room for what a move takes to explain
    icons = FileChange(path="assets/icon.ico", additions=0, deletions=0, patch=None)
    assert not tiny_diff_long_body(PRSnapshot(title="t", body=LONG, files=(logo, icons, CODE))).fired
