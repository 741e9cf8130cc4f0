"""mentions_missing_symbols: the two exemptions for methods the 3-line-context patch cannot show
stay narrow (review-sigfix #2).

* A hunk under a class/impl header hides only what could be a method of that type, and only in
  a code file whose methods nest in types: an indented YAML key, a package.json line or a
  Markdown list item hides no method, and neither does a Go struct (Go methods start at column 0).
* A qualified name needs its last part in the diff; a receiver (``self``) or a package
  (``config``) found elsewhere proves nothing. A qualifier that is a type the diff defines does.
"""

from __future__ import annotations

import pytest

from bot.signals.symbols import mentions_missing_symbols
from bot.snapshot import FileChange, PRSnapshot

GO = "@@ -10,3 +10,3 @@ func Handle(w http.ResponseWriter) {\n \tx := 1\n-\treturn x\n+\treturn x + 1\n }"
YML = "@@ -5,3 +5,3 @@ jobs:\n   build:\n-    runs-on: ubuntu-20.04\n+    runs-on: ubuntu-22.04\n"
PKG = '@@ -10,3 +10,3 @@\n   "dependencies": {\n-    "lodash": "4.17.20"\n+    "lodash": "4.17.21"\n'
MD = "@@ -3,3 +3,3 @@ ## Usage\n - Install:\n-    run `make`\n+    run `make install`\n"
GO_STRUCT = "@@ -3,3 +3,4 @@ type Config struct {\n \tName string\n+\tRetries int\n }\n"
PY_CLASS = ("@@ -40,4 +40,4 @@ class Client:\n             for attempt in range(self.max_attempts):\n"
            "-                return self.session.request(method, url, timeout=5)\n"
            "+                return self.session.request(method, url, timeout=self.timeout)\n")
CLAIMS = "Refactored `parseConfigFile()` and updated `validateSchemaStrict()` and `loadUserSettings()` to handle nil."


def _change(path: str, patch: str) -> FileChange:
    lines = patch.splitlines()
    return FileChange(path=path, patch=patch, additions=sum(x.startswith("+") for x in lines),
                      deletions=sum(x.startswith("-") for x in lines))


def _pr(body: str, *files: tuple[str, str]) -> PRSnapshot:
    return PRSnapshot(title="t", body=body, files=tuple(_change(p, patch) for p, patch in files))


@pytest.mark.parametrize("extra", [(".github/workflows/ci.yml", YML), ("package.json", PKG),
                                   ("docs/usage.md", MD), ("pkg/config.go", GO_STRUCT)])
def test_an_indented_change_outside_a_method_bearing_type_excuses_nothing(extra):
    assert mentions_missing_symbols(_pr(CLAIMS, ("pkg/h.go", GO))).fired
    assert mentions_missing_symbols(_pr(CLAIMS, ("pkg/h.go", GO), extra)).fired


def test_a_class_hunk_excuses_only_names_that_could_be_its_methods():
    other_types = "Updated `Parser.parse_block()` and `Loader.load_all()` to share the retry helper."
    hit = mentions_missing_symbols(_pr(other_types, ("client/http.py", PY_CLASS)))
    assert hit.fired and "`Parser.parse_block()`, `Loader.load_all()`" in hit.evidence
    own = "Updated `Client.send_with_retry()` and `_next_delay()` to use the configured timeout."
    assert not mentions_missing_symbols(_pr(own, ("client/http.py", PY_CLASS))).fired


def test_a_receiver_or_package_in_the_diff_does_not_find_a_qualified_name():
    py = "@@ -1,2 +1,2 @@ def f(self):\n-    x = self.a\n+    x = self.b\n"
    body = "Updated `self.parse_config_file()` and `self.validate_schema_strict()`"
    assert mentions_missing_symbols(_pr(body, ("pkg/h.py", py))).fired
    go = "@@ -1,2 +1,2 @@ func f() {\n-\tx := config.A\n+\tx := config.B\n"
    body = "Changed `config.LoadFromEnvStrict` and `config.ValidateAllFields`"
    assert mentions_missing_symbols(_pr(body, ("pkg/config/h.go", go))).fired


def test_a_qualified_name_is_found_by_its_last_part_or_a_type_the_diff_defines():
    go = ("@@ -20,3 +20,6 @@ func (c *Client) Close() error {\n \treturn nil\n }\n"
          "+\n+func helper() {}\n+\n")
    body = "Changed `Client.Close()` and `Client.reconnectLoop()` so the pool drains first."
    assert not mentions_missing_symbols(_pr(body, ("pkg/client.go", go))).fired
    rust = "@@ -1,2 +1,4 @@\n+impl fmt::Display for Token {\n+    fn x() {}\n+}\n"
    body = "Updated `Token::fmt_kind()` and `Token::render_span()` to quote names."
    assert not mentions_missing_symbols(_pr(body, ("src/token.rs", rust))).fired
