"""Contributor-facing claims a reviewer found false: what a PR comment says must hold for the PR.

Real PRs come from the training split (git_prs diffs_sample, jaeger/gluesql excluded); crafted
patches are the reviewer's minimal reproductions where no real one was found.
"""

from __future__ import annotations

from bot.signals import assertions, claims, filekinds
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


# --- tests_without_assertions: testify suites and Go benchmarks ----------------------------------

_SUITE = ('@@ -0,0 +1,13 @@\n+package store\n+\n+type StoreSuite struct{ suite.Suite }\n+\n'
          '+func (s *StoreSuite) TestPut() {\n+\tst := New()\n+\t{put}\n+\tv, err := st.Get("k")\n'
          '+\t{check}\n+}\n+\n+func TestStoreSuite(t *testing.T) { suite.Run(t, new(StoreSuite)) }\n')


def _new_go_test(patch: str, path: str = "store/store_suite_test.go") -> PRSnapshot:
    return _one_file(path, patch, status="added")


def test_testify_suite_assertions_count_as_assertions():
    for put, check in (('s.Require().NoError(st.Put("k", "v"))', 's.Equal("v", v)'),
                       ('st.Put("k", "v")', "s.NoError(err)"),
                       ('r := suite.Require()', 'r.Equal("v", v)'),
                       ('st.Put("k", "v")', 's.Assert().True(v == "v")')):
        patch = _SUITE.replace("{put}", put).replace("{check}", check)
        assert not assertions.tests_without_assertions(_new_go_test(patch)).fired, (put, check)


def test_a_suite_that_only_runs_code_still_fires():
    patch = _SUITE.replace("{put}", 'st.Put("k", "v")').replace("{check}", "s.T().Log(v, err)")
    hit = assertions.tests_without_assertions(_new_go_test(patch))
    assert hit.fired and "store/store_suite_test.go" in hit.evidence


def test_a_new_go_benchmark_file_measures_and_is_not_reported():
    # shaped like fiber #3827's client/request_bench_test.go (training split; its diff is cut there)
    bench = ('@@ -0,0 +1,9 @@\n+package client\n+\n+import "testing"\n+\n'
             '+func BenchmarkRequestHeapScan(b *testing.B) {\n+\tfor i := 0; i < b.N; i++ {\n'
             '+\t\tReleaseRequest(AcquireRequest())\n+\t}\n+}\n')
    assert not assertions.tests_without_assertions(_new_go_test(bench, "client/request_bench_test.go")).fired
    hollow = bench.replace("func BenchmarkRequestHeapScan(b *testing.B)", "func TestRequestHeapScan(t *testing.T)")
    hollow = hollow.replace("b.N", "10")
    assert assertions.tests_without_assertions(_new_go_test(hollow, "client/request_test.go")).fired
