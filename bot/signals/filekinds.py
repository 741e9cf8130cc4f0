"""What a changed path is: a test, documentation, community boilerplate, or code.

Conventions recognised: Go ``_test.go``; Python ``test_*.py`` / ``*_test.py`` /
``*_tests.py`` / ``tests.py`` (Django) / ``tests/``; JS/TS ``*.test.*`` / ``*.spec.*`` / ``__tests__/`` /
``__snapshots__/`` / ``__testfixtures__/``, tsd's ``*.test-d.ts``, Deno/Go-style ``*_test.ts``, Cypress
``*.cy.ts``, a ``test.js`` at the root (of the repository or of ``packages/<name>/``);
Dart ``*_test.dart``; C/C++ (GoogleTest, Chromium) ``*_test.cc`` / ``*_unittest.cc`` / ``FooTest.cpp``,
LLVM's ``unittests/``; Rust ``tests/``, ``foo/tests.rs``, insta's ``snapshots/*.snap`` (and tests inside
a source file, read from its patch: ``patch_has_test_module``); .NET test projects ``MyLib.Tests/`` /
``MyLib.UnitTests/`` and SwiftPM test targets ``Tests/MyLibTests/`` (their code, test data and specs, not
their project files nor prose at their root or under docs/); Java/Kotlin ``src/test/``, Gradle and Kotlin
Multiplatform source sets ``src/commonTest/``, ``src/androidTest/``, ``src/jvmTest/`` … (the known names
only: ``src/abTest/`` or ``src/speedTest/`` is product code), ``src/testFixtures/``, ``*Test.kt``;
Swift ``*Tests.swift``; Ruby ``spec/``; Perl ``t/*.t``;
shell ``*.test.sh`` / ``test_*.sh`` / ``*.bats``; test directories and crates by an established name
such as ``test-suite/``, ``integration-tests/``, ``tests_e2e/`` (code in them, not docs or config).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.signals import inline_tests

# Gradle/Android/KMP source sets "<name>Test": commonTest, androidUnitTest, jvmTest, wasmJsTest, integrationTest
_SOURCE_SET = (r"(?:common|android|androidUnit|androidInstrumented|jvm|js|ios|native|desktop|wasmJs|unit|integration"
               r"|functional)")
# Kinds of tests that name a test directory: integration-tests/, e2e_test/, tests_unit/
_TEST_KINDS = (r"(?:unit|integration|e2e|end[-_]to[-_]end|functional|acceptance|smoke|system|api|ui|regression"
               r"|contract|component|conformance|interop|browser)")
_TEST_PATH = re.compile(
    r"(^|/)(tests?|__tests__|__snapshots__|__testfixtures__|unittests|spec|specs|testing|testdata|e2e)/"
    # Gradle's, Android's and Kotlin Multiplatform's test source sets: src/test/, src/commonTest/,
    # src/androidTest/, src/testDebug/, src/testFixtures/ (by name: src/abTest/ is an A/B-test feature)
    rf"|(^|/)src/(?:test|{_SOURCE_SET}Test|test(?:Debug|Release)|testFixtures)/"
    r"|(^|/)snapshots/[^/]+\.snap$"  # insta's snapshots beside a Rust module's inline tests
    r"|_test\.(go|py|rs|rb|exs?|cc|cpp|cxx|c|dart|sh|bash|[cm]?[jt]sx?)$|_unittest\.(cc|cpp|cxx|c|mm)$"
    r"|(^|/)test_[^/]*\.(py|sh|bash)$|(^|/)tests?\.py$|_tests\.(py|rs)$"  # test_*.py; Django's tests.py
    # Rust's foo/tests.rs module; a test.js at the root of the repository or of a monorepo package
    # (src/commands/test.ts and cargo's commands/test.rs implement a "test" command)
    r"|(^|/)tests\.rs$|^(?:(?:packages|libs?|modules)/[^/]+/)?tests?\.[cm]?[jt]sx?$"
    r"|(^|/)conftest\.py$"
    r"|\.(test|spec|cy)\.[cm]?[jt]sx?$|\.test-d\.[cm]?tsx?$"  # .cy: Cypress; .test-d.ts: tsd's type tests
    r"|\.test\.(sh|bash|bats)$|\.bats$"  # shell tests, Bats (Perl's t/*.t: _is_perl_test)
    r"|(^|/)[^/]*(Test|Tests|Spec|IT)\.(java|kt|scala|groovy|cs|swift|php)$"
    r"|(^|/)[^/]*(Test|Tests)\.(cpp|cc|cxx|c|m|mm)$"  # GoogleTest's FooTest.cpp, XCTest's FooTests.m
    r"|_spec\.rb$",
)
# A test crate or directory by an established name (test-suite/, tests_integration/, integration-tests/,
# e2e_test/; not ab_test/, self_test/, load_test/ or test-env/, which hold product code and config, nor
# Go's testutil/ helper packages), holding code, not docs or config (_in_test_dir)
_TEST_DIR = re.compile(
    rf"(^|/)(test[-_]?suites?|{_TEST_KINDS}[-_]tests?"
    rf"|tests?[-_](?:{_TEST_KINDS}|suites?|utils?|helpers?|data|cases))/")
# A .NET test project: MyLib.Tests/, MyLib.UnitTests/, MyLib.IntegrationTest/ (_in_test_project)
_DOTNET_TEST_PROJECT = re.compile(r"(^|/)[^/]+\.(?:Unit|Integration|Functional|Acceptance|E2E)?Tests?/")
# A SwiftPM test target: Tests/MyLibTests/, Packages/Core/Tests/CoreTests/ (_in_test_project)
_SWIFT_TEST_TARGET = re.compile(r"(^|/)Tests/[A-Za-z_]\w*Tests/")
_DOTNET_PROJECT_FILE = re.compile(r"\.(?:csproj|fsproj|vbproj|sln|slnx|props|targets)$", re.IGNORECASE)
# prose at a .NET test project's root: its README, TESTING.md, TEST_PLAN.md, notes (not a Verify snapshot)
_ROOT_PROSE = re.compile(r"(?<!\.verified)\.(?:md|mdx|markdown|rst|txt|adoc|asciidoc)$", re.IGNORECASE)
_DOC_OR_CONFIG_NAME = re.compile(r"[^/]+\.(?:md|mdx|markdown|rst|txt|adoc|ya?ml|json|toml)$")
_PERL_TEST_NAME = re.compile(r"[^/]+\.t$")
_PROSE_SUFFIX = r"(\.(?:md|mdx|markdown|rst|txt|adoc|asciidoc|org))?$"  # .github/workflows/security.yml is code
_COMMUNITY_FILES = re.compile(
    r"(^|/)(readme|license|licence|copying|code_of_conduct|contributing|security|authors|"
    r"contributors|changelog|changelog[_-][\w-]+|changes|history|notice|support|governance|maintainers|codeowners"
    r"|upgrading|migration[_-]guide|release[_-]notes)" + _PROSE_SUFFIX,
    re.IGNORECASE,
)
# Files a project's maintainers keep up to date as they release: an edit to them alone is bookkeeping.
# Upgrade guides under their usual names: UPGRADING.md, UPGRADE.md, upgrade-guide.md, MIGRATION_GUIDE.md
_BOOKKEEPING = re.compile(
    r"(^|/)(changelog|changelog[_-][\w-]+|changes|history|codeowners|release[_-]notes"
    r"|upgrading|upgrade(?:[_-]guide)?|migration[_-]guide)" + _PROSE_SUFFIX,
    re.IGNORECASE,
)
_DOC_EXT = re.compile(r"\.(md|mdx|markdown|rst|adoc|asciidoc)$", re.IGNORECASE)
_DOC_DIR = re.compile(r"(^|/)(docs?|documentation)/", re.IGNORECASE)
# Under docs/ these are the docs site's code and build, not prose: a Next.js docs app's components,
# Sphinx's conf.py, a VuePress config, the site's package.json and lockfile
_SITE_CODE = re.compile(
    r"\.(py|go|rs|rb|php|java|kt|[cm]?[jt]sx?|vue|svelte|css|scss|sass|less|styl|html?|sh|bash|lock)$"
    r"|(^|/)(package(-lock)?\.json|\.env(\.[\w-]+)?)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)  # a repository's PRs touch the same paths; a lookup costs less than the search
def is_test_path(path: str) -> bool:
    return (bool(_TEST_PATH.search(path)) or _in_test_dir(path) or _is_perl_test(path)
            or _in_test_project(path))


# Both rules below read what follows a directory once per path, not once per directory: as a
# regex, "(^|/)t/(?:[^/]+/)*[^/]+\.t$" (and a lookahead of that shape after each test directory)
# rescanned the rest of the path from every "t/", quadratic in a path's length. What follows a
# directory ending at ``end`` is a well-formed relative path ("a/b/x.t", no empty name) when no
# "//" starts at or after ``end - 1``; that holds for the last such directory if it holds for any.

def _is_perl_test(path: str) -> bool:
    """Perl's ``t/**/*.t``: a ``.t`` file below a ``t/`` directory."""
    cut = path.rfind("/t/")
    end = cut + 3 if cut >= 0 else (2 if path.startswith("t/") else -1)
    return end > 0 and _well_formed_after(path, end) and bool(_PERL_TEST_NAME.match(_basename(path)))


