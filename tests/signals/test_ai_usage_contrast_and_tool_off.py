"""``ai_disclosure`` under an AI-usage section or label: a denial that goes on, past "but" or ";", to
say a tool did some of the work is a disclosure ("I have not used Copilot for the code, but Claude wrote
the tests"); a tool switched off for this PR is a denial ("Copilot was turned off; I wrote it by
hand"). Plain denials and plain disclosures read as before, and the classifier's text
(``without_disclosures``) does not change: only the section's answer is read differently.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure, without_disclosures
from bot.snapshot import PRSnapshot

HEADS = ["## AI Usage\n", "## AI disclosure\n", "AI disclosure: "]


def _value(answer: str, head: str) -> float:
    return ai_disclosure(PRSnapshot(title="Keep FIFO order", body=f"Fix the retry loop.\n\n{head}{answer}")).value


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "I have not used Copilot for the code, but Claude wrote the tests",
    "No AI was used for the parser; ChatGPT drafted the docs.",
    "I did not use Copilot, but I used Gemini to port the fixtures.",
    "- [x] No AI tools were used, but Claude generated the test data",
])
def test_a_denial_that_goes_on_to_name_a_tool_at_work_is_a_disclosure(answer, head):
    assert _value(answer, head) == 1.0


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "Copilot was turned off; I wrote it by hand.",
    "Copilot was disabled for this PR.",
    "I turned Copilot off for this one and wrote it myself.",
    "No AI, but I may try Copilot for the follow-up.",  # a wish, not a use
    "None, but the new endpoint calls the Claude API.",  # a feature, not a use
    "I did not use any AI tools",
    "None",
])
def test_a_tool_switched_off_or_a_denial_with_no_tool_at_work_is_no_disclosure(answer, head):
    assert _value(answer, head) == 0.0


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "Claude wrote the tests",
    "Generated with Copilot, reviewed by me",
    "- [x] Generated with Copilot, reviewed by me",
    "Copilot was turned off for the docs; Copilot wrote the code.",  # off for one part, used for another
])
def test_plain_disclosures_still_fire(answer, head):
    assert _value(answer, head) == 1.0


def test_the_evidence_quotes_the_whole_answer():
    body = "Fix the retry loop.\n\n## AI Usage\nI have not used Copilot for the code, but Claude wrote the tests"
    evidence = ai_disclosure(PRSnapshot(title="t", body=body)).evidence
    assert "'AI Usage' section" in evidence and "but Claude wrote the tests" in evidence


@pytest.mark.parametrize("body, read", [
    ("Fix the retry loop.\n\n## AI Usage\nI have not used Copilot for the code, but Claude wrote the tests",
     "Fix the retry loop.\nI have not used Copilot for the code, but Claude wrote the tests"),
    ("Fix the retry loop.\n\n## AI Usage\nCopilot was turned off; I wrote it by hand.",
     "Fix the retry loop.\nCopilot was turned off; I wrote it by hand."),
])
def test_the_classifier_text_is_unchanged(body, read):
    """Only the heading is a statement here, as before (the same text on main)."""
    assert without_disclosures(body) == read
