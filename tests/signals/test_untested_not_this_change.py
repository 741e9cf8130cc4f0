"""admits_untested stays quiet on sentences that are not about this change going untested: a
check that fails without the change too (pre-existing, unrelated, flaky, on main), the time
before the change, the code's own reasoning, and a thing the PR removes. Admissions still fire."""

from __future__ import annotations

import pytest

from bot.signals.untested import admits_untested
from bot.snapshot import PRSnapshot


def _fires(body: str) -> bool:
    return admits_untested(PRSnapshot(title="t", body=body)).fired


@pytest.mark.parametrize("body", [
    "## Testing\n- `go test ./...` fails on main too (TestFoo, see #123); all other packages pass",
    "- `make test` ran 4,180 tests; the pre-existing `compute-tags.test.sh` fails on macOS",
    "- `make lint` failed for a local untracked `.venv` directory (unrelated to this change)",
    "- `npm test` fails in `e2e/login.spec.ts`, a known flaky test",
    "- `tox -e py312` fails on an unchanged main checkout as well",
])
def test_a_failure_that_is_not_the_changes_is_not_an_admission(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "Before this change we couldn't test the parser in isolation; it is now a pure function with unit tests.",
    "Previously I could not run the tests on Windows because of path separators; this PR fixes that.",
    "Without this fix we cannot run the tests on ARM runners.",
    "Previously `pytest` failed on Windows because of path separators.",
])
def test_the_time_before_the_change_is_not_an_admission(body):
    assert not _fires(body)


def test_the_codes_reasoning_is_not_an_admission():
    assert not _fires("Without the issuer's public key we cannot verify the token, "
                      "so `Validate` now returns ErrNoKey early.")


@pytest.mark.parametrize("body", [
    "Deletes the old Makefile target since it was untested and nobody used it.",
    "* Remove docker-compose-v1.yml as it was not tested and used old components.",
])
def test_what_the_pr_removes_is_not_an_admission(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "I did not test this.",
    "This is untested, I don't have a Mac.",
    "## Testing\n- `pytest` *(fails: ModuleNotFoundError)*",
    "- `go test ./...` fails in `pkg/cache` with this change",
    "Removes the flag. It is not tested on Windows.",
    "Without a Mac I couldn't test this, so please check it.",
    "I couldn't run the tests before opening the PR.",
    "Note that I haven't tested the removal of the old path.",
])
def test_admissions_still_fire(body):
    assert _fires(body)
