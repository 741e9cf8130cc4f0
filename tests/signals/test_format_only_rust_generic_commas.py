"""whitespace_or_format_only: a comma inside Rust's generic brackets is no element of a tuple (h29-sigB #3).

``(HashMap<A, B>,)`` is a 1-tuple and ``(HashMap<A, B>)`` a plain type: the comma between ``A``
and ``B`` made the group look like one of several elements, so removing the 1-tuple's comma read as
layout. A comparison's ``<`` opens no generic: rustfmt's comma after the last argument of a split
call stays layout, whatever the arguments hold.
"""

from __future__ import annotations

import pytest

from bot.signals.formatting import whitespace_or_format_only
from bot.snapshot import FileChange, PRSnapshot


def _fires(old: str, new: str) -> bool:
    patch = f"@@ -1,3 +1,3 @@\n before\n-{old}\n+{new}\n after"
    files = (FileChange(path="src/lib.rs", additions=1, deletions=1, patch=patch),)
    return whitespace_or_format_only(PRSnapshot(title="cargo fmt", body="", files=files)).fired


@pytest.mark.parametrize("old,new", [
    ("type Row = (HashMap<A, B>,);", "type Row = (HashMap<A, B>);"),
    ("fn rows() -> (Result<Vec<u8>, Error>,) {", "fn rows() -> (Result<Vec<u8>, Error>) {"),
    ("let r = (x.collect::<HashMap<_, _>>(),);", "let r = (x.collect::<HashMap<_, _>>());"),
    ("let f: (Box<dyn Fn(A, B) -> C>,);", "let f: (Box<dyn Fn(A, B) -> C>);"),
    ("let t = (a < b,);", "let t = (a < b);"),  # a 1-tuple of a comparison
    ("let t = (x < Limits::<A, B>::MAX,);", "let t = (x < Limits::<A, B>::MAX);"),
])
def test_removing_a_one_tuple_comma_after_a_generic_is_a_change(old, new):
    assert not _fires(old, new)


@pytest.mark.parametrize("old,new", [
    ("let m = build(HashMap<A, B>::new(), 3);", "let m = build(\n+    HashMap<A, B>::new(),\n+    3,\n+);"),
    ("let p = (HashMap<A, B>, Vec<C>);", "let p = (\n+    HashMap<A, B>,\n+    Vec<C>,\n+);"),
    ("let ok = check(a < b, c > d, e);", "let ok = check(\n+    a < b,\n+    c > d,\n+    e,\n+);"),
    ("let ok = check(a < b, c);", "let ok = check(\n+    a < b,\n+    c,\n+);"),
    ("let n = shift(x << 2, y >> 1);", "let n = shift(\n+    x << 2,\n+    y >> 1,\n+);"),
    ("let s = Point { x: Vec::<u8>::new(), y: 2 };", "let s = Point {\n+    x: Vec::<u8>::new(),\n+    y: 2,\n+};"),
    ("let ok = check(a <= b, c >= d, e);", "let ok = check(\n+    a <= b,\n+    c >= d,\n+    e,\n+);"),
])
def test_a_trailing_comma_after_several_elements_is_still_layout(old, new):
    assert _fires(old, new)
