"""``explains_testing`` (review C round 2, findings 5, 6 and 9): what the code computes in the present
passive ("Each webhook is verified by computing an HMAC", "Payloads are verified with Ed25519 signatures")
earns no credit; a past-tense testing report with a version or a place after its noun ("verified with a
Postgres 15 database locally", "with the updated SDK on Android 14") keeps it; a negated or pending check
("This was not verified by running the e2e suite", "Not yet verified …") earns none.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(sentence: str) -> float:
    return explains_testing(PRSnapshot(title="Fix it", body="Fix.\n\n" + sentence)).value


@pytest.mark.parametrize("sentence", [
    "Each webhook is verified by computing an HMAC of the raw body.",
    "The JWT is verified by checking its signature and expiry against the JWKS.",
    "Payloads are verified with Ed25519 signatures.",
    "Requests are verified with a shared secret before they reach the handler.",
    "Input is verified with strict JSON schemas.",
    "The signature is verified by using constant-time comparison.",
])
def test_what_the_code_computes_is_no_testing_report(sentence):
    assert _value(sentence) == 0.0


@pytest.mark.parametrize("sentence", [
    "The migration was verified with a Postgres 15 database locally.",
    "Everything was verified with the Python 3.12 runtime.",
    "The fix was verified with the v2.3 server.",
    "The patch was verified with the updated SDK on Android 14.",
    "This was verified with the kernel 6.8 module loaded.",
])
def test_a_testers_setup_with_a_version_or_place_keeps_credit(sentence):
    assert _value(sentence) == 0.7


@pytest.mark.parametrize("sentence", [
    "This was not verified by running the e2e suite.",
    "This hasn't been verified by running the e2e suite yet.",
    "Not yet verified by running it on a device.",
])
def test_a_negated_check_earns_no_credit(sentence):
    assert _value(sentence) == 0.0


@pytest.mark.parametrize("sentence", [
    "The fix is verified by running the reproduction script from #123 before and after.",
    "Everything is verified by checking the output on Firefox.",
    "The migration was verified by checking the row counts.",
    "This was verified by hand on a local cluster.",
    "I haven't tested this on Windows yet, but verified by running the e2e suite.",
    "Tested on Windows and macOS.",
])
def test_a_testers_check_still_earns_credit(sentence):
    assert _value(sentence) == 0.7


@pytest.mark.parametrize("sentence", [
    "The token was verified by the auth handler.",
    "Payloads are verified with a SHA-256 HMAC.",
    "Not tested on Windows.",
])
def test_code_checks_and_negations_stay_quiet(sentence):
    assert _value(sentence) == 0.0
