"""Tests written inside a source file, read from its patch.

A test added by a change that touches no test path: a Rust ``#[cfg(test)]`` module or test function
(``#[test]``, ``#[rstest]`` and its ``#[case(…)]`` rows, ``#[tokio::test(…)]``, …), a Zig ``test "…" {``
or D ``unittest {`` block, and doctests and in-source tests by language: Python ``>>> `` and Elixir
``iex> `` lines, Rust ``///`` doc lines that assert, OCaml ``let%test`` / ``let%expect_test``, Racket
``(module+ test``, Vitest's ``import.meta.vitest``. A line added inside an existing test block counts
too: a hunk whose header names one (``@@ … @@ mod tests {``, ``@@ … @@ test "parse" {``,
``@@ … @@ describe('Button', …``) or, in Rust, whose context shows a test attribute or module above it.
"""

from __future__ import annotations

import re

# [ \t], not \s: an added blank line before a context "#[test]" adds no test.
_RUST_TEST_MODULE = re.compile(
    r"^\+.*#\[cfg\(test\)\]"
    r"|^\+[ \t]*+#\[(?:\w++::)*(?:test|rstest|test_case|wasm_bindgen_test|quickcheck)\b",
    re.MULTILINE,
)
# Added test lines by file extension. Zig's test "name" {, test {, test decl {; D's unittest {: only in
# those files, as a shell line 'test "$x" = y' is a condition.
_ZIG_BLOCK = r'test(?:[ \t]+(?:"|\w+[ \t]*\{)|[ \t]*\{)'
_D_BLOCK = r"unittest[ \t]*\{"
_PY_DOCTEST = re.compile(r"^\+[ \t]*>>>[ \t]\S", re.MULTILINE)
_VITEST = re.compile(r"^\+.*\bimport\.meta\.vitest\b", re.MULTILINE)
_ADDED = {
    "zig": re.compile(rf"^\+[ \t]*{_ZIG_BLOCK}", re.MULTILINE),
    "d": re.compile(rf"^\+[ \t]*{_D_BLOCK}", re.MULTILINE),
    # an rstest #[case(…)] row; a doc comment's assert, which only a doctest's code block holds
    "rs": re.compile(r"^\+[ \t]*+#\[case\b|^\+[ \t]*+//[/!][ \t]*+(?:#[ \t]++)?(?:debug_)?assert(?:_eq|_ne|_matches)?!",
                     re.MULTILINE),
    "py": _PY_DOCTEST,
    "ex": re.compile(r"^\+[ \t]*iex(?:\(\d+\))?>[ \t]\S", re.MULTILINE),
    "ml": re.compile(r"^\+[ \t]*let%(?:test|expect_test|test_unit|test_module)\b", re.MULTILINE),
    "rkt": re.compile(r"^\+.*\(module\+[ \t]+test\b", re.MULTILINE),
}
_ADDED["exs"] = _ADDED["ex"]
_JS_FAMILY = ("js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts")
# A hunk header's context (the enclosing line git shows after "@@ … @@") that is a test block
# (not "#[cfg(test)]" alone: it marks "mod tests;" in another file and test-only imports too)
_RUST_TEST_CONTEXT = r"\bmod[ \t]+(?:\w+_)?tests?[ \t]*\{"
_HEADER = {
    "rs": re.compile(_RUST_TEST_CONTEXT),
    "zig": re.compile(rf"^[ \t]*{_ZIG_BLOCK}"),
    "d": re.compile(rf"^[ \t]*{_D_BLOCK}"),
    **{ext: re.compile(r"^[ \t]*(?:describe|it|test)(?:\.\w+)*[ \t]*\(") for ext in _JS_FAMILY},
}
# A context line above an added one, in Rust: the added line is in a test module or function
_RUST_CONTEXT = re.compile(rf"{_RUST_TEST_CONTEXT}|^[ \t]*#\[(?:\w+::)*(?:test|rstest|test_case)\b")


def adds_test(patch: str | None, path: str = "") -> bool:
    """Whether ``patch`` (of the file at ``path``) adds a test written inside a source file."""
    if not patch:
        return False
    ext = path.rpartition(".")[2] if "." in path else ""
    return bool(_marker(ext, patch) or (ext in _HEADER and _adds_in_test_block(patch, ext)))


def _marker(ext: str, patch: str) -> bool:
    """An added line that is itself a test, or opens one."""
    if _RUST_TEST_MODULE.search(patch):
        return True
    if ext in _JS_FAMILY and "import.meta.vitest" in patch:
        return bool(_VITEST.search(patch))
    added = _ADDED.get(ext)
    return bool(added and added.search(patch))


def _adds_in_test_block(patch: str, ext: str) -> bool:
    """A non-blank line added inside a test block the hunk's header (or, in Rust, a context line
    above it) names. One pass over the lines."""
    header, context = _HEADER[ext], _RUST_CONTEXT if ext == "rs" else None
    inside = False
    for line in patch.splitlines():
        if line.startswith("@@"):
            inside = bool(header.search(line.partition("@@")[2].partition("@@")[2]))
        elif line.startswith(" ") and context is not None and not inside:
            inside = bool(context.search(line))
        elif inside and line.startswith("+") and line[1:].strip():
            return True
    return False
