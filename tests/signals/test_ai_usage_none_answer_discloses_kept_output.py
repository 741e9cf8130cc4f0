"""An "AI usage: No/None" answer that goes on to name what a tool made, and does not reject it, is a
disclosure (review 4 #1).

1ab6598 read any tool output named on a line opening with "No,"/"None." as a denial unless the line
held one of a few verbs of use ("used", "kept" …). "No. Copilot generated the boilerplate, which I
reviewed" was then read as "None", and an author whose commit carries an AI trailer was told they did
not disclose. Now only an output the line rejects ("didn't use it", "it was wrong") or makes someone
else's ("in the issue thread", "the bug report", "in #40") is a denial, and only in the answer of an
AI-usage question: prose that opens with "No-op when …" or "No, this does not change the API" is not
read by that rule at all.
"""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot

HEADS = ["## AI usage\n", "AI disclosure: "]


def _value(body: str) -> float:
    return ai_disclosure(PRSnapshot(title="Keep FIFO order", body=f"Fix the retry loop.\n\n{body}")).value


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "No. Copilot generated the boilerplate, which I reviewed.",
    "No. Claude Code generated the migration; I checked it against the schema.",
    "None. ChatGPT drafted the docstrings; I edited them for accuracy.",
    "N/A, ChatGPT wrote the first draft of the regex and I rewrote parts of it.",
    "None, Cursor generated the TypeScript types from the OpenAPI schema.",
    "None, except: Copilot suggested the regex in `parse_date`.",
    "No. GitHub Copilot generated the boilerplate for the CLI flags; I reviewed and tweaked it.",
    "None (Copilot suggested the variable names).",
    "No - Copilot generated the unit tests, I reviewed and edited them.",
])
def test_a_none_answer_naming_a_kept_output_discloses(answer, head):
    assert _value(head + answer) == 1.0


@pytest.mark.parametrize("body", [
    "No-op when `retries=0`. Copilot generated the tests for it; I reviewed them.",
    "No behaviour change for existing callers.\n\nNo-op when `retries=0`. Copilot generated the tests for it; "
    "I reviewed them.",
    "No, this does not change the public API. Claude Code wrote most of the refactor and I reviewed it.",
    "### Written without AI?\nNo. Copilot generated the retry helper and its tests, which I reviewed.",
    "**Breaking change?**\nNo. Claude Code generated the migration, I reviewed it.",
])
def test_prose_opening_with_no_is_not_an_ai_answer(body):
    assert _value(body) == 1.0


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "None. ChatGPT suggested a fix in the issue thread but I didn't use it.",
    "None. Gemini generated the bug report I'm fixing (see #42).",
    "No. Copilot suggested a patch, but it was wrong, so I wrote it by hand.",
    "None. Copilot generated a version that I discarded.",
    "None (Copilot wrote a broken version in #40, which this PR replaces).",
    "No. ChatGPT drafted the fix posted by the reporter; this one is mine.",
])
def test_a_rejected_or_someone_elses_output_stays_a_denial(answer, head):
    assert _value(head + answer) == 0.0


@pytest.mark.parametrize("body", [
    "### Did you use AI tools?\nNo. Copilot suggested a fix in the issue, but I didn't use it.",
    "## AI Usage in this PR (choose one)\n\nNone. Gemini generated the bug report I'm fixing.",
])
def test_an_ai_question_above_the_answer_makes_it_one(body):
    assert _value(body) == 0.0
