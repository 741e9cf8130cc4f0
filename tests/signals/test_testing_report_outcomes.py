"""explains_testing reads "error"/"fail" on a command's line only as the command's outcome
(review-sig3 #10): a test file or compound naming errors, and a regression test shown to fail
before the change and pass after it, are how the change was tested. "Manually verified in
Chrome …" and "Checked on an iPhone 13 …" say how too. A command reported failing is still no
care."""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(body: str) -> float:
    return explains_testing(PRSnapshot(title="t", body=body)).value


@pytest.mark.parametrize("body", [
    "Ran `pytest tests/test_errors.py` (the error-path tests) and all 31 pass.",
    "Ran `go test ./pkg/parser/` — it fails before this change and passes after.",
    "`go test ./pkg/parser -run TestEmpty` fails without this patch and passes with it.",
    "`pytest -k regression` failed before the fix; passes now.",
])
def test_a_command_that_passes_is_care(body):
    assert _value(body) == 1.0


@pytest.mark.parametrize("body", [
    "Manually verified in Chrome 120 and Firefox 121 that the menu closes on Escape.",
    "Checked on an iPhone 13 (iOS 17.2) and a Pixel 7: the keyboard no longer covers the input.",
])
def test_a_manual_check_is_care(body):
    assert _value(body) == 0.7


@pytest.mark.parametrize("body", [
    "## Testing\n- `pytest` *(fails: ModuleNotFoundError)*",
    "Ran `go test ./pkg/parser/` and it fails with a nil pointer error.",
    "Ran `make test`: `FAIL: TestParse`",
    "`go test ./...` fails without network access, and I did not get it to pass.",
    "I checked in the generated files.",
    "We need to check on the status of the upstream fix.",
])
def test_a_failing_command_or_other_wording_is_not_care(body):
    assert _value(body) == 0.0
