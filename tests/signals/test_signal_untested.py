"""admits_untested (effort) and its counterpart in explains_testing (care) on real records."""

from __future__ import annotations

from bot.signals.care import explains_testing
from bot.signals.untested import admits_untested


def test_failing_test_command_is_an_admission_not_care(aidev_pr):
    snapshot = aidev_pr(3146758450)  # Codex: "## Testing - `flutter test` *(fails: command not found)*"
    hit = admits_untested(snapshot)
    assert hit.value == 1.0 and hit.kind == "effort" and "`flutter test` *(fails" in hit.evidence
    assert not explains_testing(snapshot).fired


def test_first_person_admission_fires(git_pr):
    hit = admits_untested(git_pr("celestia-core", 2541))
    assert hit.fired and "I couldn't test this" in hit.evidence


def test_describing_previously_untested_code_is_not_an_admission(git_pr):
    snapshot = git_pr("sentry-python", 6870)  # "a new test covers the previously untested … span"
    assert "previously untested" in snapshot.body
    assert not admits_untested(snapshot).fired


def test_describing_what_a_tool_cannot_run_is_not_an_admission(git_pr):
    snapshot = git_pr("sentry-python", 6484)  # "… it cannot run `gh`/`curl`/`printenv`"
    assert "cannot run" in snapshot.body
    assert not admits_untested(snapshot).fired


def test_running_into_a_problem_is_not_testing(git_pr):
    # human (celestia-core #5294): "When downloading mockery I ran into an issue…"
    snapshot = git_pr("celestia-core", 5294)
    assert "I ran into" in snapshot.body
    assert not explains_testing(snapshot).fired


def test_a_command_the_change_fixes_is_not_how_it_was_tested(git_pr):
    # human (celestia-core #5966): "- fixes `make test` since …"
    snapshot = git_pr("celestia-core", 5966)
    assert "fixes `make test`" in snapshot.body
    assert not explains_testing(snapshot).fired


def test_a_command_that_was_run_still_counts():
    from bot.snapshot import PRSnapshot
    hit = explains_testing(PRSnapshot(title="x", body="Fixes the flaky watcher.\n\nI ran `make test` fifty times."))
    assert hit.value == 1.0 and "make test" in hit.evidence
