"""Two open PRs can share one head commit (one branch opened against two base branches; GitHub
lists both in the run's ``pull_requests``). Each gets its own PR Sieve check run, named by its
``external_id``: scoring one PR leaves the other's run as it was, and a press or Re-run on a run
acts on that run's PR. A run made before runs named their PR (no external_id) is taken over, not
doubled. Through the real PyGithub adapter against the fake GitHub.
"""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import checkid, dispatch  # noqa: E402

from .conftest import result_for  # noqa: E402
from .test_check_run_events_name_the_right_pr import pull_ref  # noqa: E402
from .test_e2e_fakegithub import HIGH, REPO, SHA, fake, live_ctx  # noqa: E402,F401
from .test_rerun_all_checks import suite_rerun  # noqa: E402

MEDIUM = "sieve/needs-review"


def open_release_pr(fake, live_ctx) -> None:
    """PR #8: the branch of #7 (same head commit) opened against ``release``, and handled."""
    fake.add_pull(REPO, 8, {"title": "Backport: improve docs", "body": "Added unit tests.", "user": "drive-by",
                            "author_association": "NONE", "head_sha": SHA, "head_ref": "feature",
                            "base_ref": "release"},
                  files=[{"filename": "README.md", "additions": 3}], commits=["Update README.md"])
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 8), live_ctx)


def runs_by_pr(fake) -> dict[str, dict]:
    """The App's runs at ``SHA`` by external_id, each with the buttons last sent for it."""
    runs = [run | {"buttons": [b["identifier"] for b in buttons]}
            for run, buttons in zip(fake.check_runs(REPO, SHA), fake.check_run_actions(REPO, SHA))]
    assert len({run["external_id"] for run in runs}) == len(runs), runs  # one run per PR, none doubled
    return {run["external_id"]: run for run in runs}


def press(fake, external_id: str, identifier: str = "sieve-ok") -> dict:
    """The maintainer presses ``identifier`` on the run of ``external_id``; the event lists #7 and #8."""
    run_id = runs_by_pr(fake)[external_id]["id"]
    event = fake.check_run_action_event(REPO, 8, identifier, "maintainer", run_id=run_id)
    assert [pr["number"] for pr in event["check_run"]["pull_requests"]] == [7, 8]  # GitHub's shape
    return event


def test_each_pr_at_one_commit_has_its_own_run_and_scoring_one_leaves_the_others(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    scorer.result = result_for("low")
    open_release_pr(fake, live_ctx)
    runs = runs_by_pr(fake)
    assert set(runs) == {"pr-7", "pr-8"}
    assert "pull request 7" in runs["pr-7"]["output"]["summary"] and runs["pr-7"]["buttons"] == ["sieve-ok"]
    assert "pull request 8" in runs["pr-8"]["output"]["summary"] and runs["pr-8"]["buttons"] == []
    scorer.result = result_for("medium")
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"), live_ctx)
    again = runs_by_pr(fake)
    assert set(again) == {"pr-7", "pr-8"} and again["pr-8"] == runs["pr-8"]  # #8's run untouched
    assert again["pr-7"]["id"] == runs["pr-7"]["id"] and "Score 55/100" in again["pr-7"]["output"]["summary"]


def test_a_button_on_one_prs_run_acts_on_that_pr_not_the_first_listed(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    open_release_pr(fake, live_ctx)
    outcome = dispatch.handle("check_run", press(fake, "pr-8"), live_ctx)
    assert outcome.startswith("button sieve-ok by maintainer")
    assert live_ctx.state.get_override(REPO, 8).kind == "ok" and live_ctx.state.get_override(REPO, 7) is None
    assert fake.issue_labels(REPO, 8) == [] and fake.issue_labels(REPO, 7) == [HIGH]
    runs = runs_by_pr(fake)
    assert runs["pr-8"]["buttons"] == ["sieve-ok-cancel"] and runs["pr-7"]["buttons"] == ["sieve-ok"]


def test_a_rerun_of_one_prs_run_scores_that_pr_only(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    open_release_pr(fake, live_ctx)
    event = press(fake, "pr-8")
    event["action"] = "rerequested"
    del event["requested_action"]
    scorer.result, scorer.calls = result_for("medium"), []
    assert dispatch.handle("check_run", event, live_ctx).startswith("re-run: scored 55")
    assert [snapshot.number for snapshot, _ in scorer.calls] == [8]
    assert fake.issue_labels(REPO, 8) == [MEDIUM] and fake.issue_labels(REPO, 7) == [HIGH]


def test_rerun_all_checks_listing_both_prs_scores_each(fake, live_ctx, scorer, payload):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    open_release_pr(fake, live_ctx)
    event = suite_rerun(fake, payload, pulls=[])
    here = event["repository"]["id"]
    event["check_suite"]["pull_requests"] = [pull_ref(event, 7, here), pull_ref(event, 8, here)]
    scorer.result = result_for("medium")
    outcome = dispatch.handle("check_suite", event, live_ctx)
    assert outcome.startswith("#7: re-run: scored 55") and "#8: re-run: scored 55" in outcome
    assert fake.issue_labels(REPO, 7) == [MEDIUM] and fake.issue_labels(REPO, 8) == [MEDIUM]
    assert set(runs_by_pr(fake)) == {"pr-7", "pr-8"}


def test_a_run_made_before_runs_named_their_pr_is_taken_over_not_doubled(fake, live_ctx, scorer):
    """The old code's run (ours, no external_id) becomes the first PR scored's; the other PR at the
    commit gets a run of its own, and a press on the old run still acts on the first PR listed."""
    old = fake.add_check_run(REPO, SHA, "PR Sieve", app_id=fake.app_id, app_slug=fake.state.app_slug,
                             status="completed", conclusion="neutral")
    fake.add_pull(REPO, 8, {"title": "Backport", "body": "x", "user": "drive-by", "author_association": "NONE",
                            "head_sha": SHA, "base_ref": "release"}, files=[{"filename": "a.md"}], commits=["x"])
    still_old = fake.check_run_action_event(REPO, 7, "sieve-ok", "maintainer", run_id=old)
    assert still_old["check_run"]["external_id"] == ""  # GitHub's empty external_id
    assert dispatch.handle("check_run", still_old, live_ctx).startswith("button sieve-ok by maintainer")
    assert live_ctx.state.get_override(REPO, 7).kind == "ok" and live_ctx.state.get_override(REPO, 8) is None
    assert runs_by_pr(fake)["pr-7"]["id"] == old  # taken over: it names #7 now
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 8), live_ctx)
    runs = runs_by_pr(fake)
    assert set(runs) == {"pr-7", "pr-8"} and runs["pr-7"]["id"] == old


def test_another_apps_run_of_the_same_name_is_not_taken_over(fake, live_ctx, scorer):
    other = fake.add_check_run(REPO, SHA, "PR Sieve", status="completed", conclusion="success")
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    runs = {run["id"]: run for run in fake.check_runs(REPO, SHA)}
    assert len(runs) == 2 and runs[other]["external_id"] == "" and runs[other]["conclusion"] == "success"


@pytest.mark.parametrize("value, number", [("pr-7", 7), ("pr-26764", 26764), ("", None), (None, None),
                                           ("pr-", None), ("pr-0", None), ("7", None), ("pr-7a", None),
                                           ("pr-\u0663", None), (7, None)])
def test_the_pr_an_external_id_names(value, number):
    assert checkid.number_of(value) == number
    if number is not None:
        assert checkid.external_id(number) == value
