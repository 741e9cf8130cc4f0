"""``is_test_path`` reads a path in time linear in its length, with the verdicts it had.

The Perl rule ``(^|/)t/(?:[^/]+/)*[^/]+\\.t$`` and the lookahead after each test directory that
left docs and config out rescanned the rest of the path from every match: a PR of 1,000 files
with 1,000-character "t/t/…/x.go" paths took 6.7 s in claims_tests_without_tests (review-sig3 #4).
The regexes are checked for the shape that causes it (an unbounded repetition inside another, or
inside a lookaround, re-run from each start), and the verdicts against the former regex.
"""

from __future__ import annotations

import random
import re

import pytest

from bot.signals import filekinds
from bot.signals.filekinds import is_test_path

try:
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse

_UNBOUNDED = sre_parse.MAXREPEAT
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}


def _rescans(items, inside_unbounded: bool = False) -> list[str]:
    """Unbounded repetitions that sit inside another one or inside a lookaround."""
    found = []
    for op, av in items:
        if op in _REPEATS:
            lo, hi, sub = av
            unbounded = hi == _UNBOUNDED
            if unbounded and inside_unbounded:
                found.append(str(op))
            found += _rescans(sub, inside_unbounded or unbounded)
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            found += _rescans(av[1], True)
        elif op == sre_parse.SUBPATTERN:
            found += _rescans(av[3], inside_unbounded)
        elif op == sre_parse.BRANCH:
            for sub in av[1]:
                found += _rescans(sub, inside_unbounded)
        elif op == getattr(sre_parse, "ATOMIC_GROUP", None):
            found += _rescans(av, inside_unbounded)
    return found


def _path_patterns():
    return [v for k, v in vars(filekinds).items() if isinstance(v, re.Pattern) and k in
            ("_TEST_PATH", "_TEST_DIR", "_DOC_OR_CONFIG_NAME", "_PERL_TEST_NAME")]


def test_no_path_regex_rescans_the_rest_of_the_path():
    patterns = _path_patterns()
    assert patterns
    for pattern in patterns:
        assert _rescans(sre_parse.parse(pattern.pattern)) == [], pattern.pattern


# The rule as one regex, before it was made linear: the oracle for the verdicts (short paths only).
_KINDS = filekinds._TEST_KINDS
_FORMER_RULES = re.compile(
    r"(^|/)t/(?:[^/]+/)*[^/]+\.t$"
    rf"|(^|/)(test[-_]?suites?|{_KINDS}[-_]tests?|tests?[-_](?:{_KINDS}|suites?|utils?|helpers?|data|cases))/"
    r"(?!(?:[^/]+/)*[^/]+\.(?:md|mdx|markdown|rst|txt|adoc|ya?ml|json|toml)$)"
)
_NAMES = ["t", "tests_unit", "integration-tests", "test-suite", "src", "docs", "", "x.t", "README.md", "v.yaml",
          "main.go", ".t", "x.md", "test-data", "lib", "foo_test.go", "spec"]


def _former(path: str) -> bool:
    return bool(filekinds._TEST_PATH.search(path) or _FORMER_RULES.search(path))


def test_the_verdicts_are_the_former_regexs_on_random_paths():
    rng = random.Random(7)
    for _ in range(20000):
        path = "/".join(rng.choice(_NAMES) for _ in range(rng.randint(1, 6)))
        assert is_test_path(path) == _former(path), path


@pytest.mark.parametrize("path", [
    "t/basic.t", "lib/t/x.t", "t/regress/deep/issue12.t", "a/t/t/b/x.t",
    "tests_unit/test_parse.py", "integration-tests/x/main_test.go", "a/test-suite/b.rs", "test-data/gen.py",
])
def test_perl_tests_and_code_in_test_directories_are_still_tests(path):
    assert is_test_path(path)


@pytest.mark.parametrize("path", [
    "t/x.pm", "lib/t/Helper.pm", "x.t", "tests_unit/README.md", "integration-tests/x/values.yaml",
    "docs/test-plan/x.md", "e2e-tests/config/values.yaml",
])
def test_docs_config_and_perl_modules_are_still_not_tests(path):
    assert not is_test_path(path)
