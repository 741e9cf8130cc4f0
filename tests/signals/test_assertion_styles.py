"""``tests_without_assertions`` recognises the common ways a test checks its results.

Each file below is a new test that does check what it runs: GoogleTest's ``EXPECT_*``, Catch2's
``REQUIRE``, tape and ava's ``t.equal`` / ``t.is``, a Go testable example (``// Output:``, which
``go test`` compares) and a Go test whose ``*testing.T`` is not named ``t``. Reporting them as
"new test file without any assertion" is false.
"""

from __future__ import annotations

import pytest

from bot.signals import assertions
from bot.snapshot import FileChange, PRSnapshot


def _new_file(path: str, code: str) -> FileChange:
    lines = code.strip("\n").splitlines()
    patch = f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + line for line in lines)
    return FileChange(path=path, status="added", additions=len(lines), deletions=0, patch=patch)


def _hit(path: str, code: str):
    return assertions.tests_without_assertions(PRSnapshot(title="Add tests", body="", files=(_new_file(path, code),)))


CHECKING = {
    "googletest": ("src/parser/lexer_test.cc", """
#include "parser/lexer.h"
#include <gtest/gtest.h>
TEST(LexerTest, SplitsOnWhitespace) {
  auto tokens = Lex("a b  c");
  EXPECT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[2].is_word());
}
"""),
    "catch2": ("tests/lexer_test.cpp", """
#include <catch2/catch_test_macros.hpp>
#include "lexer.h"
TEST_CASE("splits on whitespace") {
  auto tokens = lex("a b  c");
  REQUIRE(tokens.size() == 3);
  REQUIRE(tokens[2].text == "c");
}
"""),
    "tape": ("test/slug.test.js", """
const test = require('tape')
const slug = require('../slug')
test('makes slugs', (t) => {
  t.equal(slug('Hello, World!'), 'hello-world')
  t.deepEqual(slug.parts('a b'), ['a', 'b'])
  t.end()
})
"""),
    "ava": ("test/slug.test.mjs", """
import test from 'ava'
import slug from '../slug.js'
test('makes slugs', t => {
  t.is(slug('Hello, World!'), 'hello-world')
  t.deepEqual(slug.parts('a b'), ['a', 'b'])
})
"""),
    "go example": ("pkg/slug/example_test.go", """
package slug_test

import (
\t"fmt"

\t"example.com/slug"
)

func ExampleMake() {
\tfmt.Println(slug.Make("Hello, World!"))
\t// Output: hello-world
}
"""),
    "go custom t": ("pkg/slug/slug_test.go", """
package slug

import "testing"

func TestMake(tt *testing.T) {
\tif got := Make("Hello, World!"); got != "hello-world" {
\t\ttt.Errorf("Make() = %q", got)
\t}
}
"""),
}


@pytest.mark.parametrize("case", sorted(CHECKING))
def test_a_new_test_that_checks_its_results_is_quiet(case):
    assert not _hit(*CHECKING[case]).fired


NOT_CHECKING = {
    "js import only": ("test/slug.test.js", """
const test = require('tape')
const slug = require('../slug')
test('makes slugs', (t) => {
  slug('Hello, World!')
  t.end()
})
"""),
    "go call only": ("pkg/slug/slug_test.go", """
package slug

import "testing"

func TestMake(tt *testing.T) {
\tgot := Make("Hello, World!")
\t_ = got
\tif err := Run(); err != nil {
\t\tprintln(err.Error())
\t}
}
"""),
    "cpp call only": ("src/parser/lexer_test.cc", """
#include "parser/lexer.h"
#include <gtest/gtest.h>
TEST(LexerTest, SplitsOnWhitespace) {
  auto tokens = Lex("a b  c");
  (void)tokens;
}
"""),
}


@pytest.mark.parametrize("case", sorted(NOT_CHECKING))
def test_a_new_test_that_checks_nothing_still_fires(case):
    hit = _hit(*NOT_CHECKING[case])
    assert hit.value == 1.0 and hit.evidence.startswith("new test file without any assertion:")


class _Counting:
    """A compiled regex, or the ``re`` module, that counts the scans made through it."""

    SCANS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "compile")

    def __init__(self, inner, counter: list[int]):
        self._inner, self._counter = inner, counter

    def __getattr__(self, name):
        attr = getattr(self._inner, name)
        if name not in self.SCANS:
            return attr

        def counted(*args, **kwargs):
            self._counter[0] += 1
            return attr(*args, **kwargs)
        return counted


def _go_reports_scans(monkeypatch, n_names: int, report: bool) -> tuple[bool, int]:
    """``_go_reports`` on a Go test file with ``n_names`` distinct *testing.T names, and the number
    of regex scans (searches, compiles) it made."""
    import re
    lines = [f"func TestA{i}(a{i} *testing.T) {{}}" for i in range(n_names)]
    if report:
        lines.append(f'func TestLast(a{n_names - 1} *testing.T) {{ a{n_names - 1}.Errorf("bad") }}')
    counter = [0]
    with monkeypatch.context() as patch:
        patch.setattr(assertions, "re", _Counting(re, counter))
        for name, value in list(vars(assertions).items()):
            if isinstance(value, re.Pattern):
                patch.setattr(assertions, name, _Counting(value, counter))
        found = assertions._go_reports("\n".join(lines))
    return found, counter[0]


@pytest.mark.parametrize("report", [True, False])
def test_go_reports_scans_the_text_a_fixed_number_of_times_whatever_the_number_of_names(monkeypatch, report):
    # review-sigfix #4: a search per distinct *testing.T name made 650 names in one file take 230 ms
    few = _go_reports_scans(monkeypatch, 3, report)
    many = _go_reports_scans(monkeypatch, 400, report)
    assert few[0] is many[0] is report
    assert many[1] == few[1] <= 2
