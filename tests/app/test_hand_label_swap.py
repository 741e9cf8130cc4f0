"""A maintainer downgrades the bot's band by hand: puts the medium label on and takes the high
one off, one after the other or in one edit of GitHub's label menu (two events, in either
order). Taking a band label off clears the PR as ``/sieve ok`` does, but it must not take off
the label the person has just put on: "a band label added by a person is never removed by the
bot" (found by review: the PR was left with no band label)."""

from __future__ import annotations

import pytest

from bot.app import dispatch

from .test_handlers import HIGH, MEDIUM, REPO, opened, pr, unlabeled  # noqa: F401


def _labeled(payload, label, sender="maintainer"):
    return {**unlabeled(payload, label, sender), "action": "labeled"}


@pytest.mark.parametrize("order", ["added first", "removed first"])
def test_swapping_high_for_medium_by_hand_keeps_the_medium_label(ctx, gh, state, pr, scorer, payload, order):
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]
    gh.human_label(REPO, 2, MEDIUM, "maintainer", add=True)
    if order == "added first":
        dispatch.handle("pull_request", _labeled(payload, MEDIUM), ctx)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)
    dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx)
    if order == "removed first":  # the menu applied both; the removal's event was handled first
        dispatch.handle("pull_request", _labeled(payload, MEDIUM), ctx)
    assert gh.labels[(REPO, 2)] == [MEDIUM]
    dispatch.handle("pull_request", {**opened(payload), "action": "synchronize"}, ctx)  # a later push
    assert gh.labels[(REPO, 2)] == [MEDIUM]


def test_taking_the_bots_label_off_still_clears_the_bots_other_band_label(ctx, gh, state, pr, scorer, payload):
    """A removal is still a clearance: a band label the bot itself put on goes."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.labels[(REPO, 2)].append(MEDIUM)  # as if the bot had left both on (an older version's race)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)
    dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx)
    assert gh.labels[(REPO, 2)] == []
    assert state.get_override(REPO, 2).kind == "label_removed"