def _in_test_dir(path: str) -> bool:
    """Under a test directory by an established name (``_TEST_DIR``), unless the file is docs or config."""
    if not _DOC_OR_CONFIG_NAME.match(_basename(path)):
        return bool(_TEST_DIR.search(path))
    empty = path.rfind("//")  # docs or config under a test directory only when what follows it is malformed
    return empty >= 0 and bool(_TEST_DIR.search(path, 0, empty + 1))


def _in_test_project(path: str) -> bool:
    """In a .NET test project or a SwiftPM test target (not one in a docs tree), but not its project
    and build files (MyLib.Tests.csproj, Directory.Build.props) nor the docs about it: prose at its
    root (README, LICENSE, CHANGELOG, TESTING.md, TEST_PLAN.md, NOTES.md, any .md/.rst/.adoc/.txt),
    prose under its docs/. Those hold no test. Everything else counts, as under tests/: code, test
    data in a folder (cases.json, TestData/changes.txt), a Verify snapshot (.verified.txt,
    .verified.md) and Markdown spec files that are the test cases (Markdig's Specs/PipeTableSpecs.md)."""
    project = _DOTNET_TEST_PROJECT.search(path) or _swift_test_target(path)
    if not project:
        return False
    inside = path[project.end():]
    if _DOTNET_PROJECT_FILE.search(inside):
        return False
    if "/" not in inside:
        return not (is_community_file(inside) or _ROOT_PROSE.search(inside))
    return not (_DOC_DIR.match(inside) and _DOC_EXT.search(inside))


