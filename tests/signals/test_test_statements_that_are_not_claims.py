"""Statements about tests that claim none for this PR stay quiet (review-sig3 #3a).

Tests from another PR or upstream, a to-do list under a "## TODO" heading, "doesn't need new
tests" and "Shall I add unit tests …?" were each answered with "says … but none of the changed
files is a test".
"""

from __future__ import annotations

import pytest

from tests.signals.claimcases import claim_fires as _fires
from tests.signals.claimcases import claim_hit as _hit


@pytest.mark.parametrize("body", [
    "The new tests added in #4512 exposed a race in `Pool.Close`; this fixes it.",
    "Tests were added in #4410, this PR only fixes the implementation.",
    "Unit tests were written for this in the previous PR (#88). This one only wires the flag.",
    "Caught by new regression tests upstream in golang/go; the fix mirrors theirs.",
    "Tests were added in PR #4410.",
])
def test_tests_from_other_work_are_no_claim(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body", [
    "Refactor the pool.\n\n## TODO\n- Add tests\n- Update docs\n",
    "Refactor the pool.\n\n## TODO\n\n- Update docs\n- Add tests\n",
    "Refactor the pool.\n\n**Next steps:**\n- add integration tests for the retry path\n",
    "WIP.\n\n### Remaining work\n- Write unit tests for the parser\n",
    "Follow-ups:\n1. Add unit tests for the pool\n",
])
def test_a_list_under_a_deferral_heading_is_no_claim(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body", [
    "This is a pure refactor and doesn't need new tests.",
    "This does not require new tests.",
    "New tests aren't needed since the existing table covers both branches.",
    "No behaviour change. New tests weren't required.",
    "Shall I add unit tests for the new helper? Happy to do so.",
    "Should we write integration tests for this?",
    "Adding tests next.",
])
def test_a_test_statement_that_says_none_are_needed_or_asks_is_no_claim(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body", [
    "Added unit tests for the pool.",
    "## Changes\n- Added unit tests for the pool\n",
    "## TODO\n- Update docs\n\n## Done\n- Added unit tests for the pool\n",
    "TODO list is done:\n\nAdded unit tests for the pool\n",
    "Added regression tests for the bug in #4410.",
    "New tests are in `pool.go`'s table.",
    "This change needs new tests, so I added unit tests for the pool.",
])
def test_claims_still_fire(body):
    assert _fires(body)
