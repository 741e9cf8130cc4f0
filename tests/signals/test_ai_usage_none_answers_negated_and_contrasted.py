"""ai_disclosure in an AI-usage answer that opens "None"/"No" (review 5 #1, #2).

- A tool that made nothing is a denial: "None. Copilot wrote none of this code", "generated no code",
  "generated nothing; it is disabled in my editor". Since the rule for a tool's output named in a
  "None" answer asked for a rejection cue, these had become disclosures, and a large PR in the
  kubernetes profile was told it "was made with an AI tool".
- Past a contrast word the tool's work is the author's use, though the line names an issue: "None, but
  Copilot wrote the tests for the regression reported in #40" had become a denial ("in #40" read as
  someone else's output), and a PR with a Copilot trailer was told it had not disclosed.
The earlier cases keep their readings."""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot


def _value(answer: str, labelled: bool) -> float:
    body = f"Fixes the retry loop.\n\n{'AI usage: ' if labelled else '## AI usage' + chr(10)}{answer}"
    return ai_disclosure(PRSnapshot(title="Fix retry", body=body)).value


@pytest.mark.parametrize("labelled", [False, True])
@pytest.mark.parametrize("answer", [
    "None. Copilot wrote none of this code.",
    "None. Copilot generated no code here.",
    "No. Copilot generated nothing; it is disabled in my editor.",
    "None. ChatGPT suggested a fix in the issue thread but I didn't use it.",
    "None. Gemini generated the bug report I'm fixing.",
])
def test_a_tool_that_made_nothing_or_whose_output_was_not_used_is_a_denial(answer, labelled):
    assert _value(answer, labelled) == 0.0


@pytest.mark.parametrize("labelled", [False, True])
@pytest.mark.parametrize("answer", [
    "None, but Copilot wrote the tests for the regression reported in #40.",
    "None, but ChatGPT drafted the docs for the bug in the issue thread.",
    "No. Copilot generated the boilerplate, which I reviewed.",
])
def test_a_tools_work_past_the_denial_is_a_disclosure(answer, labelled):
    assert _value(answer, labelled) == 1.0
