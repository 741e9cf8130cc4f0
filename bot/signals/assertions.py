"""``tests_without_assertions`` (kind "effort"): a newly added test file whose patch never
asserts anything (no assert, expect(, require., t.Error/t.Fatal, assert_eq!, self.assert…,
should, testify suite calls such as ``s.Require().NoError(err)`` / ``s.Equal(want, got)``,
GoogleTest's ``EXPECT_EQ``, Catch2's ``REQUIRE``, Boost.Test, Qt Test, Unity, Criterion and
CppUnit macros, minitest's ``_(x).must_equal``, tape and ava's ``t.equal`` / ``t.is``, a Go
example's ``// Output:``, a Go test's ``tt.Errorf`` whatever its *testing.T or testing.TB is called;
in Rust, which fails a test that panics or returns an error, also any ``.unwrap()`` /
``.unwrap_err()`` / ``.expect(…)`` / ``.expect_err(…)``, and a ``?`` (outside strings and ``//``
comments) in a file with a test function returning a ``Result``), i.e.
tests that run code without checking it. A Go file that adds only benchmarks
(``func Benchmark…``, no ``func Test…``) measures instead of checking and is not reported.

Known miss, accepted so that no person's test is called empty: a Rust test that unwraps only its
scaffolding (``let dir = tempdir().unwrap();``, ``fs::write(…).unwrap();``) and checks nothing
else reads as checking, because the unwrap of a constructor may be the very check of a smoke or
regression test (``let _db = Database::open("issue_123.db").unwrap();``).

Only added files on a test path with a source-code extension count; fixtures, test data,
``conftest.py`` and helper modules are skipped. Quiet when patches are unknown.
"""

from __future__ import annotations

import re

from bot.result import SignalHit
from bot.signals import filekinds, hits
from bot.snapshot import FileChange, PRSnapshot

NAME = "tests_without_assertions"
KIND = "effort"

_CODE_EXT = re.compile(r"\.(py|go|rs|[cm]?[jt]sx?|java|kt|scala|rb|php|cs|swift|exs?|cc|cpp|c)$", re.IGNORECASE)
_NOT_A_TEST = re.compile(
    r"(^|/)(conftest\.py|__init__\.py|setup_test\.go|main_test\.go)$|(^|/)(testdata|fixtures?|__fixtures__|mocks?|__mocks__"
    r"|__snapshots__|__testfixtures__|testfixtures|testutils?|helpers?|utils?|support|data)/"
    r"|(helpers?|utils?|fixtures?|mocks?|setup)\.[\w]+$",
    re.IGNORECASE,
)
# A C/C++ test runner's main (GoogleTest's InitGoogleTest + RUN_ALL_TESTS, Catch2's Session, doctest's
# Context), read only when the file defines no test case: it runs the tests the other files define
_TEST_MAIN = re.compile(r"RUN_ALL_TESTS\s*\(|\bInitGoogle(?:Test|Mock)\s*\(|\bCatch::Session\b|\bdoctest::Context\b")
_C_TEST_CASE = re.compile(
    r"\b(?:TYPED_)?TEST(?:_F|_P|_CASE(?:_METHOD|_TEMPLATE)?|_SUITE)?\s*\(|\bSCENARIO\s*\(|\bBOOST_\w*TEST_CASE\w*\s*\("
    r"|\bQTEST_\w*MAIN\b|\bvoid\s+test\w*\s*\(")
_ASSERTION = re.compile(
    r"(?:\b|_)assert|\bexpect\s*[(.]|\bcr_expect|\.(?:must|wont)_\w|\bexpects?\b|\brequire\.|\bt\.(?:error|fatal|fail)|\bb\.(?:error|fatal|fail)"
    r"|\bself\.fail|\bshould|\bpytest\.(?:raises|fail|approx)|\.to(?:be|equal|throw|match|have|contain)"
    r"|\bcheck\s*\(|\bverify\w*\s*\(|\bvalidate\w*\s*\(|\bpanic!|#\[should_panic|\bXCT|\bis\.\w+\(|\bOmega\(|\bEventually\("
    # tape, node-tap and ava: t.equal(a, b), t.deepEqual(…), t.ok(…), t.is(…)
    r"|\bt\.(?:is|not|equals?|notequals?|deepequals?|notdeepequals?|strictequals?|same|notsame|strictsame|ok|notok"
    r"|truthy|falsy|true|false|throws\w*|notthrows\w*|rejects|match|notmatch|like|unlike|snapshot)\s*\(",
    re.IGNORECASE,
)
# C/C++ test macros (case-sensitive: JavaScript's require('tape') is an import): GoogleTest's
# EXPECT_EQ(…) and ASSERT_TRUE(…), Catch2 and doctest's REQUIRE(…) and CHECK_THROWS(…), and with a
# framework's prefix: Boost.Test's BOOST_CHECK_EQUAL(…) and BOOST_TEST(…), Unity's
# TEST_ASSERT_EQUAL_INT(…), CppUnit's CPPUNIT_ASSERT_EQUAL(…); Qt Test's QCOMPARE(…) and QVERIFY(…)
_TEST_MACRO = re.compile(r"(?:\b|_)(?:EXPECT|ASSERT|REQUIRE|CHECK)(?:_\w+)?\s*\(|\bBOOST_TEST\s*\("
                         r"|\bQ(?:COMPARE|VERIFY)\w*\s*\(")
