"""Sequences of events and states a single-event test does not show: a repository that turned
PR Sieve off, a closed PR, label changes that arrive after a later change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.app import dispatch
from bot.app.stickyedit import DIGEST_MARKER, signed
from bot.ports import GitHubError

from .conftest import result_for
from .test_handlers import EXEMPT, HIGH, MEDIUM, REPO, comment_event, opened, pr, rerun_event, unlabeled  # noqa: F401

DIGEST = DIGEST_MARKER.split("{")[0]

DISABLED = "enabled: false\nexempt: {associations: []}\n"


def labeled(payload, label, sender="maintainer"):
    event = unlabeled(payload, label, sender)
    event["action"] = "labeled"
    return event


# --- enabled: false -----------------------------------------------------------------------------

def test_rerun_of_an_old_check_in_a_disabled_repository_writes_nothing(ctx, gh, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = DISABLED  # turned off after the check was created
    assert dispatch.handle("check_run", rerun_event(payload), ctx).startswith("ignored: disabled")
    assert gh.writes == [] and scorer.calls == []


def test_commands_in_a_disabled_repository_write_nothing(ctx, gh, state, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = DISABLED
    for body in ("/sieve rescore", "/sieve ok", "/sieve explain", "/sieve"):
        assert dispatch.handle("issue_comment", comment_event(payload, body), ctx).startswith("ignored: disabled")
    assert gh.writes == [] and scorer.calls == [] and state.overrides == {}


def test_label_changes_in_a_disabled_repository_write_nothing(ctx, gh, state, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = DISABLED
    gh.labels[(REPO, 2)].append(EXEMPT)
    assert dispatch.handle("pull_request", labeled(payload, EXEMPT), ctx).startswith("ignored: disabled")
    assert gh.writes == [] and scorer.calls == []


# --- closed pull requests -----------------------------------------------------------------------

def closed_then_edited(payload, merged: bool):
    event = payload("pull_request", "closed.payload.json")
    event["action"] = "edited"  # e.g. a maintainer retitling a merged PR for the release notes
    event["changes"] = {"title": {"from": "Update the README with new information"}}
    event["pull_request"]["merged"] = merged
    return event


def test_editing_a_closed_or_merged_pr_does_not_label_or_comment_it(ctx, gh, state, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = "thresholds: {high: nope}\n"  # not even a failing check
    for merged in (False, True):
        assert dispatch.handle("pull_request", closed_then_edited(payload, merged), ctx).startswith("ignored: closed")
    assert gh.writes == [] and scorer.calls == [] and state.decisions == []


# --- label changes overtaken by later ones ------------------------------------------------------
# GitHub does not promise delivery order, a failed attempt is retried minutes later, and a busy
# worker may see an event only after the person changed the label again: the label event must
# not undo the person's LATER change.

def test_a_removal_undone_by_the_maintainer_before_the_bot_saw_it_leaves_the_label(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)  # a misclick...
    gh.human_label(REPO, 2, HIGH, "maintainer", add=True)  # ...put right at once
    assert dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx).startswith("ignored: overtaken")
    dispatch.handle("pull_request", labeled(payload, HIGH), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]


def test_the_same_two_label_events_delivered_in_reverse_order_leave_the_label(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=True)
    dispatch.handle("pull_request", labeled(payload, HIGH), ctx)
    dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]
    assert state.overrides[(REPO, 2)].kind == "label_added"


def test_an_exempt_label_added_and_removed_again_is_not_put_back(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=True)
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=False)
    assert dispatch.handle("pull_request", labeled(payload, EXEMPT), ctx).startswith("ignored: overtaken")
    dispatch.handle("pull_request", unlabeled(payload, EXEMPT), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH] and state.get_override(REPO, 2) is None


def test_a_removal_whose_delivery_is_late_or_lost_is_found_in_the_history(ctx, gh, state, pr, scorer, payload):
    """A push handled before the removal's delivery (or with it lost: GitHub does not redeliver)
    used to put the label back; the history says a person took it off (review)."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)  # handled first
    assert gh.labels[(REPO, 2)] == [] and state.get_override(REPO, 2).kind == "label_removed"
    assert dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx).startswith("override recorded")
    assert gh.labels[(REPO, 2)] == []
    assert state.overrides[(REPO, 2)].kind == "label_removed"


