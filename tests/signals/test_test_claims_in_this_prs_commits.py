"""Tests added in another commit of this PR, or "later" in its history, are claimed (review-sig3 #3c).

A commit is part of the PR it is in: "Added unit tests in a separate commit" and "added
regression tests in the next commit" say the PR has tests, and "I … added unit tests later." says
they were written. Read as deferrals, such false claims went quiet. A deferral of the tests
themselves ("I'll add tests later", "in a separate PR") still is no claim.
"""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.snapshot import FileChange, PRSnapshot


def _hit(body: str):
    files = (FileChange(path="pkg/pool/pool.go", additions=6, deletions=2),)
    return claims_tests_without_tests(PRSnapshot(title="Fix race in Pool.Close", body=body, files=files))


@pytest.mark.parametrize("body", [
    "Added unit tests in a separate commit to ease review.",
    "The first commit fixes the race; added regression tests in the next commit.",
    "I fixed the race first and added unit tests later.",
    "Wrote the tests afterwards.",
    "Unit tests were added later, once the fix settled.",
])
def test_tests_in_this_prs_commits_are_claimed(body):
    hit = _hit(body)
    assert hit.value == 1.0 and "not a test" in hit.evidence


@pytest.mark.parametrize("body", [
    "I'll add unit tests later.",
    "Add unit tests later.",
    "Will add tests in a separate commit once the API settles.",
    "Tests will be added in a separate PR.",
    "Add tests in the next PR.",
    "New tests later.",
])
def test_a_deferral_of_the_tests_is_still_no_claim(body):
    assert not _hit(body).fired