_MACRO_WORDS = ("EXPECT", "ASSERT", "REQUIRE", "CHECK", "BOOST_TEST", "QCOMPARE", "QVERIFY")
# A Go testable example: `go test` compares what it prints with its "// Output:" comment
_GO_OUTPUT = re.compile(r"^[ \t]*//[ \t]*(?:Unordered[ \t]+)?[Oo]utput:", re.MULTILINE)
# A Go test whose *testing.T is not called t: func TestMake(tt *testing.T), t.Run(…, func(st *testing.T) …).
# Both start with a literal, which the regex engine finds fast; the name before it is read by hand.
_GO_TESTING_TYPE = re.compile(r"\*testing\.[TBF]\b|\btesting\.TB\b")  # TB: a helper's interface parameter
_GO_REPORT = re.compile(r"\.(?:Error|Fatal|Fail)")  # tt.Errorf(…): its receiver is read against those names
# testify suites (case-sensitive): s.Require().NoError(err), r := s.Require(), s.Equal(want, got)
_TESTIFY_SUITE = re.compile(
    r"\.(?:Require|Assert)\(\)|\b(?:s|suite)\.(?:Equal|EqualValues|EqualError|NotEqual|NoError"
    r"|Error|ErrorIs|ErrorAs|ErrorContains|True|False|Nil|NotNil"
    r"|Len|Contains|NotContains|Empty|NotEmpty|Zero|NotZero|Greater|GreaterOrEqual|Less|LessOrEqual|Panics"
    r"|NotPanics|JSONEq|YAMLEq|ElementsMatch|Subset|InDelta|IsType|Implements|Same|Regexp|Eventually|Fail|FailNow)f?\(",
)
# Rust (in .rs files only): a test fails when it panics, so unwrapping checks the call succeeded (or
# failed); .expect("…") and #[should_panic] are read by _ASSERTION. A test function returning a
# Result (#[test] … fn name() -> io::Result<()>, #[tokio::test] async fn … -> anyhow::Result<()>)
# fails when a `?` returns an error.
_RUST_FILE = re.compile(r"\.rs$", re.IGNORECASE)
_RUST_UNWRAP = re.compile(r"\.unwrap(?:_err)?\(\)|\.expect_err\s*\(")
_RUST_RESULT_TEST = re.compile(
    r"#\[(?:\w+::)*(?:test|rstest|test_case)\b[^\n]{0,300}\n(?:[ \t]*#\[[^\n]{0,300}\n){0,8}+"  # then attributes
    r"[ \t]*(?:pub(?:\([\w:]+\))?[ \t]+)?(?:async[ \t]+)?fn[ \t]+\w+[^{;]{0,500}?->[ \t]*(?:\w+::)*\w*Result\b")
# (bounded: a search from each attribute reads a few lines, not the rest of a file of attributes)
_RUST_TRY = re.compile(r"(?<=[\w)\]>])\?")  # parse(x)?; .await? (read in code only: _rust_code)
# what the scan of a line stops at: a string's opening quote, a // comment, or the char '"'
_CODE_STOP = re.compile(r"""'"'|"|//""")
_STRING_REST = re.compile(r'(?:[^"\\]|\\.)*+"')  # a string's body and closing quote, on one line

_TEST_NAME = re.compile(
    r"(^|/)test_[^/]*$|_test\.\w+$|\.(test|spec)\.\w+$|(Test|Tests|Spec|IT)\.\w+$|_spec\.rb$"
    r"|(^|/)__tests__/[^/]+$|(^|/)tests/[^/]+\.rs$"
)


def _is_new_test(change: FileChange) -> bool:
    """An added test module: on a test path, named like a test (``e2e/playwright.config.ts``
    is not), in a programming language, and not a fixture or helper."""
    is_new = change.status == "added" or (change.patch or "").startswith("@@ -0,0 ")
    return (is_new and hits.whole_patch(change) and filekinds.is_test_path(change.path)
            and bool(_TEST_NAME.search(change.path)) and bool(_CODE_EXT.search(change.path))
            and not _NOT_A_TEST.search(change.path))


