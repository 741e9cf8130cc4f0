"""``explains_testing`` (review C, findings 4 and 6): "verified by/with" loses its credit only when a part
of the code is the agent ("Signatures are verified by the middleware", "The payload was verified by the
schema validator") or the check is still to come ("This will be verified by the new unit tests in CI").
A person's check in the passive keeps it: "verified by hand", "by running the server", "manually
verified with Firefox 120", "with a local Postgres database".

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(sentence: str) -> float:
    return explains_testing(PRSnapshot(title="Fix it", body="Fix.\n\n" + sentence)).value


@pytest.mark.parametrize("sentence", [
    "This was verified by running the server locally and sending a forged webhook.",
    "The fix was verified with a local Postgres database and the seed data.",
    "The change was verified by running the API locally and calling /login with curl.",
    "Everything is verified by hand on Firefox and Safari.",
    "All changes are manually verified with Firefox 120 and Chrome 119.",
    "The fix is verified by running the reproduction script from #123 before and after.",
    "The output was verified with my Python code snippet from the issue.",
])
def test_a_persons_check_in_the_passive_keeps_its_credit(sentence):
    assert _value(sentence) == 0.7


@pytest.mark.parametrize("sentence", [
    "Verified by hand on Firefox.",
    "Tested: verified by running the app on Android 14.",
    "This was verified by running the dev server and opening /health.",
    "This behaviour is verified by the new unit tests in retry_test.go.",
])
def test_the_checks_credited_before_still_are(sentence):
    assert _value(sentence) == 0.7


@pytest.mark.parametrize("sentence", [
    "Webhook signatures are verified by the middleware.",
    "The payload was verified by the schema validator, so bad input never reached the store.",
    "Each request is now verified with an HMAC of its body.",
    "The token gets verified by the auth handler.",
    "This will be verified by the new unit tests in CI.",
    "The migration should be verified by a maintainer before release.",
])
def test_the_code_as_agent_or_a_check_to_come_earns_nothing(sentence):
    assert _value(sentence) == 0.0
