"""``explains_testing``: a past passive check made with the tester's own thing keeps its credit
(review 3 #5).

"The fix was verified with the reproduction code from the issue", "This was verified with our test
server" and "The upgrade was verified with the new SDK" scored 0.0: "code", "server" and "SDK" read
as the part of the code that checks. A reproduction, a test or example thing, or a new/updated thing a
past check was made with, is what the tester checked with. What the code verifies still earns nothing.
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(body: str) -> float:
    return explains_testing(PRSnapshot(title="Fix the dialog", body=f"Fixes the dialog closing.\n\n{body}")).value


@pytest.mark.parametrize("body", [
    "The fix was verified with the reproduction code from the issue.",
    "This was verified with our test server.",
    "The upgrade was verified with the new SDK.",
    "The fix was verified with the repro code from #12.",
    "The change was verified with the example server from the docs.",
    "The migration was verified with the updated library.",
])
def test_a_past_check_with_the_testers_thing_earns_credit(body):
    assert _value(body) == 0.7


@pytest.mark.parametrize("body", [
    "Webhook signatures are verified by the middleware.",
    "The token was verified by the new auth handler before the route ran.",
    "Each request is now verified with the new HMAC key.",
    "Payloads are verified with the updated schema validator.",
    "The payload was verified by the schema validator, so bad input never reached the store.",
    "The request body is verified with the server code.",
])
def test_what_the_code_verifies_still_earns_nothing(body):
    assert _value(body) == 0.0
