"""Test files by the conventions of more languages and projects count as tests.

``claims_tests_without_tests`` says "none of the N changed files is a test" when the path rules
miss a project's test layout: a test crate (``test-suite/``), shell tests (``migrate.test.sh``,
Bats), GoogleTest's ``FooTest.cpp``, Perl's ``t/*.t``, or a Rust test added inside a source file
with an attribute other than ``#[test]``.
"""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.signals.filekinds import is_test_path, patch_has_test_module
from bot.snapshot import FileChange, PRSnapshot


@pytest.mark.parametrize("path", [
    "test-suite/src/join/inner_join.rs",
    "crates/test_suite/src/lib.rs",
    "integration-tests/src/cluster.go",
    "tests_e2e/test_login.py",
    "e2e-tests/checkout.ts",
    "deploy/db/migrate.test.sh",
    "scripts/test_install.sh",
    "scripts/install_test.sh",
    "test/install.bats",
    "install.bats",
    "src/MatcherTest.cpp",
    "src/parser/LexerTests.cc",
    "Sources/FooTests.m",
    "test.js",
    "packages/slug/test.mjs",
    "t/basic.t",
    "t/regress/issue12.t",
    "src/tests.rs",
    "src/FooSpec.groovy",
])
def test_test_files_by_more_conventions_are_tests(path):
    assert is_test_path(path)


@pytest.mark.parametrize("path", [
    "src/latest/index.go", "attest-cli/main.go", "src/testament.go", "Latest.c", "EDIT.c", "src/Contest.cpp",
    "contest.js", "pytest.ini", "lib/t/Helper.pm", "docs/guide.md",
])
def test_lookalike_paths_are_not_tests(path):
    assert not is_test_path(path)


def _claim(paths):
    files = tuple(FileChange(path=p, additions=5, deletions=1) for p in paths)
    return claims_tests_without_tests(PRSnapshot(title="t", body="Added unit tests for the new case.", files=files))


@pytest.mark.parametrize("paths", [
    ["core/src/executor/join.rs", "test-suite/src/join/inner_join.rs"],
    ["deploy/db/migrate.sh", "deploy/db/migrate.test.sh"],
    ["src/matcher.cpp", "src/MatcherTest.cpp"],
    ["lib/slug.js", "test.js"],
    ["lib/Foo.pm", "t/foo.t"],
])
def test_a_claim_with_such_a_test_file_is_kept(paths):
    assert not _claim(paths).fired


def test_a_claim_without_any_test_file_still_fires():
    assert _claim(["core/src/executor/join.rs", "README.md"]).value == 1.0


def _rust_patch(attribute: str) -> str:
    return ("@@ -120,6 +120,14 @@ mod tests {\n     use super::*;\n \n+    " + attribute + "\n"
            "+    fn parses_empty_input() {\n+        assert_eq!(parse(\"\"), Ok(Vec::new()));\n+    }\n"
            "     #[test]\n     fn parses_one() {")


@pytest.mark.parametrize("attribute", [
    "#[test]", "#[tokio::test]", '#[tokio::test(flavor = "multi_thread")]', "#[rstest]", "#[test_case(1, 2)]",
    "#[sqlx::test]", "#[async_std::test]", "#[test_log::test]", "#[wasm_bindgen_test]",
])
def test_a_rust_test_added_with_any_test_attribute_counts(attribute):
    assert patch_has_test_module(_rust_patch(attribute))
    snapshot = PRSnapshot(title="Fix parse", body="Fixes a panic on empty input and added a unit test for it.",
                          files=(FileChange(path="src/parser.rs", additions=5, deletions=0,
                                            patch=_rust_patch(attribute)),))
    assert not claims_tests_without_tests(snapshot).fired


def test_an_added_blank_line_before_an_existing_test_adds_no_test():
    patch = "@@ -10,4 +10,5 @@ mod tests {\n     use super::*;\n+\n     #[test]\n     fn parses_one() {"
    assert not patch_has_test_module(patch)
    patch = "@@ -10,4 +10,5 @@ mod tests {\n     use super::*;\n+\n #[tokio::test]\n     async fn runs() {"
    assert not patch_has_test_module(patch)


def test_an_attribute_that_only_starts_like_test_is_no_test():
    assert not patch_has_test_module("@@ -1 +1,2 @@\n+#[testing_only]\n fn helper() {}")


@pytest.mark.parametrize("path", [
    # product code and config in directories named for a kind of testing (review-sigfix #9)
    "src/ab_test/variant.go", "internal/ab-test/bucket.ts", "pkg/split_test/assign.go",
    "firmware/self_test/post.c", "speed_test/server.py", "pkg/load_test/driver.go",
    "k8s/test-env/values.yaml", "docs/test-plan/index.md", "docs/latest-tests/index.md",
    "integration-tests/README.md", "e2e-tests/config/values.yaml",
    # a "test" command's implementation, not a test
    "src/commands/test.ts", "src/bin/cargo/commands/test.rs", "packages/core/src/test.js", "cli/test.js",
])
def test_code_and_docs_that_are_not_tests_are_not_tests(path):
    assert not is_test_path(path)


@pytest.mark.parametrize("path", [
    "api-tests/orders.ts", "tests_unit/test_parse.py", "test_helpers/fake.go", "test-data/gen.py",
    "functional_tests/login.rb", "crates/parser/src/lexer/tests.rs", "tests.ts",
])
def test_test_directories_and_files_by_established_names_are_tests(path):
    assert is_test_path(path)


@pytest.mark.parametrize("other", ["src/ab_test/variant.go", "src/bin/cargo/commands/test.rs", "docs/test-plan/index.md"])
def test_a_claim_with_only_such_lookalikes_still_fires(other):
    assert _claim(["core/src/executor/join.rs", other]).value == 1.0
