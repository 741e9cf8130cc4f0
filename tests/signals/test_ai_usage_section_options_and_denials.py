"""Under an AI-usage heading, ``ai_disclosure`` reads the answer the author gave (review of the fix
that stopped a ticked "None" from counting as a disclosure). Only real checkbox marks make a line an
option: "[ ]", "[-]", "[NA]" … leave it out, "[x]", "[✔]", "[done]", "[Y]", "[yes]" tick it, and an
item such as "- [Claude Code] generated the tests" or a link item is the author's answer. A denial
negates the use ("No AI", "AI was not used", "None"); "not just autocomplete" says AI did more. An
author's "If any bugs remain, Copilot wrote them" is no template instruction.

Every text below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot


def _hit(body: str):
    return ai_disclosure(PRSnapshot(title="Fix rounding", body=body))


@pytest.mark.parametrize("body, answer", [
    ("Fix typo.\n\n## AI Usage\n- [Claude Code] generated the tests\n", "[Claude Code] generated the tests"),
    ("Fix typo.\n\n## AI Usage\n- [Copilot](https://github.com/features/copilot) wrote the tests\n",
     "[Copilot](https://github.com/features/copilot) wrote"),
])
def test_a_bracketed_tool_or_a_link_item_is_the_authors_answer_not_an_unticked_option(body, answer):
    hit = _hit(body)
    assert hit.fired and answer in hit.evidence


@pytest.mark.parametrize("mark", ["✔", "✔\ufe0f", "✓", "done", "Y", "yes", "X"])
def test_an_option_ticked_with_any_common_mark_is_the_answer(mark):
    body = f"Fix typo.\n\n## AI usage (pick one)\n- [ ] None\n- [{mark}] Copilot was used for autocomplete of the tests\n"
    hit = _hit(body)
    assert hit.fired and "Copilot was used for autocomplete" in hit.evidence


@pytest.mark.parametrize("mark", ["✔", "done", "Y", "yes"])
def test_none_ticked_with_any_common_mark_is_still_no_disclosure(mark):
    body = (f"Fix typo.\n\n## AI Usage in this PR (choose one)\n- [{mark}] **None**: No AI tools were used\n"
            "- [ ] **Light**: AI provided minor assistance\n- [-] **Heavy**: AI generated most of the code\n")
    assert not _hit(body).fired


@pytest.mark.parametrize("body, answer", [
    ("Fix typo.\n\n## AI Usage\n- [ ] No AI\n- [x] AI generated significant portions (not just autocomplete)\n",
     "AI generated significant portions"),
    ("Fix typo.\n\n## AI disclosure\nYes — not just autocomplete, Copilot agent wrote it\n", "Copilot agent wrote it"),
    ("Fix typo.\n\n## AI disclosure\n- [x] Not just autocomplete: Copilot wrote the handler\n",
     "Copilot wrote the handler"),
])
def test_not_just_is_no_denial(body, answer):
    hit = _hit(body)
    assert hit.fired and answer in hit.evidence


@pytest.mark.parametrize("option", [
    "AI was not used", "This PR does not contain AI-generated code", "Written without AI assistance",
    "Copilot wasn't used", "This change uses no AI", "I did not use AI tools", "N/A",
])
def test_a_negated_use_is_still_a_denial(option):
    assert not _hit(f"Fix typo.\n\n## AI Disclosure\n- [x] {option}\n- [ ] Copilot or another assistant was used\n").fired


def test_if_any_starts_an_authors_sentence_too():
    hit = _hit("Fix the parser.\n\nIf any bugs remain, Copilot wrote them.")
    assert hit.fired and "Copilot wrote them" in hit.evidence


@pytest.mark.parametrize("body", [
    "Fix typo.\n\n## AI Disclosure\nIf any AI tools were used, describe how.\n",
    "Fix typo.\n\n## AI Disclosure\nIf you used AI, describe how and how you checked it.\n",
])
def test_a_templates_if_instruction_is_still_no_disclosure(body):
    assert not _hit(body).fired