def test_a_lost_removal_of_the_other_band_label_is_found_when_the_band_moves(ctx, gh, state, pr, scorer, payload):
    """A person took the high label off while its delivery was lost; the next push scores medium
    (a new model, a new commit). Only the wanted label's history was read, so the medium label
    went on over the person's decision (upgrade review)."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)  # its delivery never comes
    scorer.result = result_for("medium")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [] and state.get_override(REPO, 2).kind == "label_removed"
    assert state.get_override(REPO, 2).detail == f"label {HIGH} (found in the issue's history)"


def test_the_bots_own_swap_of_band_labels_is_not_read_as_a_persons_removal(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)  # high
    scorer.result = result_for("medium")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [MEDIUM]
    scorer.result = result_for("high")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH] and state.get_override(REPO, 2) is None


@pytest.mark.parametrize("band_now", ["medium", "high"])
def test_an_exempt_cycle_after_an_ok_cancel_does_not_bring_the_cancelled_clearance_back(
        ctx, gh, state, pr, scorer, payload, band_now):
    """One ending row is kept per PR: the exempt cancel replaced the ok cancel's, and the next
    push read the person's handled removal from the history as a lost one (diff review)."""
    scorer.result = result_for("medium")
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, MEDIUM, "maintainer", add=False)
    dispatch.handle("pull_request", unlabeled(payload, MEDIUM), ctx)  # handled: a clearance
    scorer.result = result_for("low")
    for command in ("/sieve ok cancel", "/sieve exempt", "/sieve exempt cancel"):
        dispatch.handle("issue_comment", comment_event(payload, command), ctx)
    scorer.result = result_for(band_now)
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert state.get_override(REPO, 2) is None
    assert gh.labels[(REPO, 2)] == [HIGH if band_now == "high" else MEDIUM]


# --- who may override by label ------------------------------------------------------------------

def test_a_triage_user_removing_the_label_is_never_undone_but_their_command_is_refused(
        ctx, gh, state, pr, scorer, payload):
    """GitHub lets triage users change labels: the bot must not put back what they took off.
    Commands stay with write access."""
    gh.permissions[(REPO, "triager")] = "triage"
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, HIGH, "triager", add=False)
    assert dispatch.handle("pull_request", unlabeled(payload, HIGH, "triager"), ctx).startswith("override recorded")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [] and state.overrides[(REPO, 2)].actor == "triager"
    gh.permissions[(REPO, "triager2")] = "triage"
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt", "triager2"), ctx)
    assert state.overrides[(REPO, 2)].kind == "label_removed"


def test_a_pr_turned_back_into_a_draft_before_its_event_was_handled_is_not_labelled(ctx, gh, state, pr, scorer, payload):
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)  # the payload still says "ready"
    assert dispatch.handle("pull_request", opened(payload), ctx) == "skipped: draft (now)"
    assert gh.labels.get((REPO, 2), []) == [] and not gh.bot_comments(REPO, 2)


def test_a_pr_closed_before_its_retried_event_was_handled_is_not_labelled(ctx, gh, state, pr, scorer, payload):
    gh.snapshots[(REPO, 2)] = pr.with_changes(state="closed")  # closed or merged; the payload still says "open"
    for name in ("opened.payload.json", "synchronize.payload.json"):
        assert dispatch.handle("pull_request", payload("pull_request", name), ctx) == "skipped: closed (now)"
    assert gh.writes == [] and state.decisions == []


