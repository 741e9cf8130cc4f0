"""``admits_untested`` reads "can't" and the curly apostrophe many editors type ("didn’t",
"haven’t", "couldn’t"): "I can't test this on Windows" and "I didn’t test this" went unread."""

from __future__ import annotations

import pytest

from bot.signals.untested import admits_untested
from bot.snapshot import FileChange, PRSnapshot


def _fires(body: str) -> bool:
    files = (FileChange(path="src/pager.py", additions=3, deletions=1),)
    return admits_untested(PRSnapshot(title="Fix pager", body=body, files=files)).value > 0


@pytest.mark.parametrize("body", [
    "Fixes the off-by-one. I can't test this on Windows.",
    "Fixes the off-by-one. I didn\u2019t test this.",
    "I haven\u2019t tested this yet.",
    "We couldn\u2019t run the tests locally.",
    "I can\u2019t run the integration tests here.",
    "\u274c Couldn\u2019t run the e2e suite",
])
def test_admissions_with_cant_or_a_curly_apostrophe(body):
    assert _fires(body)


def test_a_description_of_code_with_a_curly_apostrophe_is_still_no_admission():
    assert not _fires("The tool can\u2019t run `gh` without a token, so it now asks for one.")
