"""A command on a PR the App does not score now - a draft (``exempt.drafts``, on by default), an
exempt author's PR (members by default) - is recorded and answered, and nothing else is posted:
no band label, no guidance comment, no check run with the score. Before, ``/sieve rescore`` or
a cancel on a draft labelled it and posted "this PR may need more work" (even when there was
nothing to cancel), and ``/sieve ok`` or ``/sieve exempt`` on a draft or an exempt author's PR
wrote a check run with the whole signal table (review of the commands, finding 1). The reply
says why nothing else changed. As for a label change (test_overrides_on_unscored_prs), a
clearance still updates the comment from when the PR was scored."""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.app.actions import STICKY_MARKER

from .test_handlers import EXEMPT, HIGH, REPO, comment_event, opened, pr  # noqa: F401  (pr: the fixture)


def replies(gh) -> list[str]:
    return [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body]


@pytest.fixture
def draft(ctx, gh, pr, scorer, payload):
    """A draft the pull_request handler skipped: nothing of the App's on it."""
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)
    assert dispatch.handle("pull_request", opened(payload), ctx).startswith("skipped")


@pytest.fixture
def exempt_author(ctx, gh, pr, scorer, payload):
    del gh.files[(REPO, ".github/sieve.yml")]  # the defaults: the PR's OWNER author is exempt
    assert dispatch.handle("pull_request", opened(payload), ctx) == "skipped: exempt author"


def nothing_but(gh, writes: list[str]) -> bool:
    return [w[0] for w in gh.writes] == writes and gh.labels[(REPO, 2)] == [] and not gh.check_runs


@pytest.mark.parametrize("body, says", [
    ("/sieve rescore", "It is a draft, which PR Sieve does not score in this repository, so nothing was changed."),
    ("/sieve ok cancel", "Nothing to cancel"),
    ("/sieve exempt cancel", "Nothing to cancel"),
    ("/sieve ok", "It is a draft, which PR Sieve does not score in this repository, so nothing else changed"),
    ("/sieve exempt", "It is a draft, which PR Sieve does not score in this repository, so no label was changed"),
])
def test_a_command_on_a_draft_is_only_answered(ctx, gh, state, payload, draft, body, says):
    dispatch.handle("issue_comment", comment_event(payload, body), ctx)
    assert nothing_but(gh, ["create_comment"])
    [reply] = replies(gh)
    assert says in reply and "Done: this PR is exempt" not in reply


def test_a_clearance_of_a_draft_is_kept_for_when_it_is_ready(ctx, gh, state, pr, payload, draft):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    assert state.get_override(REPO, 2).kind == "ok"
    gh.snapshots[(REPO, 2)] = pr  # marked ready for review
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [] and "Cleared" in next(iter(gh.check_runs.values())).title


def test_an_exemption_of_a_draft_puts_its_label_on_when_it_is_ready(ctx, gh, state, pr, payload, draft):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    assert state.get_override(REPO, 2).kind == "exempt" and gh.labels[(REPO, 2)] == []
    gh.snapshots[(REPO, 2)] = pr
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [EXEMPT]


@pytest.mark.parametrize("body, kind", [("/sieve ok", "ok"), ("/sieve exempt", "exempt")])
def test_an_exempt_authors_pr_gets_no_check_run_for_a_decision(ctx, gh, state, payload, exempt_author, body, kind):
    dispatch.handle("issue_comment", comment_event(payload, body), ctx)
    assert nothing_but(gh, ["create_comment"]) and state.get_override(REPO, 2).kind == kind
    [reply] = replies(gh)
    assert "author is exempt in this repository's PR Sieve config" in reply


def test_a_cancel_on_an_exempt_authors_pr_says_why_nothing_else_changed(ctx, gh, state, payload, exempt_author):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [] and not gh.check_runs
    reply = replies(gh)[-1]
    assert reply.startswith("Done: the clearance by ` maintainer ` is cancelled.")
    assert "so PR Sieve does not score it and nothing else changed" in reply and "Checked now" not in reply


def test_a_clearance_updates_the_comment_a_pr_was_flagged_with_before_it_became_a_draft(
        ctx, gh, state, pr, scorer, payload):
    """The label handler's rule: a sticky from when the PR was scored follows the clearance."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    [sticky] = gh.bot_comments(REPO, 2)[:1]
    assert "reviewed by a maintainer" in sticky.body and gh.labels[(REPO, 2)] == []
    before = len(gh.writes)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve rescore"), ctx)  # but no rescore
    assert [w[0] for w in gh.writes[before:]] == ["create_comment"] and "draft" in replies(gh)[-1]


@pytest.mark.parametrize("body", ["/sieve ok", "/sieve exempt"])
def test_a_decision_takes_the_apps_label_off_a_draft_flagged_without_a_comment(ctx, gh, state, pr, scorer, payload, body):
    """A flag from the model alone is a label and no sticky; once the PR is a draft, a clearance or
    an exemption left the App's label on, as only a sticky counted as the App's (review of the fixes)."""
    from .conftest import result_for

    scorer.result = result_for("high", signals=())
    gh.files[(REPO, ".github/sieve.yml")] += "labels: {model_only: true}\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH] and not gh.bot_comments(REPO, 2)
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True, labels=(HIGH,))
    dispatch.handle("issue_comment", comment_event(payload, body), ctx)
    assert HIGH not in gh.labels[(REPO, 2)]
