"""An "AI usage: None" answer that names a rejected or someone else's AI output stays a denial
(review 3 #3).

"None. ChatGPT suggested a fix in the issue thread but I didn't use it" was quoted back as the
author's disclosure. The tool is the subject of "suggested"/"generated"/"wrote", but the answer
opened with "None" and says nothing of the author's own use.
"""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot

HEADS = ["## AI usage\n", "AI disclosure: ", ""]


def _value(answer: str, head: str) -> float:
    return ai_disclosure(PRSnapshot(title="Keep FIFO order", body=f"Fix the retry loop.\n\n{head}{answer}")).value


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "None. ChatGPT suggested a fix in the issue thread but I didn't use it.",
    "None. Copilot suggested a fix but it was wrong, so I wrote it by hand.",
    "None. Gemini generated the bug report I'm fixing (see #42).",
    "None (Copilot wrote a broken version in #40, which this PR replaces).",
    "N/A - Copilot proposed a patch in the issue; this one is hand-written.",
])
def test_a_none_answer_naming_an_ai_output_stays_a_denial(answer, head):
    assert _value(answer, head) == 0.0


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("answer", [
    "None. ChatGPT helped me understand the error message, the code is mine.",
    "None; ChatGPT was used only to translate this description into English.",
    "None. Copilot suggested the regex, which I used.",
    "Copilot suggested a fix and I kept it.",
    "Copilot wrote the tests.",
])
def test_the_authors_own_use_still_discloses(answer, head):
    assert _value(answer, head) == 1.0
