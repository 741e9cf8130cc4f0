"""Tests written inside a source file, and test paths by convention, are tests (review 3 #1).

Growing an existing ``mod tests``, adding ``#[case]`` rows, doctests, ``let%test`` or an in-source
Vitest block changes only the source file; "Added tests" was answered with "the only changed file
is not a test", calling the author a liar.
"""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.signals.filekinds import is_test_path, patch_has_test_module
from bot.snapshot import FileChange, PRSnapshot


def _fires(body: str, *files: FileChange) -> bool:
    return claims_tests_without_tests(PRSnapshot(title="Fix", body=body, files=files)).fired


def _fc(path: str, patch: str) -> FileChange:
    return FileChange(path=path, status="modified", additions=patch.count("\n+"), deletions=0, patch=patch)


_RS_ASSERTS = ("@@ -10,3 +10,3 @@\n-    let end = start + len + 1;\n+    let end = start + len;\n"
               "@@ -200,4 +200,6 @@ mod tests {\n     fn split() {\n"
               '         assert_eq!(split_at("ab", 1), ("a", "b"));\n'
               '+        assert_eq!(split_at("ab", 2), ("ab", ""));\n+        assert_eq!(split_at("", 0), ("", ""));\n'
               "     }\n")
_INLINE = [
    ("Fixed the off-by-one in `split_at`; added tests for the boundary.", "src/buf.rs", _RS_ASSERTS),
    ("Added comprehensive unit tests for the boundary cases in the existing `mod tests`.", "src/buf.rs", _RS_ASSERTS),
    ("Added extensive test coverage for `split_at` (inline tests).", "src/buf.rs", _RS_ASSERTS),
    ("Added test cases for empty and whitespace-only input.", "src/parse.rs",
     '@@ -40,6 +40,8 @@ mod tests {\n     #[rstest]\n     #[case("a", Some(1))]\n+    #[case("", None)]\n'
     '+    #[case("   ", None)]\n     fn parses(#[case] s: &str, #[case] want: Option<u32>) {\n'),
    ("Added test cases for empty and whitespace-only input.", "src/parse.rs",  # no header context
     '@@ -40,6 +40,8 @@\n     #[case("a", Some(1))]\n+    #[case("", None)]\n'),
    ("Added test cases for the empty input and trailing commas.", "src/parse.rs",
     '@@ -120,6 +120,8 @@ mod tests {\n     fn table() {\n         let cases = [\n             ("a", Some(1)),\n'
     '+            ("", None),\n+            ("a,", Some(1)),\n         ];\n'),
    ("Added test cases for the empty input.", "src/parse.rs",  # a test attribute in the hunk's context
     '@@ -120,6 +120,7 @@ impl Parser {\n     #[test]\n     fn table() {\n+        assert!(parse("").is_none());\n'),
    ("Added test cases for overflow.", "src/int.zig",
     '@@ -80,3 +80,5 @@ test "parse" {\n     try std.testing.expectEqual(@as(u8, 1), try parse("1"));\n'
     '+    try std.testing.expectError(error.Overflow, parse("256"));\n }\n'),
    ("Added unit tests as doctests on `Span::merge`.", "src/span.rs",
     "@@ -1,3 +1,9 @@\n+/// ```\n+/// # use mycrate::Span;\n+/// let s = Span::new(1, 3).merge(Span::new(2, 5));\n"
     "+/// assert_eq!(s, Span::new(1, 5));\n+/// ```\n pub fn merge(self, other: Span) -> Span {\n"),
    ("Added tests (doctests) for `slugify`.", "src/pkg/text.py",
     "@@ -1,3 +1,7 @@\n def slugify(s):\n     \"\"\"Make a slug.\n+\n+    >>> slugify('Hello World')\n"
     "+    'hello-world'\n     \"\"\"\n"),
    ("Added tests for `Slug.make/1` as doctests.", "lib/slug.ex",
     '@@ -1,3 +1,7 @@\n   @doc """\n   Makes a slug.\n+\n+      iex> Slug.make("Hello World")\n'
     '+      "hello-world"\n   """\n'),
    ("Added unit tests for `Path.normalize`.", "src/path.ml",
     '@@ -40,2 +40,6 @@\n let normalize p = p\n+\n+let%test "dots" = normalize "a/./b" = "a/b"\n'
     '+let%expect_test "empty" =\n+  print_string (normalize ""); [%expect {| . |}]\n'),
    ("Added tests for `parse-date`.", "private/date.rkt",
     '@@ -40,2 +40,5 @@\n+(module+ test\n+  (require rackunit)\n'
     '+  (check-equal? (parse-date "2024-01-01") (date 2024 1 1)))\n'),
    ("Added unit tests for `clamp` (in-source).", "src/math.ts",
     "@@ -1,2 +1,8 @@\n export const clamp = (x, a, b) => Math.min(Math.max(x, a), b);\n"
     "+if (import.meta.vitest) {\n+  const { it, expect } = import.meta.vitest;\n"
     "+  it('clamps', () => { expect(clamp(5, 0, 3)).toBe(3); });\n+}\n"),
    ("Added tests for the disabled state.", "src/button.ts",
     "@@ -30,3 +30,5 @@ describe('Button', () => {\n   it('renders', () => {});\n"
     "+  it('is disabled', () => { expect(b.disabled).toBe(true); });\n"),
]


