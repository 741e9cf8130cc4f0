"""whitespace_or_format_only: a change of quote kind is layout only where both quotes mean the
same, a trailing ";" only where the language makes it optional, and a moved file is never a
format-only change. Pure re-layouts still fire."""

from __future__ import annotations

import pytest

from bot.signals.formatting import whitespace_or_format_only
from bot.snapshot import FileChange, PRSnapshot


def _one_file(path: str, patch: str, **kw) -> PRSnapshot:
    return PRSnapshot(title="fix", body="", files=(FileChange(path=path, additions=1, deletions=1, patch=patch, **kw),))


def _swap(old: str, new: str) -> str:
    return f"@@ -1,3 +1,3 @@\n before()\n-{old}\n+{new}\n after()"


@pytest.mark.parametrize("path,old,new", [
    ("src/greet.js", "  return 'Hello, ${name}!'", "  return `Hello, ${name}!`"),  # template literal
    ("scripts/deploy.sh", "cp build/app '$HOME/bin/app'", 'cp build/app "$HOME/bin/app"'),
    ("db/queries/users.sql", 'WHERE role = "admin";', "WHERE role = 'admin';"),
    ("src/path.c", '    return *p == "/";', "    return *p == '/';"),
    ("src/Greeter.php", "        return 'Hello {$name}';", '        return "Hello {$name}";'),
    ("lib/greeter.rb", "    'Hello #{name}'", '    "Hello #{name}"'),
])
def test_a_change_of_quote_kind_that_changes_meaning_is_not_formatting(path, old, new):
    assert not whitespace_or_format_only(_one_file(path, _swap(old, new))).fired


@pytest.mark.parametrize("path,old,new", [
    ("src/lib.rs", "    s;", "    s"),  # the function now returns the value
    ("src/Main.java", "    x = 1;", "    x = 1"),
])
def test_a_removed_semicolon_where_it_is_required_is_not_formatting(path, old, new):
    assert not whitespace_or_format_only(_one_file(path, _swap(old, new))).fired


@pytest.mark.parametrize("path,old,new", [
    ("src/a.ts", "const a = 'x y';   ", 'const a = "x y"'),
    ("src/a.jsx", "import x from 'y'", 'import x from "y";'),
    ("styles/site.css", "  font-family: 'Inter';", '  font-family: "Inter";'),
    ("cmd/main.go", "\tx := 1;", "\tx := 1"),
    ("src/path.c", "    return  *p == '/';", "    return *p == '/';"),
])
def test_layout_and_equivalent_quotes_still_count_as_formatting(path, old, new):
    assert whitespace_or_format_only(_one_file(path, _swap(old, new))).fired


def test_a_moved_file_with_layout_edits_is_not_format_only():
    patch = "@@ -1,5 +1,5 @@\n-package  util\n+package util\n \n import (\n-\t\"fmt\"\n+    \"fmt\"\n )"
    moved = _one_file("internal/util/strings.go", patch, status="renamed", previous_filename="util/strings.go")
    assert not whitespace_or_format_only(moved).fired
    assert whitespace_or_format_only(_one_file("util/strings.go", patch)).fired  # the same edit in place


# review-sigfix #8: moved files are left out of the judgement, not a veto over the whole PR
def _reformat(i: int) -> FileChange:
    return FileChange(path=f"src/m{i}.js", additions=1, deletions=1,
                      patch=f"@@ -1,2 +1,2 @@\n-const a{i} = {{x:1}};\n+const a{i} = {{ x: 1 }};\n")


def _rename(old: str, new: str) -> FileChange:
    return FileChange(path=new, status="renamed", additions=0, deletions=0, patch="", previous_filename=old)


def test_a_few_moved_files_do_not_silence_a_pr_that_reformats_many():
    files = tuple(_reformat(i) for i in range(30)) + (_rename("src/old.js", "src/new.js"),)
    hit = whitespace_or_format_only(PRSnapshot(title="style", body="", files=files))
    assert hit.fired and hit.value == 30 / 31
    assert "(and 1 moved file: src/old.js → src/new.js)" in hit.evidence


def test_a_pr_that_is_mostly_a_move_plus_format_edits_stays_quiet():
    moves = (_rename("util/a.js", "lib/a.js"), _rename("util/b.js", "lib/b.js"))
    for files in (moves, moves + (_reformat(0),), moves + (_reformat(0), _reformat(1))):
        assert not whitespace_or_format_only(PRSnapshot(title="move", body="", files=files)).fired


def test_a_real_change_next_to_a_move_is_still_no_format_only_pr():
    real = FileChange(path="src/app.js", additions=1, deletions=1, patch="@@ -1 +1 @@\n-run(a)\n+run(b)\n")
    files = (_reformat(0), _reformat(1), real, _rename("src/old.js", "src/new.js"))
    assert not whitespace_or_format_only(PRSnapshot(title="t", body="", files=files)).fired
