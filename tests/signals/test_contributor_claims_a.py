"""Contributor-facing claims a reviewer found false: what a PR comment says must hold for the PR.

Real PRs come from the training split (git_prs diffs_sample, jaeger/gluesql excluded); crafted
patches are the reviewer's minimal reproductions where no real one was found.
"""

from __future__ import annotations

from bot.signals import claims, filekinds
from bot.signals.formatting import whitespace_or_format_only
from bot.snapshot import FileChange, PRSnapshot


def _one_file(path: str, patch: str, status: str = "modified") -> PRSnapshot:
    lines = patch.splitlines()
    return PRSnapshot(title="x", files=(FileChange(
        path, status=status, additions=sum(x.startswith("+") for x in lines),
        deletions=sum(x.startswith("-") for x in lines), patch=patch),))


# --- whitespace_or_format_only: text inside literals and prose words are not layout ---------------

def test_a_space_added_inside_a_go_string_is_a_real_fix():
    patch = ('@@ -10,3 +10,3 @@ func run() {\n \tif err != nil {\n-\t\tfmt.Println("Error:" + err.Error())\n'
             '+\t\tfmt.Println("Error: " + err.Error())\n \t}')
    assert not whitespace_or_format_only(_one_file("cmd/root.go", patch)).fired


def test_a_changed_separator_literal_is_a_real_fix():
    patch = '@@ -1,3 +1,3 @@\n-\treturn strings.Join(fields, ", ")\n+\treturn strings.Join(fields, ",")\n'
    assert not whitespace_or_format_only(_one_file("src/export.go", patch)).fired


def test_a_missing_space_between_words_in_docs_is_a_typo_fix():
    patch = "@@ -3,3 +3,3 @@\n ## Install\n-Installthe package with pip.\n+Install the package with pip.\n "
    assert not whitespace_or_format_only(_one_file("docs/install.md", patch)).fired


def test_a_real_string_literal_edit_is_not_formatting(git_pr_with_diff):
    # liam #2520 (training split): name: 'PM Analysis Agent' -> 'PMAnalysisAgent' is a rename
    snapshot = git_pr_with_diff("liam", 2520)
    node = next(f for f in snapshot.files if f.path.endswith("analyzeRequirementsNode.ts"))
    assert "'PMAnalysisAgent'" in node.patch
    assert not whitespace_or_format_only(snapshot.with_changes(files=(node,), files_changed=1)).fired


def test_real_prose_rewraps_still_count_as_formatting(git_pr_with_diff):
    # celestia-core #344 joins a wrapped PR-template line; liam #545 puts an MDX callout on one line
    for name, number in (("celestia-core", 344), ("liam", 545)):
        assert whitespace_or_format_only(git_pr_with_diff(name, number)).fired, (name, number)


def test_code_layout_changes_still_count_as_formatting():
    reindent = "@@ -1,3 +1,3 @@\n func f() {\n-  return  g(a,\n-     b)\n+\treturn g(a, b)\n }"
    quotes = "@@ -1,2 +1,2 @@\n-const a = 'x y';   \n+const a = \"x y\"\n"
    rewrap = '@@ -1,2 +1,3 @@\n-call("a b", c, d)\n+call(\n+  "a b", c, d,\n+)\n'
    for path, patch in (("a.go", reindent), ("a.ts", quotes), ("a.js", rewrap)):
        assert whitespace_or_format_only(_one_file(path, patch)).fired, path


def test_whitespace_inside_a_python_literal_is_not_layout():
    changed = '@@ -1,1 +1,1 @@\n-x = "a  b"\n+x = "a b"\n'
    spaced = '@@ -1,1 +1,1 @@\n-x  =  "a  b"\n+x = "a  b"\n'
    assert not whitespace_or_format_only(_one_file("a.py", changed)).fired
    assert whitespace_or_format_only(_one_file("a.py", spaced)).fired


# --- filekinds.is_test_path: "the PR changes no test files" must not miss common conventions -------

def test_common_test_file_conventions_are_test_paths():
    for path in ("lib/path_test.ts", "src/fs/join_test.js", "ui/button_test.tsx", "mod/util_test.mjs",
                 "cypress/component/Button.cy.tsx", "app/login.cy.ts", "app/login.cy.js",
                 "base/strings/string_util_unittest.cc", "net/url_unittest.cpp", "core/ring_test.cxx",
                 "lib/src/parser_test.dart", "Sources/AppTests/AppTests.swift", "app/src/main/FooTest.kt"):
        assert filekinds.is_test_path(path), path


def test_ordinary_sources_are_not_test_paths():
    for path in ("src/latest.ts", "src/contest.js", "lib/attest.tsx", "src/policy.ts", "src/legacy.js",
                 "base/unittest.cc", "src/cy.ts", "lib/fancy.tsx", "pkg/protest.go", "app/latest.dart",
                 "test_utils.go", "src/tester.cc"):
        assert not filekinds.is_test_path(path), path


def test_a_deno_test_file_is_not_told_it_changes_no_tests():
    body = "Strip trailing slashes before joining, and added unit tests for the trailing-slash cases."
    code = FileChange("fs/join.ts", additions=2, deletions=1, patch="@@ -1 +1,2 @@\n-a\n+b\n+c")
    deno = FileChange("fs/join_test.ts", status="added", additions=3, deletions=0,
                      patch='@@ -0,0 +1,3 @@\n+Deno.test("slash", () => {\n+  assertEquals(join("a/", "b"), "a/b");\n+});')
    with_test = PRSnapshot(title="fs: handle trailing slashes in join", body=body, files=(code, deno))
    without = with_test.with_changes(files=(code,))
    assert not claims.claims_tests_without_tests(with_test).fired
    assert claims.claims_tests_without_tests(without).fired
