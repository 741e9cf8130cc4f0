"""Hostile long inputs (review C, finding 5). ``explains_testing`` read a ticked checklist item with a
lazy match before trailing white space (quadratic in a long run of spaces: 8,000 characters took a
second, a 40,000-character template line 17 s), and read the whole template, where every other signal
reads ``TEMPLATE_LIMIT`` characters without HTML comments. ``ai_disclosure`` asked ``ai_product`` about
the same sentence again for every statement it held. Each is now read once, in linear time.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import time

from bot.signals import ai_product, care, disclosure, hits
from bot.signals.care import explains_testing
from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot

ITEM = "- [ ] I have run `make test` locally"
TEMPLATE = f"## Checklist\n{ITEM}\n"


def test_a_checklist_line_with_a_long_run_of_spaces_is_read_in_linear_time():
    line = "- [x] a" + " " * 100_000 + "b"
    start = time.process_time()
    assert care._item_words(line) == "a b"
    assert care._item_words("- [x] I have run `make test` locally \r") == "i have run `make test` locally"
    assert time.process_time() - start < 1.0  # about a millisecond; the lazy match: minutes


def test_a_long_template_and_body_finish():
    spaces = "- [x] a" + " " * 100_000 + "b"
    start = time.process_time()
    explains_testing(PRSnapshot(title="t", body=spaces, pr_template=spaces))
    explains_testing(PRSnapshot(title="t", body=spaces, pr_template=TEMPLATE))
    assert time.process_time() - start < 1.0


def test_the_template_is_read_to_its_limit_and_without_comments():
    body = "Keeps the queue in FIFO order.\n\n- [x] I have run `make test` locally\n"
    far = "x" * hits.TEMPLATE_LIMIT + "\n" + ITEM + "\n"  # past what any signal reads of a template
    hidden = f"## Checklist\n<!--\n{ITEM}\n-->\n"  # GitHub shows no HTML comment
    for template in (far, hidden):
        assert explains_testing(PRSnapshot(title="t", body=body, pr_template=template)).value == 1.0
    assert explains_testing(PRSnapshot(title="t", body=body, pr_template=TEMPLATE)).value == 0.0


def test_a_sentence_is_asked_about_the_product_once(monkeypatch):
    asked: list[str] = []
    calls_ai = ai_product.calls_ai

    def counting(sentence: str) -> bool:
        asked.append(sentence)
        return calls_ai(sentence)

    monkeypatch.setattr(disclosure.ai_product, "calls_ai", counting)
    body = ("Summaries are now generated with Gemini via the API and " * 200)[: hits.BODY_LIMIT]
    disclosure._found.cache_clear()
    assert not ai_disclosure(PRSnapshot(title="t", body=body)).fired
    assert len(asked) == 1  # one sentence, however many statements it holds