def _swift_test_target(path: str) -> re.Match | None:
    target = _SWIFT_TEST_TARGET.search(path) if "Tests/" in path else None
    return None if target and _DOC_DIR.search(path, 0, target.start() + 1) else target


def _well_formed_after(path: str, end: int) -> bool:
    return path.find("//", end - 1) < 0


def _basename(path: str) -> str:
    return path[path.rfind("/") + 1:]


def patch_has_test_module(patch: str | None, path: str = "") -> bool:
    """A test added inside a source file: a Rust ``#[cfg(test)]`` module or test function, a Zig or D
    inline test block, a doctest, a line added inside an existing test block (``inline_tests``)."""
    return inline_tests.adds_test(patch, path)


def is_community_file(path: str) -> bool:
    return bool(_COMMUNITY_FILES.search(path))


def is_bookkeeping_file(path: str) -> bool:
    """A changelog, release notes, an upgrade guide or CODEOWNERS."""
    return bool(_BOOKKEEPING.search(path))


def is_doc_path(path: str) -> bool:
    """Documentation-like: community files, prose files, or anything under docs/ but the docs
    site's own code and build files."""
    return is_community_file(path) or bool(
        _DOC_EXT.search(path) or (_DOC_DIR.search(path) and not _SITE_CODE.search(path)))
