"""A ``/sieve ok`` or ``/sieve exempt`` given while the repository's settings file cannot be read.

The App labels nothing then (the file may rename its labels), so the decision is recorded and
its reply says the labels wait; once the file is fixed, the PR's next event applies them. Before,
the reply said "Done ... (`sieve/exempt`)" and the exempt label never went on (review)."""

from __future__ import annotations

from bot.app import dispatch

from .conftest import result_for
from .test_handlers import EXEMPT, HIGH, NO_ASSOCIATION_EXEMPTION, REPO, comment_event, opened, pr  # noqa: F401 (fixture)

UNREADABLE = "thresholds:\n\tmedium: 60\n"  # a tab: the file cannot be read at all


def _broken_then_commanded(ctx, gh, payload, command: str) -> str:
    dispatch.handle("pull_request", opened(payload), ctx)  # readable: flagged
    assert gh.labels[(REPO, 2)] == [HIGH]
    gh.files[(REPO, ".github/sieve.yml")] = UNREADABLE
    dispatch.handle("issue_comment", comment_event(payload, command), ctx)
    return gh.bot_comments(REPO, 2)[-1].body


def _fixed_and_pushed(ctx, gh, payload) -> None:
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)


def test_an_exemption_given_while_the_file_is_unreadable_gets_its_label_once_fixed(ctx, gh, state, pr, scorer, payload):
    reply = _broken_then_commanded(ctx, gh, payload, "/sieve exempt")
    assert state.overrides[(REPO, 2)].kind == "exempt"
    assert gh.labels[(REPO, 2)] == [HIGH]  # nothing labelled while the file cannot be read
    assert "cannot be read" in reply and "goes on at the PR's next event" in reply and "Done" not in reply
    _fixed_and_pushed(ctx, gh, payload)
    assert gh.labels[(REPO, 2)] == [EXEMPT]
    _fixed_and_pushed(ctx, gh, payload)  # idempotent
    assert gh.labels[(REPO, 2)] == [EXEMPT]


def test_a_clearance_given_while_the_file_is_unreadable_takes_the_label_off_once_fixed(ctx, gh, state, pr, scorer,
                                                                                      payload):
    reply = _broken_then_commanded(ctx, gh, payload, "/sieve ok")
    assert gh.labels[(REPO, 2)] == [HIGH] and "comes off at the PR's next event" in reply
    _fixed_and_pushed(ctx, gh, payload)
    assert gh.labels[(REPO, 2)] == []


def test_an_exempt_label_a_person_took_off_is_not_put_back(ctx, gh, state, pr, scorer, payload):
    """The exemption is still recorded (the removal's delivery is queued), but the history shows
    the label was on: the person's removal is not undone."""
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=False)  # its unlabeled delivery not handled yet
    scorer.result = result_for("high")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert EXEMPT not in gh.labels[(REPO, 2)]


def test_a_readable_exemption_reply_is_unchanged(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    assert gh.bot_comments(REPO, 2)[-1].body.startswith("Done: this PR is exempt")
    assert gh.labels[(REPO, 2)] == [EXEMPT]


def test_an_exemption_given_again_under_an_unreadable_file_still_gets_its_label(ctx, gh, state, pr, scorer, payload):
    """The history shows the App's own earlier exempt label and its removal; only a person's
    removal since this exemption keeps the label off (diff review)."""
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel"), ctx)
    gh.files[(REPO, ".github/sieve.yml")] = UNREADABLE
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    _fixed_and_pushed(ctx, gh, payload)
    assert EXEMPT in gh.labels[(REPO, 2)] and state.overrides[(REPO, 2)].kind == "exempt"
