"""whitespace_or_format_only: whitespace the file's language reads is not layout (review-sig3 #6).
A one-character fix of a shell assignment or test, a CSS selector, a Markdown heading or list
item, a JS line break after `return`, a C `#define` name, a JSON trailing comma or a Rust 1-tuple
is a real change. Pure re-layouts of the same files still fire."""

from __future__ import annotations

import pytest

from bot.signals.formatting import whitespace_or_format_only
from bot.snapshot import FileChange, PRSnapshot


def _fires(path: str, old: str, new: str) -> bool:
    patch = f"@@ -1,3 +1,3 @@\n before\n-{old}\n+{new}\n after"
    files = (FileChange(path=path, additions=1, deletions=1, patch=patch),)
    return whitespace_or_format_only(PRSnapshot(title="fix", body="", files=files)).fired


@pytest.mark.parametrize("path,old,new", [
    ("scripts/release.sh", 'VERSION = "$1"', 'VERSION="$1"'),  # the old line runs a command named VERSION
    ("scripts/ci.sh", 'if [-f "$CONFIG"]; then', 'if [ -f "$CONFIG" ]; then'),
    ("src/styles/button.css", ".btn .primary {", ".btn.primary {"),
    ("src/styles/nav.scss", "a :hover {", "a:hover {"),
    ("docs/install.md", "#Installation", "# Installation"),
    ("README.md", "-item one", "- item one"),
    ("src/defs.h", "#define SQUARE (x) ((x) * (x))", "#define SQUARE(x) ((x) * (x))"),
    ("src/lib.rs", "    let args = (path);", "    let args = (path,);"),
    ("package.json", '    "test": "vitest",', '    "test": "vitest"'),
])
def test_meaningful_whitespace_and_commas_are_changes(path, old, new):
    assert not _fires(path, old, new)


def test_a_line_break_after_return_is_a_change_in_javascript():
    patch = "@@ -1,4 +1,3 @@\n function f(x) {\n-  return\n-    x * 2;\n+  return x * 2;\n }\n"
    files = (FileChange(path="src/util.js", additions=1, deletions=2, patch=patch),)
    assert not whitespace_or_format_only(PRSnapshot(title="fix", body="", files=files)).fired


@pytest.mark.parametrize("path,old,new", [
    ("scripts/release.sh", '    VERSION="$1"', 'VERSION="$1"'),  # re-indent
    ("scripts/ci.sh", 'if [  -f "$CONFIG" ]; then', 'if [ -f "$CONFIG" ]; then'),
    ("src/styles/button.css", "  color : red;", "  color: red;"),
    ("src/styles/button.css", ".btn  .primary {", ".btn .primary {"),
    ("docs/install.md", "#   Installation", "# Installation"),
    ("src/util.js", "  return   x * 2;", "  return x * 2"),
    ("src/defs.h", "#define  SQUARE(x)  ((x) * (x))", "#define SQUARE(x) ((x) * (x))"),
    ("src/lib.rs", "    let v = [a, b,];", "    let v = [a, b];"),
    ("src/lib.rs", "    let args = ( path, );", "    let args = (path,);"),
    ("package.json", '    "test":"vitest",', '    "test": "vitest",'),
    ("cmd/main.go", "x:=1", "x := 1"),
])
def test_pure_relayouts_still_count_as_formatting(path, old, new):
    assert _fires(path, old, new)


def test_a_trailing_comma_stays_layout_outside_strict_json():
    patch = '@@ -1,3 +1,3 @@\n {\n-    "test": "vitest",\n+    "test": "vitest"\n }'
    files = (FileChange(path="src/config.jsonc", additions=1, deletions=1, patch=patch),
             FileChange(path="src/app.ts", additions=1, deletions=1, patch=patch.replace('"', "'")))
    assert whitespace_or_format_only(PRSnapshot(title="fix", body="", files=files)).fired
