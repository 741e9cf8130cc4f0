"""Product code in a camelCase "…Test" folder, Go's testutil helpers and a GoogleTest main are no
tests without assertions (review 4 #3).

12c44c3 counted any ``src/<name>Test/`` and ``testutil(s)/`` as test paths, so a React A/B-test
component (``src/abTest/ABTest.tsx``) and a Go helper (``internal/testutil/test_server.go``) were "a
new test file without any assertion"; so was ``unittests/test_main.cpp``, whose only code starts
GoogleTest. Only the known Gradle/Android/KMP source sets count now, testutil/ is a helper package,
and a test runner's main that defines no test case holds no test.
"""

from __future__ import annotations

import pytest

from bot.signals import assertions
from bot.signals.filekinds import is_test_path
from bot.snapshot import FileChange, PRSnapshot

GO_SERVER = ["package testutil", "", "import (", "\t\"net/http\"", "\t\"net/http/httptest\"", "\t\"testing\"", ")",
             "", "func NewServer(tb testing.TB, h http.Handler) *httptest.Server {", "\ttb.Helper()",
             "\tsrv := httptest.NewServer(h)", "\ttb.Cleanup(srv.Close)", "\treturn srv", "}"]
AB = ["import { useEffect, useState } from 'react';", "import { assignVariant } from './assign';", "",
      "export function ABTest({ name, variants }) {", "  const [variant, setVariant] = useState(null);",
      "  useEffect(() => { setVariant(assignVariant(name, variants)); }, [name]);",
      "  return variant ? variants[variant] : null;", "}"]
GTEST_MAIN = ["#include <gtest/gtest.h>", "", "int main(int argc, char **argv) {",
              "  ::testing::InitGoogleTest(&argc, argv);", "  return RUN_ALL_TESTS();", "}"]
KT_FIX = ["package com.acme.fixtures", "", "object SampleUsersTest {", "    val alice = User(id = 1, name = \"Alice\")",
          "    val bob = User(id = 2, name = \"Bob\")", "}"]
KT_EMPTY_TEST = ["package com.acme", "", "import kotlin.test.Test", "", "class ParserTest {", "    @Test",
                 "    fun parses() {", "        Parser().parse(\"a\")", "    }", "}"]
GTEST_NO_CHECK = ["#include <gtest/gtest.h>", "", "TEST(Parser, Parses) {", "  Parser p;", "  p.parse(\"a\");", "}",
                  "", "int main(int argc, char **argv) {", "  ::testing::InitGoogleTest(&argc, argv);",
                  "  return RUN_ALL_TESTS();", "}"]


def _fires(path: str, lines: list[str]) -> bool:
    patch = f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + line for line in lines)
    change = FileChange(path=path, status="added", additions=len(lines), deletions=0, patch=patch)
    return assertions.tests_without_assertions(PRSnapshot(title="Add", body="Adds it.", files=(change,))).fired


@pytest.mark.parametrize(("path", "lines"), [
    ("src/abTest/ABTest.tsx", AB),
    ("src/speedTest/SpeedTest.tsx", AB),
    ("src/typingTest/TypingTest.jsx", AB),
    ("src/loadTest/LoadTest.ts", AB),
    ("internal/testutil/test_server.go", GO_SERVER),
    ("pkg/testutils/test_db.go", GO_SERVER),
    ("unittests/test_main.cpp", GTEST_MAIN),
    ("llvm/unittests/test_main.cpp", GTEST_MAIN),
    ("src/testFixtures/kotlin/com/acme/test_users.kt", KT_FIX),
])
def test_product_code_helpers_and_test_mains_are_not_empty_tests(path, lines):
    assert not _fires(path, lines)


@pytest.mark.parametrize("path", ["src/abTest/ABTest.tsx", "src/speedTest/SpeedTest.tsx", "internal/testutil/db.go",
                                  "pkg/testutils/test_db.go"])
def test_they_are_not_test_paths(path):
    assert not is_test_path(path)


@pytest.mark.parametrize("path", [
    "src/commonTest/kotlin/ParserTest.kt", "src/androidTest/java/a/ParserTest.kt", "src/jvmTest/kotlin/ParserTest.kt",
    "src/androidUnitTest/kotlin/ParserTest.kt", "src/androidInstrumentedTest/kotlin/ParserTest.kt",
    "src/iosTest/kotlin/ParserTest.kt", "src/wasmJsTest/kotlin/ParserTest.kt", "src/integrationTest/java/ParserTest.java",
    "src/functionalTest/kotlin/ParserTest.kt", "src/testDebug/java/ParserTest.java", "src/test/kotlin/ParserTest.kt",
])
def test_known_source_sets_still_hold_tests(path):
    assert is_test_path(path)
    assert _fires(path, KT_EMPTY_TEST)


def test_a_gtest_file_with_a_test_case_and_no_check_still_fires():
    assert _fires("unittests/test_parser.cpp", GTEST_NO_CHECK)
