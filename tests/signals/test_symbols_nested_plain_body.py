"""mentions_missing_symbols: the nested-function excuse (a handler inside a component, a route
inside ``create_app``) covers only a hunk whose header opens a function or an object literal and
whose deep changed line has no visible enclosing line one level under that header (review-sig4
#1). A plain function-body edit in a 4-space JS file, an ``if`` body the hunk shows, a header that
is no function, and another language's file excuse no made-up name."""

from __future__ import annotations

import pytest

from bot.signals.symbols import mentions_missing_symbols
from bot.snapshot import FileChange, PRSnapshot

JS_4SPACE = """@@ -10,7 +10,7 @@ function loadConfig(path) {
     const raw = fs.readFileSync(path, 'utf8');
     const data = JSON.parse(raw);
-    return data;
+    return data || {};
 }
"""
PY_IF_BODY = """@@ -20,6 +20,6 @@ def main(argv):
     args = parse(argv)
     if args.verbose:
-        level = logging.INFO
+        level = logging.DEBUG
     run(args)
"""
PY_NOT_A_FUNCTION = """@@ -20,4 +20,4 @@ SETTINGS = load()
             if args.verbose:
-                level = logging.INFO
+                level = logging.DEBUG
"""
GO = "@@ -1,3 +1,3 @@\n package client\n-var x = 1\n+var x = 2\n"
PY_HIDDEN = """@@ -50,7 +50,7 @@ def create_app(config):
         if not payload:
-            abort(400)
+            abort(400, description="empty body")
         return jsonify(handle(payload))
"""
JS_4SPACE_HIDDEN = """@@ -40,6 +40,6 @@ export function EditDialog(props) {
            setSaving(true);
-            await mutate(payload);
+            await mutate(payload, { throwOnError: true });
        } finally {
"""


def _change(path: str, patch: str) -> FileChange:
    lines = patch.splitlines()
    return FileChange(path=path, patch=patch, additions=sum(x.startswith("+") for x in lines),
                      deletions=sum(x.startswith("-") for x in lines))


def _fires(body: str, *files: tuple[str, str]) -> bool:
    snap = PRSnapshot(title="t", body=body, files=tuple(_change(p, x) for p, x in files))
    return mentions_missing_symbols(snap).fired


@pytest.mark.parametrize("body,files", [
    ("Added `retryWithBackoff()` and `validateSchema()` to harden config loading, and updated `loadConfig`.",
     [("src/config.js", JS_4SPACE)]),
    ("Introduced `retry_with_backoff()` and `validate_schema()` helpers, also added `parse_env_file()`.",
     [("cli.py", PY_IF_BODY)]),
    ("Updated `retry_with_backoff()` and `validate_schema()`.", [("cli.py", PY_NOT_A_FUNCTION)]),
    ("Added `NewRetryClient()` and `WithTimeout()` in `client.go`, and fixed logging.",
     [("cli.py", PY_IF_BODY), ("client.go", GO)]),
])
def test_made_up_names_in_a_plain_body_edit_fire(body, files):
    assert _fires(body, *files)


@pytest.mark.parametrize("path,patch", [("app/server.py", PY_HIDDEN), ("src/EditDialog.js", JS_4SPACE_HIDDEN)])
def test_a_line_whose_enclosing_function_is_hidden_stays_quiet(path, patch):
    assert not _fires("Updated `handleSubmit` to invalidate the query and `resetForm` to clear the flag.",
                      (path, patch))