@pytest.mark.parametrize(("body", "path", "patch"), _INLINE)
def test_a_test_written_inside_a_source_file_is_a_test(body, path, patch):
    assert patch_has_test_module(patch, path)
    assert not _fires(body, _fc(path, patch))


_NOT_TESTS = [
    ("src/buf.rs", "@@ -10,3 +10,3 @@ pub fn split_at(s: &str) {\n-    let end = start + len + 1;\n+    let end = start + len;\n"),
    ("src/buf.rs", "@@ -200,4 +200,5 @@ mod tests {\n     fn split() {\n+\n     }\n"),  # an added blank line
    ("src/lib.rs", "@@ -1,3 +1,4 @@\n #[cfg(test)]\n mod tests;\n+pub mod span;\n"),  # tests in another file
    ("src/lib.rs", "@@ -1,3 +1,4 @@ #[cfg(test)]\n use std::fmt;\n+pub mod span;\n"),
    ("src/buf.rs", "@@ -1,3 +1,4 @@\n+/// Returns the span; see `assert_valid`.\n pub fn f() {}\n"),
    ("src/pkg/text.py", "@@ -1,3 +1,4 @@\n x = 1\n+# compare a >>> b in the shell\n"),
    ("scripts/run.sh", '@@ -1,3 +1,4 @@ test "$CI" = true {\n+echo hi\n'),  # no test header outside Zig/D/JS/Rust
    ("src/app.ts", "@@ -1,3 +1,4 @@ export function describe(x) {\n+  return x;\n"),
    ("lib/slug.ex", "@@ -1,3 +1,4 @@\n+  # iex is the shell\n"),
    ("src/math.js", "@@ -1,3 +1,4 @@\n+// import.meta is read by the bundler\n"),
]


@pytest.mark.parametrize(("path", "patch"), _NOT_TESTS)
def test_plain_source_changes_still_hold_no_test(path, patch):
    assert not patch_has_test_module(patch, path)
    assert _fires("Added unit tests for the boundary.", _fc(path, patch))


@pytest.mark.parametrize("path", [
    "src/__snapshots__/Button.test.tsx.snap", "src/__testfixtures__/rename-prop.input.js",
    "src/snapshots/mycrate__fmt__tests__nested.snap", "Tests/LibTests/Resources/nested.json",
    "Tests/ParserTests/Helpers.swift", "Packages/Core/Tests/CoreTests/Fixtures/a.json",
    "src/commonTest/kotlin/Fixtures.kt", "src/androidTest/java/a/Helper.kt", "src/jvmTest/kotlin/A.kt",
    "src/testFixtures/java/Db.java", "index.test-d.ts", "source/parser.test-d.ts",
    "llvm/unittests/ADT/Helpers.h",
])
def test_test_paths_by_convention(path):
    assert is_test_path(path)
    assert not _fires("Added tests for the new variant.", _fc("src/lib.rs", "@@ -1 +1,2 @@\n a\n+b"),
                      _fc(path, "@@ -1 +1,2 @@\n a\n+b"))


@pytest.mark.parametrize("path", [
    "docs/Tests/GuideTests/intro.md", "docs/Tests/GuideTests/pages/intro.md", "Tests/README.md", "Tests/LibTests/README.md", "site/Tests/page.html",
    "src/snapshots/README.md", "snapshots/a.png", "src/contest/a.kt", "src/main/kotlin/Test.kt.bak",
    "src/latest/a.kt", "docs/testutils.md", "src/loadTesting/a.kt",
    "internal/testutil/db.go",  # a Go helper package (review 4 #3)
])
def test_near_misses_are_not_test_paths(path):
    assert not is_test_path(path)


def test_a_long_path_of_swift_test_dirs_is_read_in_linear_time():
    import time

    def took(n: int) -> float:
        path = "/".join(["Tests"] * n + ["docs"] * n) + "/x.md"
        start = time.perf_counter()
        is_test_path.__wrapped__(path)
        return time.perf_counter() - start

    took(1000)
    assert took(40000) < 10 * took(20000) + 0.05


def test_a_long_inline_patch_is_read_in_linear_time():
    import time

    def took(n: int) -> float:
        patch = "@@ -1 +1 @@ fn f() {\n" + " #[cfg(test)] x\n" * n + "+\n" * n
        start = time.perf_counter()
        patch_has_test_module(patch, "src/lib.rs")
        return time.perf_counter() - start

    took(1000)
    assert took(40000) < 10 * took(20000) + 0.05