def _added_text(patch: str) -> str:
    return "\n".join(line[1:] for line in patch.splitlines() if line.startswith("+"))


_HINTS = ("assert", "expect", "require.", "t.", "b.error", "b.fatal", "b.fail",
          "self.fail", "should", "pytest.", ".to", "check", "verify", "validate", "panic!", "xct", "is.",
          "omega(", "eventually(", ".must_", ".wont_", "cr_expect")
MAX_NEW_TESTS = 50


def _asserts(patch: str) -> bool:
    added = _added_text(patch)
    low = added.lower()
    if any(h in low for h in _HINTS) and _ASSERTION.search(added):  # substring check first: fast
        return True
    if ("s." in added or "suite." in added or "Require()" in added) and _TESTIFY_SUITE.search(added):
        return True
    if _has_test_macro(added) or ("utput:" in added and _GO_OUTPUT.search(added)):
        return True
    if "testing." in added and _go_reports(added):
        return True
    return "func Benchmark" in added and "func Test" not in added  # Go benchmarks measure, not check


def _rust_checks(patch: str) -> bool:
    """Whether a Rust test file's added code unwraps anything, or has a test returning a Result
    and a ``?`` outside strings and comments."""
    added = _added_text(patch)
    if _RUST_UNWRAP.search(added):
        return True
    if "?" not in added or not _RUST_RESULT_TEST.search(added):
        return False
    return bool(_RUST_TRY.search(_rust_code(added)))


def _rust_code(text: str) -> str:
    """``text`` with each string's body emptied and each ``//`` comment cut, line by line."""
    return "\n".join(_code_of(line) if '"' in line or "//" in line else line for line in text.split("\n"))


def _code_of(line: str) -> str:
    """One line's code, read once from left to right: each search starts where the last string
    ended, and a comment ends the line. An unclosed quote (a multi-line string's end, a raw string)
    leaves the rest of the line as it is."""
    parts, pos = [], 0
    while stop := _CODE_STOP.search(line, pos):
        if stop.group() == "//":
            return "".join(parts) + line[pos: stop.start()]
        if stop.group() == "'\"'":
            parts.append(line[pos: stop.end()])
            pos = stop.end()
            continue
        body = _STRING_REST.match(line, stop.end())
        if not body:
            break
        parts.append(line[pos: stop.end()] + '"')
        pos = body.end()
    return "".join(parts) + line[pos:]


def _has_test_macro(added: str) -> bool:
    """``_TEST_MACRO``, searched only when one of its words is there: most test files have none."""
    return any(w in added for w in _MACRO_WORDS) and bool(_TEST_MACRO.search(added))


def _go_reports(added: str) -> bool:
    """Whether a Go test reports a failure through its *testing.T or *testing.B, whatever its name.
    Two scans of ``added`` whatever the number of names: a search per name made a test file with
    hundreds of distinct parameter names quadratic (2 s for one PR)."""
    names = {_word_before(added, _after_blanks(added, m.start())) for m in _GO_TESTING_TYPE.finditer(added)}
    names.discard("")
    return bool(names) and any(_word_before(added, m.start()) in names for m in _GO_REPORT.finditer(added))


def _after_blanks(text: str, end: int) -> int:
    """Where the spaces and tabs before ``end`` start ("tt *testing.T"); ``-1`` when there are none."""
    i = end
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i if i < end else -1


def _word_before(text: str, end: int) -> str:
    """The identifier that ends at ``end`` ("" when none does, or when ``end`` is -1)."""
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return text[i: end] if end > 0 else ""


def _checks(path: str, patch: str) -> bool:
    return (_asserts(patch) or bool(_RUST_FILE.search(path) and _rust_checks(patch))
            or _only_runs_tests(patch))


def _only_runs_tests(patch: str) -> bool:
    """A test runner's ``main`` that defines no test case (``unittests/test_main.cpp`` calling
    ``RUN_ALL_TESTS()``): it holds no test, so it lacks no assertion."""
    added = _added_text(patch)
    return bool(_TEST_MAIN.search(added)) and not _C_TEST_CASE.search(added)


def tests_without_assertions(snapshot: PRSnapshot) -> SignalHit:
    new_tests = [f for f in hits.files(snapshot) if _is_new_test(f)][:MAX_NEW_TESTS]
    new_tests = hits.within_patch_budget(new_tests)
    empty = [f for f in new_tests if f.additions >= 5 or len(f.patch or "") > 100]
    empty = [f for f in empty if not _checks(f.path, hits.patch(f) or "")]
    if not empty:
        return hits.quiet(NAME, KIND)
    shown = ", ".join(f"{f.path} (+{f.additions})" for f in empty[:3])
    return hits.fired(NAME, KIND, len(empty) / len(new_tests),
                      f"new test file without any assertion: {shown}")
