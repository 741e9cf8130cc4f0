"""A maintainer's decision on a PR the bot does not score now is recorded and answered, and nothing
else is posted: a band label put on by hand on a teammate's PR (members are exempt by default) or a
draft, and ``/sieve ok`` or ``/sieve exempt`` on a closed or merged PR. Before, the label path
scored such a PR and posted the guidance comment and a check run on it, and the command path
relabelled a merged PR, edited its sticky comment and wrote a check run (found by review)."""

from __future__ import annotations

import pytest

from bot.app import dispatch

from .test_handlers import HIGH, REPO, comment_event, opened, pr, unlabeled  # noqa: F401


def _labeled(payload, label, sender="maintainer"):
    return {**unlabeled(payload, label, sender), "action": "labeled"}


def test_a_hand_label_on_an_exempt_authors_pr_posts_nothing(ctx, gh, state, pr, scorer, payload):
    del gh.files[(REPO, ".github/sieve.yml")]  # the defaults: the PR's OWNER author is exempt
    assert dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx) == "skipped: exempt author"
    gh.human_label(REPO, 2, HIGH, "maintainer", add=True)
    outcome = dispatch.handle("pull_request", _labeled(payload, HIGH), ctx)
    assert outcome.endswith("not scored (exempt author), so nothing else changed")
    assert gh.bot_comments(REPO, 2) == [] and not gh.check_runs
    assert state.get_override(REPO, 2).kind == "label_added" and gh.labels[(REPO, 2)] == [HIGH]


def test_a_hand_label_on_a_draft_posts_nothing(ctx, gh, state, pr, scorer, payload):
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=True)
    outcome = dispatch.handle("pull_request", _labeled(payload, HIGH), ctx)
    assert outcome.endswith("not scored (draft), so nothing else changed")
    assert gh.bot_comments(REPO, 2) == [] and not gh.check_runs


@pytest.mark.parametrize("body, kind", [("/sieve ok", "ok"), ("/sieve exempt", "exempt")])
def test_a_command_on_a_closed_pr_is_recorded_and_only_answered(ctx, gh, state, pr, scorer, payload, body, kind):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(state="closed")  # merged since
    labels, before = list(gh.labels[(REPO, 2)]), len(gh.writes)
    dispatch.handle("issue_comment", comment_event(payload, body), ctx)
    assert [w[0] for w in gh.writes[before:]] == ["create_comment"]  # the reply, nothing else
    assert gh.labels[(REPO, 2)] == labels and state.get_override(REPO, 2).kind == kind


def test_a_clearance_on_a_pr_no_longer_scored_updates_the_comment_it_was_flagged_with(
        ctx, gh, state, pr, scorer, payload):
    """Flagged with a comment, then turned into a draft; the maintainer takes the label off. The
    comment kept telling the author the PR "may need more work" (review); /sieve ok did update it."""
    dispatch.handle("pull_request", opened(payload), ctx)
    assert "may need more work" in gh.bot_comments(REPO, 2)[0].body
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)
    outcome = dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx)
    assert outcome == "override recorded: label_removed by maintainer"
    [sticky] = gh.bot_comments(REPO, 2)
    assert "reviewed by a maintainer" in sticky.body and gh.labels[(REPO, 2)] == []


def test_a_band_label_added_to_a_draft_that_once_had_a_comment_rewrites_nothing(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)
    before = len(gh.writes)
    gh.human_label(REPO, 2, "sieve/needs-review", "maintainer", add=True)
    outcome = dispatch.handle("pull_request", _labeled(payload, "sieve/needs-review"), ctx)
    assert outcome.endswith("not scored (draft), so nothing else changed") and len(gh.writes) == before
