"""explains_testing: a labelled testing report in the author's own words keeps its credit though it
names no command, number or place (review 5 #3). The rule against boilerplate ("Testing: All tests
pass ✅") had asked every answer for a code span, a number or a named place, and blocked the
sentence's own testing phrase too, so "Tested: verified the retry logic by killing the database
connection mid-request" fell from 0.7 to 0, and a careful settings fix went from `low` to `medium`.
Boilerplate is now an answer made only of boilerplate's words."""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(body: str) -> float:
    return explains_testing(PRSnapshot(title="Add retry", body=f"Adds retry with backoff to the HTTP client.\n\n{body}")).value


@pytest.mark.parametrize("body", [
    "Tested: verified the retry logic by killing the database connection mid-request.",
    "How I tested: ran the integration tests against a local Postgres and the retry kicks in.",
    "Manual testing: started the app with an empty settings file and confirmed it loads the defaults.",
    "Testing: Ran the full test suite; all tests pass.",
])
def test_a_report_in_the_authors_own_words_earns_credit(body):
    assert _value(body) >= 0.7


@pytest.mark.parametrize("body", [
    "Testing: tested locally, all tests pass",
    "Testing: All tests pass ✅",
    "Tested: Changes have been tested and work correctly.",
])
def test_boilerplate_still_earns_nothing(body):
    assert _value(body) == 0.0
