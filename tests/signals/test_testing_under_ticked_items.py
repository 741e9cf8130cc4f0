"""``explains_testing`` drops what hangs under an *unticked* checklist item (a template's instructions),
and reads an unticked item as every signal does (``hits.UNTICKED_MARK``: "[ ]", "[]", "[-]", "[NA]" …).
An item ticked "[✔]", "[✓]", "[done]", "[Y]", "[yes]", a "[core]" tag or a "[Notes](#notes)" link is
the author's, and the command under it is how they tested: it was dropped, and the evidence moved to
the item's own words.

Every text below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _hit(body: str):
    return explains_testing(PRSnapshot(title="Fix rounding", body=body))


@pytest.mark.parametrize("mark", ["x", "X", "✔", "✓", "✅", "done", "Y", "y", "yes"])
def test_the_command_under_a_ticked_item_is_quoted(mark):
    hit = _hit(f"Fix the rounding.\n\n- [{mark}] Tested locally:\n  - `go test ./pkg/sampling/...` passes\n")
    assert hit.value == 1.0 and "go test ./pkg/sampling/..." in hit.evidence


@pytest.mark.parametrize("item", ["- [Notes](#notes)", "- [core] Rounding"])
def test_the_command_under_a_link_or_tag_item_is_quoted(item):
    hit = _hit(f"Fix the rounding.\n\n{item}\n  - ran `go test ./pkg/sampling/...`, 12 cases pass\n")
    assert hit.value == 1.0 and "go test ./pkg/sampling/..." in hit.evidence


@pytest.mark.parametrize("mark", [" ", "", "-", "NA", "N/A", "Not needed"])
def test_instructions_under_an_unticked_item_are_still_dropped(mark):
    assert not _hit(f"Fix the rounding.\n\n- [{mark}] Tests\n  - run `go test ./...` before you submit\n").fired
