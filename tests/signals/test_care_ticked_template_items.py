"""``explains_testing``: when the repository's PR template is known, a checklist item of the template
that the author only ticked ("- [ ] I have run `make test` locally" sent back as "- [x] …") is the
template's words, not a report of how the change was tested, and earns no care credit. An item in the
author's own words ("- [x] Ran `make test` on Linux"), a reworded template item, a plain sentence
("Tested locally with go test ./...") and, with no template known, any ticked item still earn it.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot

TEMPLATE = ("## Description\n\n<!-- What does this PR change? -->\n\n## Checklist\n\n"
            "- [ ] I have run `make test` locally\n- [ ] I have tested this locally\n- [ ] I have updated the docs\n")


def _value(body: str, template: str | None = TEMPLATE) -> float:
    return explains_testing(PRSnapshot(title="Keep FIFO order", body=body, pr_template=template)).value


@pytest.mark.parametrize("ticked", [
    "- [x] I have run `make test` locally",
    "- [X] I have run `make test` locally",
    "* [x]  I have run `make test`  locally",
    "- [x] I have tested this locally",
])
def test_a_ticked_template_item_earns_no_credit(ticked):
    body = f"Keeps the queue in FIFO order.\n\n## Checklist\n\n{ticked}\n- [ ] I have updated the docs\n"
    assert _value(body) == 0.0


@pytest.mark.parametrize("own", [
    "- [x] Ran `make test` on Linux",
    "- [x] I have run `make test` locally on Linux and macOS",  # reworded: the author's words
    "Tested locally with go test ./...",
    "Tested locally with `go test ./...`.",
])
def test_the_authors_own_words_still_earn_credit(own):
    body = f"Keeps the queue in FIFO order.\n\n## Checklist\n\n{own}\n- [ ] I have updated the docs\n"
    assert _value(body) > 0


def test_with_no_template_known_a_ticked_item_still_earns_credit():
    body = "Keeps the queue in FIFO order.\n\n- [x] I have run `make test` locally\n"
    assert _value(body, template=None) == 1.0


def test_a_command_under_a_ticked_template_item_is_the_authors():
    body = ("Keeps the queue in FIFO order.\n\n## Checklist\n\n- [x] I have run `make test` locally\n"
            "  - `go test ./pkg/queue/... -run TestFIFO` passed\n")
    assert _value(body) == 1.0
