"""admits_untested stays quiet on careful sentences about a failing or unrun check that are not
admissions (review-sig3 #1): the TDD statement that a check fails without the patch, a bug
report about the command the PR repairs, a CI-infrastructure PR, tests the PR adds for code
that was untested, and a partial admission that says how the change was tested. Admissions
still fire."""

from __future__ import annotations

import pytest

from bot.signals.untested import admits_untested
from bot.snapshot import PRSnapshot


def _fires(body: str) -> bool:
    return admits_untested(PRSnapshot(title="t", body=body)).fired


@pytest.mark.parametrize("body", [
    "`go test ./pkg/parser -run TestEmpty` fails without this patch and passes with it.",
    "`pytest -k regression` failed before the fix; passes now.",
    "`cargo test --test decode` fails on v1.4.2 (the released version) with the panic from #311.",
    "`npm test` fails on the current release because of the timezone bug; this PR fixes it.",
])
def test_a_check_failing_without_the_change_is_not_an_admission(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "`npm run build` fails on Windows because of the path separator. This PR uses `path.join` instead.",
    "`make test` fails on arm64 because the linker flag is wrong; this PR fixes the flag.",
])
def test_a_bug_report_about_the_command_the_pr_repairs_is_not_an_admission(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "Currently we cannot run the integration tests on forks because secrets are not available; "
    "this PR switches to `pull_request_target`.",
    "Tests were not run on CI for forks. This PR fixes the workflow trigger.",
    "Before, I couldn't run the tests locally on macOS because of the `/proc` dependency. This makes them portable.",
    "With this fix we can now run the tests in parallel; before we couldn't run them concurrently.",
])
def test_a_pr_about_running_the_tests_is_not_an_admission(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "Adds tests for `parse_duration`. It was previously untested, which is how #412 slipped through.",
    "Untested branches in `retry.go` are now covered by table tests.",
    "- Untested code paths in the parser now have unit tests",
])
def test_tests_the_pr_adds_for_untested_code_are_not_an_admission(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "Not tested on Windows, but tested on Linux and macOS.",
    "I couldn't test on a real device; however `cargo test` and the emulator run pass.",
])
def test_a_partial_admission_that_says_how_it_was_tested_is_quiet(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "I did not test this.",
    "I haven't tested this yet.",
    "Untested, please check.",
    "- `go test ./...` fails in `pkg/cache` with this change",
    "`npm test` fails with this change; this PR fixes the parser otherwise.",
    "I couldn't test on Windows; this PR fixes the path bug.",
    "I couldn't run the tests in CI; this PR fixes the parser.",
    "I haven't tested on ARM, but it should work.",
    "Not tested on Windows, but it should be fine.",
    "This is untested; the branches are now covered by nothing.",
    "`make test` fails with my change; I fixed the flaky timer test separately",
])
def test_admissions_still_fire(body):
    assert _fires(body)
