"""``ai_disclosure`` (review C round 2, findings 1, 2, 4 and 7): "neither Copilot nor ChatGPT was used"
denies; a tool used by someone else ("by the reporter", "by the reviewers") or as a test client ("as the MCP
client", "to test the new MCP tools") is not the author's use for writing the change; a tool "off for the
entire PR" is off for the whole PR. A denial that goes on to a plain use ("but I used GitHub Copilot
extensively for the tests", "I had Copilot write the tests") still discloses.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot

SECTION = "Fix the retry loop.\n\n## AI Usage\n"


def _value(body: str) -> float:
    return ai_disclosure(PRSnapshot(title="Fix it", body=body)).value


@pytest.mark.parametrize("answer", [
    "None \u2014 neither Copilot nor ChatGPT was used.",
    "No \u2014 neither Copilot nor any other AI tool was used.",
    "None; neither Claude nor Copilot were used for this change.",
    "Neither Copilot nor ChatGPT was used.",
])
def test_neither_nor_is_a_denial(answer):
    assert _value(SECTION + answer) == 0.0


@pytest.mark.parametrize("answer", [
    "No, but ChatGPT was used to translate the issue from Japanese (by the reporter).",
    "None, though Claude was used by the issue reporter to draft the bug report.",
    "None \u2014 AI was only used by the reviewers, not by me.",
    "None; Claude was used only as the MCP client for manual testing.",
    "No AI was used to write the code, but I used Claude to test the new MCP tools.",
])
def test_someone_elses_use_or_a_test_client_is_no_disclosure(answer):
    assert _value(SECTION + answer) == 0.0


def test_a_tool_off_for_the_entire_pr_is_a_denial():
    assert _value(SECTION + "Copilot was turned off for the entire PR; it generated broken code last time.") == 0.0


@pytest.mark.parametrize("answer", [
    "No AI for the core logic, but I used Claude Code extensively for the tests.",
    "No AI for the logic, but I used ChatGPT's help for the regex.",
    "No AI for the core logic, but I used GitHub Copilot for the tests.",
    "No AI in src/, but Claude Sonnet wrote the test fixtures.",
    "Not for the parser, but I had Copilot write the tests.",
    "None for the logic; I relied on Copilot for the docstrings.",
])
def test_a_denial_that_goes_on_to_a_plain_use_is_a_disclosure(answer):
    assert _value(SECTION + answer) == 1.0


@pytest.mark.parametrize("body", [
    SECTION + "None, but Claude was used by me to draft the parser.",
    SECTION + "Neither Copilot nor ChatGPT was used, but Claude wrote the tests.",
    SECTION + "Copilot was disabled for the parser, but I used it for the tests.",
    "Claude was used to draft the parser.",
    "I used Claude to write the tests.",
    "AI was used by the maintainers to triage; I used Copilot for the tests.",
])
def test_the_authors_own_use_still_fires(body):
    assert _value(body) == 1.0