def test_a_rescore_or_rerun_of_a_closed_pr_changes_nothing_on_it(ctx, gh, state, pr, scorer, payload):
    gh.snapshots[(REPO, 2)] = pr.with_changes(state="closed")
    assert dispatch.handle("check_run", rerun_event(payload), ctx) == "skipped: closed (now)"
    assert dispatch.handle("issue_comment", comment_event(payload, "/sieve rescore"), ctx) == "commands: rescore"
    assert gh.labels.get((REPO, 2), []) == [] and state.decisions == []
    [reply] = gh.bot_comments(REPO, 2)
    assert "This PR is closed, so nothing was changed." in reply.body


# --- the sticky comment -------------------------------------------------------------------------

def test_a_sticky_comment_a_person_deleted_is_not_posted_again(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    [sticky] = gh.bot_comments(REPO, 2)
    gh.delete_comment(REPO, sticky.id)  # a maintainer removes it from the conversation
    outcome = dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert outcome.startswith("scored") and gh.bot_comments(REPO, 2) == []
    assert gh.labels[(REPO, 2)] == [HIGH]  # the label and the check still work


def test_a_sticky_deleted_between_reading_the_pr_and_editing_it_stays_deleted(
        ctx, gh, state, pr, scorer, payload, monkeypatch):
    """The PR's comments were listed, then a person deleted the sticky before the edit (GitHub
    answers 404): the delivery still writes its label and check run, and nothing is reposted."""
    dispatch.handle("pull_request", opened(payload), ctx)
    [sticky] = gh.bot_comments(REPO, 2)
    list_comments = gh.list_comments

    def deleted_after_listing(repo, number):  # as listed: an older text of the App's, so the plan edits it
        listed = [replace(c, body=signed(c.body.split(DIGEST)[0] + " (older text)")) for c in list_comments(repo, number)]
        gh.delete_comment(repo, sticky.id)
        return listed
    monkeypatch.setattr(gh, "list_comments", deleted_after_listing)
    before = len(gh.writes)
    outcome = dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert ("edit_comment", REPO, sticky.id) in gh.writes[before:]  # tried, and GitHub said 404
    assert outcome.startswith("scored") and gh.bot_comments(REPO, 2) == []
    assert gh.labels[(REPO, 2)] == [HIGH] and any(w[0] == "check_run" for w in gh.writes[before:])


def test_a_deleted_sticky_stays_deleted_when_the_delivery_that_posted_it_was_retried(
        ctx, gh, state, pr, scorer, payload, monkeypatch):
    # the first attempt posts the sticky, then the check run fails: what was written is recorded
    # (the sticky, so a person's deletion before the retry holds); the retry finds the sticky and
    # edits it, and that must count as the bot's comment being there
    write_check = gh.upsert_check_run
    failures = iter([GitHubError("upsert_check_run: GitHub answered 502", status=502, retryable=True)])

    def flaky(repo, output):
        error = next(failures, None)
        if error:
            raise error
        return write_check(repo, output)
    monkeypatch.setattr(gh, "upsert_check_run", flaky)
    with pytest.raises(GitHubError):
        dispatch.handle("pull_request", opened(payload), ctx)
    [partial] = state.decisions
    assert any(a.startswith("create_comment:") for a in partial.actions) and len(gh.bot_comments(REPO, 2)) == 1
    assert not any(a.startswith("check_run") for a in partial.actions)
    dispatch.handle("pull_request", opened(payload), ctx)  # the worker's retry
    [sticky] = gh.bot_comments(REPO, 2)
    gh.delete_comment(REPO, sticky.id)
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.bot_comments(REPO, 2) == []


def test_a_comment_only_planned_in_shadow_mode_does_not_count_as_posted(ctx, gh, state, pr, scorer, payload):
    ctx.shadow = True
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.bot_comments(REPO, 2) == []
    ctx.shadow = False
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert len(gh.bot_comments(REPO, 2)) == 1
