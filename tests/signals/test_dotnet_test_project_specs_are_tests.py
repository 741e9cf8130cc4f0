"""is_test_path: Markdown, AsciiDoc and text files inside a .NET test project are test data (review
AB #2). Markdig's spec files (src/Markdig.Tests/Specs/PipeTableSpecs.md) are its test cases, a
Verify snapshot of Markdown output is a .verified.md, and resources may be .adoc or .txt (even one
named changes.txt or LICENSE). Excluding every prose file under MyLib.Tests/ made a spec-only PR
that said "Added test cases" read as having no test. Only the project's own docs stay excluded:
prose at its root (a README/LICENSE/CHANGELOG, and since review 2 AB #6 any .md/.txt there:
test_dotnet_test_project_root_prose_is_no_test.py), prose under its docs/, and its project and
build files."""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.signals.filekinds import is_test_path
from bot.snapshot import FileChange, PRSnapshot


@pytest.mark.parametrize("path", [
    "src/Markdig.Tests/Specs/PipeTableSpecs.md", "MyLib.Tests/Snapshots/Foo.verified.md",
    "src/Foo.Tests/Resources/sample.adoc", "MyLib.Tests/TestData/changes.txt", "MyLib.Tests/Support/notice.txt",
    "MyLib.Tests/TestFiles/LICENSE",
])
def test_prose_test_data_in_a_dotnet_test_project_is_a_test(path):
    assert is_test_path(path)


def test_a_spec_only_pr_with_test_cases_is_not_told_it_has_no_test():
    body = ("Pipe tables now keep the alignment of a header cell that ends in an escaped pipe. "
            "Added test cases for it to the pipe table spec.")
    files = (FileChange("src/Markdig/Extensions/Tables/PipeTableParser.cs", additions=1, deletions=1,
                        patch="@@ -1 +1 @@\n-a\n+b\n"),
             FileChange("src/Markdig.Tests/Specs/PipeTableSpecs.md", additions=9,
                        patch="@@ -900,3 +900,12 @@\n ```\n+| a \\| | b |\n"))
    assert not claims_tests_without_tests(PRSnapshot(title="t", body=body, files=files)).fired


@pytest.mark.parametrize("path", [
    "src/Foo.Tests/README.md", "Foo.Tests/CHANGELOG.md", "MyLib.Tests/LICENSE", "MyLib.UnitTests/docs/usage.rst",
    "src/Foo.Tests/Foo.Tests.csproj", "src/Foo.Tests/Build/Directory.Build.props",
])
def test_the_projects_own_docs_and_build_files_are_still_not_tests(path):
    assert not is_test_path(path)


def test_a_readme_only_change_claiming_unit_tests_still_fires():
    files = (FileChange("src/Foo/Parser.cs", additions=3, deletions=1),
             FileChange("src/Foo.Tests/README.md", additions=3, deletions=1))
    assert claims_tests_without_tests(PRSnapshot(title="t", body="Added unit tests for the new case.", files=files)).fired
