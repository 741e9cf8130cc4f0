"""``explains_testing``: a testing report after a label, "Verified locally that …" and a check against
a release earn credit (review 3 #6).

"Tested: locally with Postgres 16, migrations apply cleanly", "How I tested: ran the test suite and
clicked through the settings page" and the like scored 0.0: "Tested:" with a colon, a bold or colon
label line and "verified against" were not read. A label answered with nothing, a placeholder, a
question or a failure still earns nothing, and so does what the code verifies.
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot


def _value(body: str) -> float:
    return explains_testing(PRSnapshot(title="Fix the dialog", body=f"Fixes the dialog closing.\n\n{body}")).value


@pytest.mark.parametrize("body", [
    "Tested: ran the app locally on Firefox 120 and Chrome 119, the dialog closes now.",
    "Tested: locally with Postgres 16, migrations apply cleanly.",
    "Testing: verified the fix by uploading a 2 GB file; the progress bar stays at 100%.",
    "Verified locally that the retry happens 3 times.",
    "Manually verified: signatures from the staging webhook are accepted, forged ones rejected.",
    "How I tested: ran the test suite and clicked through the settings page.",
    "Testing done: the existing suite passes, plus I tried 3 malformed configs by hand.",
    "This was verified against the 1.4.2 release by the reporter and me.",
    "**Tested:** clicked through the wizard on a Pixel 7.",
    "- How we tested it: reproduced the hang with the script from #12, it no longer hangs.",
])
def test_a_labelled_testing_report_earns_credit(body):
    assert _value(body) == 0.7


@pytest.mark.parametrize("body", [
    "Testing: N/A",
    "Tested: not yet, I have no device.",
    "How I tested: <describe how you tested this change>",
    "Testing: (please describe the tests you ran)",
    "Tested: TODO before merge.",
    "Testing: yes",
    "Testing: (to be filled in after 2 reviews)",
    "Tested: [ ] on Linux 6.8",
    "How I tested: what else should I run?",
    "Tested: fails on Windows 11, could not find why yet.",
    "Testing: the retry logic and the dialog state.",
    "Tokens are verified locally before the request is sent.",
    "Signatures are verified against the production key.",
])
def test_a_label_answered_with_no_report_earns_nothing(body):
    assert _value(body) == 0.0


def test_a_long_label_line_is_read_in_linear_time():
    import time

    def took(n: int) -> float:
        body = "Tested: " + "?" * n + "a\n" + ("Testing: " + "x " * 50 + "\n") * (n // 100)
        start = time.perf_counter()
        explains_testing(PRSnapshot(title="t", body=body[:8000]))
        return time.perf_counter() - start

    took(1000)
    assert took(8000) < 10 * took(4000) + 0.05
