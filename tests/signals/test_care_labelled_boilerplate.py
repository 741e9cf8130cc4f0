"""``explains_testing``: boilerplate after a "Testing:" label earns no credit; a regression test checked
both ways does (review 4 #4).

a25db3d credited any answer of three words that said "pass", "works" or "verified", so an agent's
"Testing: All tests pass ✅" earned 0.7 care, as much as "Tested: ran the app locally on Firefox 120".
A label's answer must now name something a reviewer could repeat: a command or code span, a number, a
place or version, a named page, or what changed. "the new regression test fails before this change and
passes after it" was read as a failure and earned nothing; it earns credit now.
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(body: str) -> float:
    return explains_testing(PRSnapshot(title="Add retry", body=f"Adds retry with backoff to the HTTP client.\n\n{body}")).value


@pytest.mark.parametrize("body", [
    "Testing: All tests pass ✅",
    "**Testing:** All existing tests pass.",
    "Testing: Existing tests pass",
    "Testing: Verified the changes work correctly.",
    "Testing: The implementation works as intended.",
    "Tested: Changes have been tested and work correctly.",
    "Testing done: All unit tests pass successfully",
    "Manual testing: Verified the feature works end-to-end.",
    "Testing: ✅ Build passes ✅ Lint passes ✅ Tests pass",
    "Tested: works on my machine",
    "Testing: Verified locally that everything works.",
    "Tested: Verified that the changes work as expected",
])
def test_boilerplate_after_a_label_earns_nothing(body):
    assert _value(body) == 0.0


@pytest.mark.parametrize("body", [
    "Tested: the new regression test fails before this change and passes after it.",
    "Testing: the new test failed on main and passes with this patch.",
    "Tested: ran the app locally on Firefox 120 and Chrome 119, the dialog closes now.",
    "Tested: locally with Postgres 16, migrations apply cleanly.",
    "How I tested: ran the test suite and clicked through the settings page.",
    "Testing: all tests pass, and `curl -X POST /retry` now returns 202.",
    "Tested: verified the upload no longer stalls after the first retry.",
    "Tested: Verified that the changes work on Ubuntu 22.04.",
])
def test_a_specific_labelled_report_still_earns_credit(body):
    assert _value(body) >= 0.7


def test_a_failure_after_a_label_still_earns_nothing():
    assert _value("Tested: fails on Windows 11, could not find why yet.") == 0.0
