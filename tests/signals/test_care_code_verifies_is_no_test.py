"""``explains_testing``: "verified by/with" earns credit only when someone checked the change: "Signatures
are verified by the middleware", "Each request is verified with an HMAC" and "The payload was verified by
the schema validator" say what the code does, with no tester. "Verified by running the integration
suite", "This was verified by hand", "I verified that …" and "is verified by the new unit tests" still
earn it.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(body: str) -> float:
    return explains_testing(PRSnapshot(title="Check webhook signatures", body=body)).value


@pytest.mark.parametrize("body", [
    "Webhook signatures are verified by the middleware.",
    "The token is verified by the auth handler before the request reaches the route.",
    "Each request is now verified with an HMAC of its body.",
    "The payload was verified by the schema validator, so bad input never reached the store.",
])
def test_what_the_code_verifies_is_no_testing_report(body):
    assert _value(body) == 0.0


@pytest.mark.parametrize("body", [
    "Verified by running the integration suite against staging.",
    "This was verified by hand on a local cluster.",
    "I verified that the retry stops after 3 attempts.",
    "This behaviour is verified by the new unit tests in retry_test.go.",
    "Signatures are verified by the middleware. I verified that a forged signature gets a 401.",
])
def test_a_testers_check_still_earns_credit(body):
    assert _value(body) > 0
