"""``ai_product`` and ``ai_usage_section`` (review C round 2, finding 8): a model name "gpt-?\\d" took any
run of word characters and dots after it, so a hostile run of "gpt4." restarted a scan to its end at every
"gpt" (16,000 characters took 7 s in ``calls_ai``). The name's tail is bounded now: eight times the text
takes about eight times the work, far under the sixty-four times of a quadratic scan. Times are compared,
best of three, with a generous ratio, never against a wall-clock bound.
"""

from __future__ import annotations

import time

import pytest

from bot.signals import ai_product, ai_usage_section
from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot

SMALL, LARGE = 2_000, 16_000
RATIO = 24  # linear: about 8; quadratic: about 64


def _run(n: int) -> str:
    return ("gpt4." * n)[:n]


def _best(read, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        read(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("read", [
    ai_product.calls_ai,
    lambda text: ai_product._AUTHORED.search(text),
    lambda text: ai_usage_section._TOOL_DID.search(text),
    lambda text: ai_usage_section._says_used("No AI; " + text),
], ids=["calls_ai", "authored", "tool_did", "says_used"])
def test_a_run_of_gpt_names_is_read_in_linear_time(read):
    small, large = _best(read, _run(SMALL)), _best(read, _run(LARGE))
    assert large <= RATIO * max(small, 1e-4)


@pytest.mark.parametrize("body, value", [
    ("Tests were drafted with GPT-4.", 1.0),
    ("I used gpt-4o-mini to write the parser.", 1.0),
    ("Copilot generated the tests. Summaries are now generated with GPT-4o via the API.", 1.0),
    ("Summaries are now generated with GPT-4o via the API.", 0.0),
    ("Release notes are generated using GPT-4.1 through the OpenAI API.", 0.0),
])
def test_model_names_still_read(body, value):
    assert ai_disclosure(PRSnapshot(title="Fix it", body=body)).value == value
