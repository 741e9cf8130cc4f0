"""whitespace_or_format_only: rustfmt splitting ``assert!(start < end, end > 0)`` is layout (review
AB #8). The ``>`` of the second comparison closed the ``<`` of the first as if it were a generic
bracket, and the comma between them was forgotten, so the group read as one element and its
trailing comma as a 1-tuple's. A ``<`` after a lower-case name, a number or ``)`` is a comparison:
closing it keeps its commas. A generic's commas (``(HashMap<A, B>,)``) still part no elements."""

from __future__ import annotations

import pytest

from bot.signals.formatting import whitespace_or_format_only
from bot.snapshot import FileChange, PRSnapshot


def _fires(old: str, new: str) -> bool:
    patch = f"@@ -1,3 +1,3 @@\n before\n-{old}\n+{new}\n after"
    files = (FileChange(path="src/lib.rs", additions=1, deletions=1, patch=patch),)
    return whitespace_or_format_only(PRSnapshot(title="cargo fmt", body="", files=files)).fired


@pytest.mark.parametrize("old,new", [
    ("assert!(start < end, end > 0);", "assert!(\n+    start < end,\n+    end > 0,\n+);"),
    ("let ok = in_range(lo < x, x > hi);", "let ok = in_range(\n+    lo < x,\n+    x > hi,\n+);"),
    ("let t = (a < b, c > d);", "let t = (\n+    a < b,\n+    c > d,\n+);"),
    ("check(v.len() < 3, Vec::<u8>::new().len() > 0);",
     "check(\n+    v.len() < 3,\n+    Vec::<u8>::new().len() > 0,\n+);"),
    ("check(x < Limits::<A, B>::MAX, y > 0);", "check(\n+    x < Limits::<A, B>::MAX,\n+    y > 0,\n+);"),
])
def test_a_trailing_comma_after_two_comparisons_is_layout(old, new):
    assert _fires(old, new)


@pytest.mark.parametrize("old,new", [
    ("let t = (a < b && c > d,);", "let t = (a < b && c > d);"),
    ("let t = (start < end,);", "let t = (start < end);"),
    ("type Row = (HashMap<A, B>,);", "type Row = (HashMap<A, B>);"),
    ("let r = (x.collect::<HashMap<_, _>>(),);", "let r = (x.collect::<HashMap<_, _>>());"),
])
def test_removing_a_one_tuple_comma_is_still_a_change(old, new):
    assert not _fires(old, new)
