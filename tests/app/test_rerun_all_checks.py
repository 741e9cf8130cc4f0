""""Re-run all checks" on a PR's Checks tab: GitHub re-requests the whole check suite and sends
``check_suite.rerequested`` to the App that made it, not ``check_run.rerequested``. PR Sieve reads
it as a Re-run of its check. The payload is GitHub's real shape: octokit's ``check_run`` example
carries the suite object (``check_run.check_suite``, with ``head_sha``, ``pull_requests`` and an
``app`` without a slug) that a ``check_suite`` delivery carries at its top level.
"""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .conftest import result_for  # noqa: E402
from .test_check_run_events_name_the_right_pr import pull_ref  # noqa: E402
from .test_e2e_fakegithub import REPO, SHA, fake, live_ctx  # noqa: E402,F401


def suite_rerun(fake, payload, pulls: list[dict] | None = None) -> dict:
    example = payload("check_run", "rerequested.payload.json")
    event = {key: example[key] for key in ("repository", "organization", "sender")}
    event.update(action="rerequested", check_suite=example["check_run"]["check_suite"],
                 installation={"id": fake.installation_id})
    event["repository"]["full_name"] = REPO
    event["check_suite"]["head_sha"] = SHA
    event["check_suite"]["pull_requests"] = (
        [pull_ref(event, 7, event["repository"]["id"])] if pulls is None else pulls)
    return event


def test_rerun_all_checks_scores_the_pr_again(fake, live_ctx, scorer, payload):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    assert fake.issue_labels(REPO, 7) == ["sieve/likely-low-effort"]
    scorer.result = result_for("medium")
    assert dispatch.handle("check_suite", suite_rerun(fake, payload), live_ctx).startswith("re-run: scored 55")
    assert fake.issue_labels(REPO, 7) == ["sieve/needs-review"]
    assert len(fake.check_runs(REPO, SHA)) == 1  # the run is updated, not doubled


def test_a_fork_prs_suite_is_the_pr_scored_at_its_commit(fake, live_ctx, scorer, payload):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    scorer.result = result_for("medium")
    outcome = dispatch.handle("check_suite", suite_rerun(fake, payload, pulls=[]), live_ctx)
    assert outcome.startswith("re-run: scored 55") and fake.issue_labels(REPO, 7) == ["sieve/needs-review"]


def test_a_suite_of_another_app_or_of_no_scored_pr_is_left_alone(fake, live_ctx, scorer, payload):
    event = suite_rerun(fake, payload)
    event["check_suite"]["app"]["slug"] = "some-ci"
    assert dispatch.handle("check_suite", event, live_ctx) == "ignored: another App's check suite"
    nothing = dispatch.handle("check_suite", suite_rerun(fake, payload, pulls=[]), live_ctx)
    assert nothing.startswith("ignored: the check suite lists no pull request")
    assert scorer.calls == [] and fake.issue_labels(REPO, 7) == []
