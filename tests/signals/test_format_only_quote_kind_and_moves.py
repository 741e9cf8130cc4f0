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
