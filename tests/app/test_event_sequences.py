"""Sequences of events and states a single-event test does not show: a repository that turned
PR Sieve off, a closed PR, label changes that arrive after a later change."""

from __future__ import annotations

from bot.app import dispatch

from .test_handlers import EXEMPT, HIGH, REPO, comment_event, opened, pr, rerun_event, unlabeled  # noqa: F401

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
