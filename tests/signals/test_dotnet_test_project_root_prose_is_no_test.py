"""is_test_path: prose directly at the root of a .NET test project (MyLib.Tests/TEST_PLAN.md,
TESTING.md, NOTES.md, coverage.md, test-plan.txt) is about the tests, not a test (review 2 AB #6).
986f33d excluded only README/LICENSE/CHANGELOG there, so a PR that changed the parser and added a
TEST_PLAN.md while saying "Added unit tests for the parser." was not told it has no test. Prose in a
folder of the project (Markdig's Specs/*.md, TestData/*.txt) and a Verify snapshot stay tests."""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.signals.filekinds import is_test_path
from bot.snapshot import FileChange, PRSnapshot


@pytest.mark.parametrize("path", [
    "MyLib.Tests/TESTING.md", "MyLib.Tests/NOTES.md", "MyLib.Tests/TestPlan.md", "MyLib.Tests/coverage.md",
    "src/MyLib.Tests/TEST_PLAN.md", "MyLib.Tests/test-plan.txt", "src/MyLib.UnitTests/notes.rst",
    "MyLib.IntegrationTests/Overview.adoc",
])
def test_prose_at_a_dotnet_test_projects_root_is_not_a_test(path):
    assert not is_test_path(path)


@pytest.mark.parametrize("path", [
    "src/Markdig.Tests/Specs/PipeTableSpecs.md", "MyLib.Tests/TestData/changes.txt",
    "MyLib.Tests/Fixtures/README.md", "MyLib.Tests/OrderParserTests.Parses.verified.txt",
    "MyLib.Tests/OrderParserTests.Renders.verified.md", "MyLib.Tests/OrderParserTests.cs", "tests/TESTING.md",
])
def test_prose_in_a_folder_of_the_project_and_snapshots_are_still_tests(path):
    assert is_test_path(path)


@pytest.mark.parametrize("body", ["Added unit tests for the parser.", "Added test cases for it."])
def test_a_test_plan_alone_claiming_tests_fires(body):
    files = (FileChange("src/MyLib/OrderParser.cs", additions=3, deletions=1, patch="@@ -1 +1 @@\n-a\n+b\n"),
             FileChange("src/MyLib.Tests/TEST_PLAN.md", status="added", additions=4,
                        patch="@@ -0,0 +1,4 @@\n+# Test plan\n+- empty order\n+- one line\n+- bad date\n"))
    assert claims_tests_without_tests(PRSnapshot(title="t", body=body, files=files)).fired
