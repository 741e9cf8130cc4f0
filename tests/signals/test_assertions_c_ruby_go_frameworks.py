"""tests_without_assertions knows the assertions of Boost.Test, Qt Test, Unity, Criterion,
CppUnit, minitest's spec style and a Go helper's ``testing.TB`` (review-sig3 #7): a new test file
using them asserts something. A new test file that only calls code still fires."""

from __future__ import annotations

import pytest

from bot.signals import assertions
from bot.snapshot import FileChange, PRSnapshot


def _fires(path: str, lines: list[str]) -> bool:
    patch = f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + x for x in lines) + "\n"
    change = FileChange(path=path, status="added", additions=len(lines), deletions=0, patch=patch)
    return assertions.tests_without_assertions(PRSnapshot(title="t", body="x", files=(change,))).fired


CASES = {
    "tests/test_ring_buffer.cpp": ["#define BOOST_TEST_MODULE ring", "#include <boost/test/unit_test.hpp>",
                                   "BOOST_AUTO_TEST_CASE(push_pop) {", "  Ring r(4);", "  r.push(1);",
                                   "  BOOST_CHECK_EQUAL(r.pop(), 1);", "}"],
    "tests/test_ring_empty.cpp": ["#include <boost/test/unit_test.hpp>", "BOOST_AUTO_TEST_CASE(empty) {",
                                  "  Ring r(4);", "  r.clear();", "  BOOST_TEST(r.empty());", "}"],
    "tests/ParserTest.cpp": ["#include <QtTest>", "class ParserTest : public QObject {", "  Q_OBJECT",
                             "private slots:", "  void parsesHeader() {", "    Parser p;",
                             "    QVERIFY(p.ok());", "  }", "};"],
    "tests/test_list.c": ['#include "unity.h"', '#include "list.h"', "void test_push(void) {",
                          "  list_t *l = list_new();", "  list_push(l, 3);",
                          "  TEST_ASSERT_EQUAL_INT(1, list_len(l));", "}"],
    "tests/test_str.c": ["#include <criterion/criterion.h>", '#include "str.h"', "Test(str, trims) {",
                         '  char *s = str_trim("  a ");', '  cr_assert_str_eq(s, "a");', "  free(s);", "}"],
    "tests/MathTest.cpp": ["#include <cppunit/extensions/HelperMacros.h>",
                           "class MathTest : public CppUnit::TestFixture {", "  void testAdd() {",
                           "    CPPUNIT_ASSERT_EQUAL(4, add(2, 2));", "  }", "};"],
    "test/user_test.rb": ["require 'test_helper'", "describe User do", "  it 'has a name' do",
                          "    user = User.new(name: 'a')", "    _(user.name).must_equal 'a'", "  end", "end"],
    "pkg/x/x_test.go": ["package x", 'import "testing"', 'func TestParse(t *testing.T) { helper(t, "a") }',
                        "func helper(tb testing.TB, s string) {", "  tb.Helper()", "  if Parse(s) == nil {",
                        '    tb.Fatalf("nil for %q", s)', "  }", "}"],
}


@pytest.mark.parametrize("path", sorted(CASES))
def test_these_frameworks_assert(path):
    assert not _fires(path, CASES[path])


@pytest.mark.parametrize("path,lines", [
    ("tests/test_ring_buffer.cpp", ["#define BOOST_TEST_MODULE ring", "#include <boost/test/unit_test.hpp>",
                                    "BOOST_AUTO_TEST_CASE(push_pop) {", "  Ring r(4);", "  r.push(1);", "}"]),
    ("test/user_test.rb", ["require 'test_helper'", "describe User do", "  it 'has a name' do",
                           "    user = User.new(name: 'a')", "    user.save", "  end", "end"]),
    ("pkg/x/x_test.go", ["package x", 'import "testing"', "func helper(tb testing.TB, s string) {",
                         "  tb.Helper()", "  Parse(s)", "}", 'func TestParse(t *testing.T) { helper(t, "a") }']),
])
def test_a_test_that_only_calls_code_still_fires(path, lines):
    assert _fires(path, lines)
