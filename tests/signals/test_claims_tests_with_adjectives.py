"""claims_tests_without_tests reads a claim whose tests carry an agent's favourite adjective
("Added comprehensive unit tests", "thorough", "extensive test coverage", "robust", "dedicated")
or two kinds ("unit and integration tests"): these went unread, as the words allowed between the
verb and "tests" knew no such adjective, so the most common agent phrasing never fired. A claim
with its test file changed, an instruction, or a negation stays quiet."""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.snapshot import FileChange, PRSnapshot

CODE = FileChange(path="src/parser.py", status="modified", additions=3, deletions=0,
                  patch="@@ -1 +1,3 @@\n a\n+b\n+c\n+d")
TEST = FileChange(path="tests/test_parser.py", status="added", additions=12, deletions=0,
                  patch="@@ -0,0 +1 @@\n+def test_parse():\n+    assert parse('a') == 'a'")


def _fired(body: str, *files: FileChange) -> bool:
    return claims_tests_without_tests(PRSnapshot(title="Improve the parser", body=body, files=files or (CODE,))).fired


@pytest.mark.parametrize("body", [
    "Added comprehensive unit tests for the parser.",
    "Added thorough tests for the parser.",
    "Added extensive test coverage for the parser.",
    "Added unit and integration tests.",
    "Added robust unit tests covering edge cases.",
    "Adds dedicated tests for the parser.",
])
def test_a_claim_with_an_adjective_or_two_kinds_of_tests_fires_without_a_test_file(body):
    assert _fired(body)


@pytest.mark.parametrize("body", [
    "Added comprehensive unit tests for the parser.",
    "Added unit and integration tests.",
])
def test_the_same_claim_with_its_test_file_changed_is_quiet(body):
    assert not _fired(body, CODE, TEST)


@pytest.mark.parametrize("body", [
    "Please add comprehensive unit tests for new features.",
    "I didn't add comprehensive tests yet; I'll add them in a follow-up.",
    "Guidance for writing thorough unit tests is in CONTRIBUTING.md.",
])
def test_instructions_negations_and_objects_of_a_preposition_stay_quiet(body):
    assert not _fired(body)
