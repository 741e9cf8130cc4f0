"""explains_testing: "verified in"/"checked on" say how the change was tested only with the author
as subject (first person, "manually", or the verb opening a sentence or item) and a place to test
in (a browser, device, OS, environment or version). A description of what the code checks is no
testing report (review-sig4 #3)."""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(body: str) -> float:
    return explains_testing(PRSnapshot(title="t", body=body)).value


@pytest.mark.parametrize("body", [
    "Webhook signatures are now verified in the middleware before the handler runs.",
    "The token expiry is verified in `auth/session.go` instead of in each handler.",
    "The feature flag is also checked on every config reload, so stale values are dropped.",
    "Permissions: checked on each request now rather than cached.",
])
def test_a_check_the_code_does_is_no_testing_report(body):
    assert _value(body) == 0.0


@pytest.mark.parametrize("body", [
    "I verified in Chrome that the menu closes.",
    "Manually verified in Firefox 121.",
    "Checked on macOS 14 and Ubuntu 22.04.",
    "- Verified on a real device (Pixel 7).",
    "Checked on an iPhone 13 (iOS 17.2) and a Pixel 7: the keyboard no longer covers the input.",
    "We also checked on staging before merging.",
])
def test_the_author_testing_somewhere_is_care(body):
    assert _value(body) > 0.0
