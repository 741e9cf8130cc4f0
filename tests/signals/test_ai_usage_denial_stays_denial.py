"""``ai_disclosure`` under an AI-usage section or label (review C, findings 1 and 3): a denial stays a
denial unless, past its contrast ("but", ";", a dash), it says plainly that a tool did some of the work:
a named tool as the subject of a writing verb ("Claude wrote the tests") or "I/we used <tool> for/to …".
A policy, a wish, a thought, a negation, a feature or a test client named with "with"/"using" is no use,
and the evidence would quote the author's denial as a disclosure. A tool switched off for one part and
used for the rest ("Copilot was disabled for the parser, but I used it for the tests") is a disclosure;
one switched off for the whole PR stays a denial.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure, without_disclosures
from bot.snapshot import PRSnapshot

HEADS = ["## AI Usage\n", "## AI disclosure\n", "AI disclosure: "]


def _body(answer: str, head: str) -> str:
    return f"Fix the retry loop.\n\n{head}{answer}"


def _value(answer: str, head: str) -> float:
    return ai_disclosure(PRSnapshot(title="Keep FIFO order", body=_body(answer, head))).value


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "No \u2014 the project policy forbids using AI tools.",
    "None; we avoid using AI tools in this repo.",
    "No AI used, although I considered using Copilot.",
    "No; I prefer not to code with AI.",
    "None \u2014 tested with Claude Desktop and Cursor as MCP clients.",
    "None; this PR adds compatibility with Gemini models.",
    "None, but the new command lets users chat with Claude.",
    "No AI was used, but I used a tool to format the code.",
    "None \u2014 Copilot did not write any of this.",
    "None; Claude wrote none of it.",
    "Copilot was disabled for this PR; it generated too much noise.",  # off for the whole PR
])
def test_a_denial_with_no_plain_use_after_its_contrast_stays_a_denial(answer, head):
    assert _value(answer, head) == 0.0


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "Copilot was disabled for the parser, but I used it for the tests.",
    "Copilot was turned off for the core logic; I used it for the docs.",
    "Copilot was off for the implementation, but it suggested the test names.",
    "I turned Copilot off for the parser but let it write the tests.",
])
def test_a_tool_off_for_one_part_and_used_for_another_is_a_disclosure(answer, head):
    assert _value(answer, head) == 1.0


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "I have not used Copilot for the code, but Claude wrote the tests",
    "No AI for the code; we used ChatGPT to draft the docs.",
    "None for the logic, but Claude Code generated the fixtures.",
    "No AI in the parser; Copilot was used for the docstrings.",
    "Not for the code, but the tests were written with the help of Gemini.",
])
def test_a_plain_use_after_the_contrast_is_still_a_disclosure(answer, head):
    assert _value(answer, head) == 1.0


def test_the_evidence_of_a_denial_is_never_a_disclosure_quote():
    body = _body("No \u2014 the project policy forbids using AI tools.", "## AI Usage\n")
    assert not ai_disclosure(PRSnapshot(title="t", body=body)).fired


def test_the_classifier_text_is_unchanged():
    """Only the heading is a statement here, as on main: the answer is read by the signal alone."""
    body = _body("None \u2014 tested with Claude Desktop and Cursor as MCP clients.", "## AI Usage\n")
    assert without_disclosures(body) == "Fix the retry loop.\nNone \u2014 tested with Claude Desktop and Cursor as MCP clients."
