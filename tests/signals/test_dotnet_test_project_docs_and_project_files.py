"""A .NET test project's docs and project files are not tests (h29-sigB #2).

``MyLib.Tests/README.md`` and ``MyLib.Tests/MyLib.Tests.csproj`` sit in a test project but hold no
test: a PR claiming "Added unit tests" that touched only them has none. Code in the project, and
the test data its tests read, still count. ``docs_only_drive_by`` does not read test paths: a
README under a test project is documentation for it as before.
"""

from __future__ import annotations

import pytest

from bot.signals import filekinds
from bot.signals.claims import claims_tests_without_tests
from bot.signals.docs_only import docs_only_drive_by
from bot.signals.filekinds import is_test_path
from bot.snapshot import FileChange, PRSnapshot


def _pr(*paths: str) -> PRSnapshot:
    files = tuple(FileChange(path=p, additions=3, deletions=1) for p in paths)
    return PRSnapshot(title="t", body="Added unit tests for the new case.", files=files)


@pytest.mark.parametrize("path", [
    "src/MyLib.Tests/README.md", "MyLib.UnitTests/docs/usage.rst", "src/MyLib.Tests/MyLib.Tests.csproj",
    "MyLib.IntegrationTests/MyLib.IntegrationTests.fsproj", "src/MyLib.Tests/Directory.Build.props",
    "MyLib.Tests/LICENSE.txt",
])
def test_docs_and_project_files_in_a_dotnet_test_project_are_not_tests(path):
    assert not is_test_path(path)
    assert claims_tests_without_tests(_pr("src/MyLib/Parser.cs", path)).fired


@pytest.mark.parametrize("path", [
    "src/MyLib.Tests/ParserShould.cs", "MyLib.UnitTests/Parsing/LexerFacts.fs", "src/MyLib.Tests/Cases/empty.json",
    "src/MyLib.Tests/Snapshots/ParserShould.Parses.verified.txt",
])
def test_code_and_test_data_in_a_dotnet_test_project_are_still_tests(path):
    assert is_test_path(path)
    assert not claims_tests_without_tests(_pr("src/MyLib/Parser.cs", path)).fired


def test_other_test_conventions_keep_their_verdicts():
    assert is_test_path("tests/README.md")  # the tests/ rule is not the .NET one
    assert not is_test_path("integration-tests/README.md")
    assert is_test_path("src/MyLib/ParserTests.cs")


def test_a_readme_in_a_test_project_reads_as_docs_as_before():
    hit = docs_only_drive_by(PRSnapshot(title="t", body="", files=(FileChange("src/MyLib.Tests/README.md", additions=1),)))
    assert hit.value == 1.0  # a README, one line: as on main


def test_the_dotnet_rule_reads_a_long_path_in_linear_time():
    import time
    path = "/".join(["a.b.c.d"] * 20000) + "/x.cs"
    start = time.perf_counter()
    assert not filekinds._in_test_project(path)
    assert time.perf_counter() - start < 0.5
