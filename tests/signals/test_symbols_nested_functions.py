"""mentions_missing_symbols: a function nested in a function or an object literal (a React
handler, a Vue option, a zustand action, a Flask route inside ``create_app``) changed more than 3
lines below its own line sits under a hunk header naming only the outer function, exactly as a
method under its class (review-sig3 #5). In Python and JS/TS/Vue/Svelte a hunk that changes lines
two indentation levels under any header hides unqualified names. Shallow hunks, qualified names,
other languages and hunks with no header still excuse nothing."""

from __future__ import annotations

import pytest

from bot.signals.symbols import mentions_missing_symbols
from bot.snapshot import FileChange, PRSnapshot

REACT = """@@ -40,9 +40,10 @@ export function EditDialog({ open, item }: Props) {
       setSaving(true);
       try {
-        await mutate(payload);
+        await mutate(payload, { throwOnError: true });
       } finally {
"""
VUE = """@@ -88,7 +88,8 @@ export default {
         this.loading = true;
-        this.orders = data;
+        this.orders = data.items;
         this.loading = false;
"""
ZUSTAND = """@@ -20,7 +20,7 @@ export const useCartStore = create<CartState>()((set) => ({
       if (existing) {
-        existing.qty += 1;
+        existing.qty += item.qty ?? 1;
       }
"""
FLASK = """@@ -50,7 +50,7 @@ def create_app(config):
         if not payload:
-            abort(400)
+            abort(400, description="empty body")
         return jsonify(handle(payload))
"""
NAMES = "Updated `handleSubmit` to invalidate the list query and `resetForm` to clear the saving flag."


def _fires(body: str, path: str, patch: str) -> bool:
    lines = patch.splitlines()
    change = FileChange(path=path, patch=patch, additions=sum(x.startswith("+") for x in lines),
                        deletions=sum(x.startswith("-") for x in lines))
    return mentions_missing_symbols(PRSnapshot(title="t", body=body, files=(change,))).fired


@pytest.mark.parametrize("path,patch", [
    ("src/components/EditDialog.tsx", REACT),
    ("src/views/Orders.vue", VUE),
    ("src/store/cart.ts", ZUSTAND),
    ("app/server.py", FLASK),
    ("app/server.py", FLASK.replace("\n-            ", "\n-\t\t\t").replace("\n+            ", "\n+\t\t\t")),  # tabs
])
def test_a_deep_hunk_under_a_function_or_object_hides_nested_functions(path, patch):
    assert not _fires(NAMES, path, patch)


SHALLOW_PY = "@@ -50,4 +50,4 @@ def create_app(config):\n     app = Flask(__name__)\n-    app.debug = False\n+    app.debug = True\n"
SHALLOW_JS = "@@ -5,3 +5,3 @@ export function EditDialog(props) {\n   const x = 1;\n-  return x;\n+  return x + 1;\n"


@pytest.mark.parametrize("body,path,patch", [
    (NAMES, "app/server.py", SHALLOW_PY),  # the outer function's own body: a nested one would show
    (NAMES, "src/components/EditDialog.tsx", SHALLOW_JS),
    ("Updated `store.addItem` and `store.removeItem` to drop zero rows.", "src/store/cart.ts", ZUSTAND),
    (NAMES, "pkg/srv/server.go", REACT.replace("export function EditDialog({ open, item }: Props) {", "func Run() {")),
    (NAMES, "src/components/EditDialog.tsx", REACT.replace(" export function EditDialog({ open, item }: Props) {", "")),
])
def test_other_hunks_and_names_still_fire(body, path, patch):
    assert _fires(body, path, patch)
