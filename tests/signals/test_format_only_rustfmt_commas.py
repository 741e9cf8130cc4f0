"""whitespace_or_format_only: in Rust only a single element's trailing comma `(x,)` is meaning (a
1-tuple); the comma rustfmt adds when it splits a call or signature over lines is layout, so a
plain `cargo fmt` PR is format-only again (review-sig4 #5)."""

from __future__ import annotations

import pytest

from bot.signals.formatting import whitespace_or_format_only
from bot.snapshot import FileChange, PRSnapshot


def _fires(path: str, patch: str) -> bool:
    files = (FileChange(path=path, additions=patch.count("\n+"), deletions=patch.count("\n-"), patch=patch),)
    return whitespace_or_format_only(PRSnapshot(title="cargo fmt", body="", files=files)).fired


_SPLIT_CALL = """@@ -10,5 +10,9 @@ impl Server {
     fn start(&self) -> Result<()> {
-        let listener = TcpListener::bind(self.config.address(), self.config.port(), "0.0.0.0")?;
+        let listener = TcpListener::bind(
+            self.config.address(),
+            self.config.port(),
+            "0.0.0.0",
+        )?;
         Ok(())
     }
"""
_SPLIT_SIGNATURE = """@@ -1,3 +1,7 @@
-pub fn connect(host: &str, port: u16, timeout: Duration, retries: u32) -> Result<Conn> {
+pub fn connect(
+    host: &str,
+    port: u16,
+    timeout: Duration,
+    retries: u32,
+) -> Result<Conn> {
     todo!()
 }
"""
_NESTED = """@@ -1,2 +1,6 @@
-    let pair = make((a, b), (c,));
+    let pair = make(
+        (a, b),
+        (c,),
+    );
 }
"""


@pytest.mark.parametrize("patch", [_SPLIT_CALL, _SPLIT_SIGNATURE, _NESTED])
def test_rustfmt_splitting_a_group_over_lines_is_format_only(patch):
    assert _fires("src/server.rs", patch)


@pytest.mark.parametrize("old,new", [
    ("    let args = (path);", "    let args = (path,);"),
    ("    let args = make((a, b), (c,));", "    let args = make((a, b), (c));"),
    ('    let args = ("a, b",);', '    let args = ("a, b");'),  # a comma in a literal is no element
])
def test_a_one_tuple_comma_is_still_a_change(old, new):
    assert not _fires("src/lib.rs", f"@@ -1,3 +1,3 @@\n before\n-{old}\n+{new}\n after")
