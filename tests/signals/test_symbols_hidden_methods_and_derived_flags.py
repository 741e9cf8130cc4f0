"""mentions_missing_symbols: a method changed deep inside its body (its signature more than 3
lines above, the hunk header naming only the class) and a flag derived from a field name
(``dry_run`` / ``DryRun`` → ``--dry-run``) are not "missing". Names absent from a diff whose
hunks show their functions still fire."""

from __future__ import annotations

from bot.signals.symbols import mentions_missing_symbols
from bot.snapshot import FileChange, PRSnapshot

PY_PATCH = """@@ -40,7 +40,9 @@ class Client:
             delay = self.base_delay
             for attempt in range(self.max_attempts):
                 try:
-                    return self.session.request(method, url, timeout=5)
+                    return self.session.request(method, url, timeout=self.timeout)
+                except requests.Timeout:
+                    raise
                 except requests.ConnectionError:
                     time.sleep(delay)
@@ -88,6 +90,6 @@ class Client:
         jitter = random.random()
-        return min(self.cap, delay * 2) + jitter
+        return min(self.cap, delay * 2 + jitter)
"""
RUST_IMPL_PATCH = """@@ -30,6 +30,7 @@ impl Parser {
         let mut depth = 0;
         while let Some(tok) = self.next() {
-            depth += 1;
+            depth = depth.saturating_add(1);
+            self.check_depth(depth)?;
         }
"""
GO_FUNC_PATCH = """@@ -10,6 +10,9 @@ func Load(path string) (*Config, error) {
 \tdata, err := os.ReadFile(path)
+\tif err != nil {
+\t\treturn nil, err
+\t}
"""


def _pr(body: str, path: str, patch: str) -> PRSnapshot:
    return PRSnapshot(title="t", body=body, files=(FileChange(path=path, additions=3, deletions=1, patch=patch),))


def test_qualified_methods_changed_inside_their_bodies_are_not_missing():
    body = ("- Updated `Client._send_with_retry()` to use the configured timeout\n"
            "- Changed `Client._next_delay()` so the jitter cannot exceed the cap\n")
    assert not mentions_missing_symbols(_pr(body, "client/http.py", PY_PATCH)).fired


def test_unqualified_methods_under_a_class_or_impl_header_are_not_missing():
    body = "- Updated `_send_with_retry()` and changed `_next_delay()` to cap the jitter\n"
    assert not mentions_missing_symbols(_pr(body, "client/http.py", PY_PATCH)).fired
    body = "- Changed `parse_block()` and `parse_expr()` to check the nesting depth\n"
    assert not mentions_missing_symbols(_pr(body, "src/parser.rs", RUST_IMPL_PATCH)).fired


def test_flags_derived_from_field_names_are_not_missing():
    clap = ("@@ -10,3 +10,9 @@ pub struct Args {\n     #[arg(short, long)]\n     pub verbose: bool,\n"
            "+    #[arg(long)]\n+    pub dry_run: bool,\n+    #[arg(long, default_value_t = 8)]\n+    pub max_depth: usize,\n }\n")
    kong = ("@@ -5,3 +5,5 @@ type CLI struct {\n \tVerbose bool `help:\"Verbose.\"`\n"
            "+\tDryRun   bool `help:\"Print actions only.\"`\n+\tMaxDepth int  `help:\"Depth limit.\"`\n }\n")
    body = "- Added `--dry-run` to print what would be deleted\n- Added `--max-depth` to stop after N levels\n"
    assert not mentions_missing_symbols(_pr(body, "src/cli.rs", clap)).fired
    assert not mentions_missing_symbols(_pr(body, "cmd/cli.go", kong)).fired


def test_names_a_diff_with_visible_functions_lacks_still_fire():
    body = "- Added `validateInput()` helper\n- Added `sanitize_path()` for the loader\n"
    assert mentions_missing_symbols(_pr(body, "internal/config/loader.go", GO_FUNC_PATCH)).fired


def test_missing_flags_still_fire_under_a_class_header():
    body = "- Added the `--strict-mode` flag\n- Added the `--retry-limit` option\n"
    assert mentions_missing_symbols(_pr(body, "client/http.py", PY_PATCH)).fired
