"""The PR Sieve check run's buttons ("requested actions"): a flagged PR offers "Clear this flag",
a cleared one "Undo the clearance"; pressing them acts as /sieve ok and /sieve ok cancel."""

from __future__ import annotations

import pytest

from bot.app import dispatch, plan
from bot.app.render import check_buttons

from .test_handlers import HIGH, REPO, comment_event, opened, pr, unlabeled  # noqa: F401  (pr: fixture)


def button_event(payload, identifier: str, sender: str = "maintainer"):
    """octokit's real ``check_run.requested_action`` example, pointed at our check on PR #2."""
    event = payload("check_run", "requested_action.payload.json")
    event["repository"]["full_name"] = REPO
    event["check_run"]["app"]["slug"] = "pr-sieve"
    event["check_run"]["name"] = "PR Sieve"
    event["check_run"]["pull_requests"] = [{"number": 2, "id": 1, "url": "u", "head": {}, "base": {}}]
    event["requested_action"]["identifier"] = identifier
    event["sender"]["login"] = sender
    return event


def buttons_now(gh) -> tuple[str, ...]:
    [run] = gh.check_runs.values()
    return tuple(a.identifier for a in run.actions)


@pytest.mark.parametrize("band, kind, expected", [
    ("high", None, ("sieve-ok",)), ("medium", None, ("sieve-ok",)), ("low", None, ()),
    ("high", "ok", ("sieve-ok-cancel",)), ("low", "label_removed", ("sieve-ok-cancel",)),
    ("high", "exempt", ())])  # an exemption is undone by taking its label off
def test_which_button_a_check_run_offers(band, kind, expected):
    assert plan.buttons(band, kind) == expected


def test_every_button_text_fits_githubs_limits():
    for identifier in ("sieve-ok", "sieve-ok-cancel"):
        text = check_buttons()[identifier]
        assert len(identifier) <= 20 and 0 < len(text["label"]) <= 20 and 0 < len(text["description"]) <= 40


def test_clear_then_undo_from_the_check_run(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH] and buttons_now(gh) == ("sieve-ok",)
    assert dispatch.handle("check_run", button_event(payload, "sieve-ok"), ctx).startswith("button sieve-ok by")
    assert state.overrides[(REPO, 2)].kind == "ok" and state.overrides[(REPO, 2)].detail == "check run button"
    assert gh.labels[(REPO, 2)] == [] and buttons_now(gh) == ("sieve-ok-cancel",)
    dispatch.handle("check_run", button_event(payload, "sieve-ok-cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    assert buttons_now(gh) == ("sieve-ok",) and len(gh.bot_comments(REPO, 2)) == 1  # no reply comments


def test_a_removed_label_is_undone_by_the_button_too(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.labels[(REPO, 2)] = []
    dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx)
    assert buttons_now(gh) == ("sieve-ok-cancel",)
    dispatch.handle("check_run", button_event(payload, "sieve-ok-cancel"), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]


def test_buttons_need_write_access_and_unknown_ones_are_ignored(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    assert "no write access" in dispatch.handle("check_run", button_event(payload, "sieve-ok", "drive-by"), ctx)
    assert "not a PR Sieve button" in dispatch.handle("check_run", button_event(payload, "lgtm|26764"), ctx)
    assert state.overrides == {} and gh.labels[(REPO, 2)] == [HIGH]


def test_a_fork_prs_check_run_lists_no_pr_but_its_commit_was_scored(ctx, gh, state, pr, scorer, payload):
    """GitHub lists no pull request on a fork PR's check run; the recorded decision at the check
    run's commit names it, so Re-run and the buttons work on drive-by PRs from forks too."""
    dispatch.handle("pull_request", opened(payload), ctx)
    event = button_event(payload, "sieve-ok")
    event["check_run"]["pull_requests"] = []
    event["check_run"]["head_sha"] = state.decisions[-1].head_sha
    assert dispatch.handle("check_run", event, ctx).startswith("button sieve-ok by maintainer")
    assert state.overrides[(REPO, 2)].kind == "ok" and gh.labels[(REPO, 2)] == []
    event["check_run"]["head_sha"] = "0" * 40  # a commit PR Sieve never scored
    assert "none was scored at its commit" in dispatch.handle("check_run", event, ctx)


def test_undoing_the_clearance_of_a_closed_pr_does_not_label_it(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(state="closed")
    outcome = dispatch.handle("check_run", button_event(payload, "sieve-ok-cancel"), ctx)
    assert outcome.endswith("the PR is closed, so nothing else changed")
    assert state.get_override(REPO, 2) is None and gh.labels.get((REPO, 2), []) == []
