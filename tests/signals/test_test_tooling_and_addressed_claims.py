"""Test tooling is no test claim, and a claim with "should"/"you"/"must" after it is read
(review-sig3 #3a, #3d).

"Added test coverage reporting to the CI workflow", "Add test script to package.json" and "Added
test ids to the Button" name the project's test tooling, not tests. A line holding "should", "you"
or "must" was dropped as a template instruction, so "Added unit tests that should cover every edge
case" and "…; they must pass on all platforms" went unread; template lines ("You should add tests",
"If you added tests, …") still are dropped.
"""

from __future__ import annotations

import pytest

from tests.signals.claimcases import claim_fires as _fires
from tests.signals.claimcases import claim_hit as _hit


@pytest.mark.parametrize("body, path", [
    ("Added test coverage reporting to the CI workflow (uploads lcov to Codecov).", ".github/workflows/ci.yml"),
    ("Add test script to package.json so `npm test` runs vitest.", "package.json"),
    ("Added test ids to the Button and Modal components for the Playwright selectors.", "src/Button.tsx"),
    ("Added test-id attributes to the menu items.", "src/Menu.tsx"),
    ("Update the CI matrix so new tests are picked up automatically on every package.", ".github/workflows/ci.yml"),
    ("Improved test coverage reporting in the Makefile.", "Makefile"),
])
def test_test_tooling_wording_is_no_claim(body, path):
    assert not _hit(body, path).fired


@pytest.mark.parametrize("body", [
    # the instruction rule no longer drops an author's claim for a "should", "you" or "must" after it
    "Added unit tests that should cover every edge case.",
    "Added unit tests so you can see the fix works.",
    "Added regression tests; they must pass on all platforms.",
    "Wrote unit tests for Close, should I add more?",
    # claims the narrowed tooling words still read
    "Added test coverage for the retry path.",
    "Added tests identifying the leak.",
    "Added unit tests, scripts next.",
])
def test_claims_with_such_words_after_them_fire(body):
    assert _fires(body)


@pytest.mark.parametrize("body", [
    "You should add tests for new features.",
    "If you added tests, describe them here.",
    "Have you added tests?",
    "New features must include unit tests.",
    "Added tests? Please tick the box.",
])
def test_template_instructions_are_still_dropped(body):
    assert not _hit(body).fired


def test_tooling_words_on_the_next_line_do_not_excuse_a_claim():
    """"Wrote unit tests" at a line's end, then "Results are attached below." on the next line: the
    tooling check read across the line break and took the claim for "test results"."""
    assert _fires("Wrote unit tests\nResults are attached below.")
    assert not _fires("Attached the test results below.")
