"""A maintainer changing PR Sieve's labels on a closed or merged PR (tidying up, or marking old
spam for the record) is a human decision to remember, not a request to score: the override is
recorded, so a reopened PR respects it, but nothing is posted, labelled or checked on the
closed PR, as for every other event on a closed PR. Through the real adapter and fake GitHub."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .test_e2e_fakegithub import EXEMPT, HIGH, REPO, fake, live_ctx  # noqa: E402,F401

OTHER = "2" * 40


@pytest.fixture
def closed_pr(fake):
    """PR #8, closed before PR Sieve ever saw it (installed later, or closed at once)."""
    fake.add_pull(REPO, 8, {"title": "Fix typo", "body": "Added unit tests.", "user": "drive-by",
                            "author_association": "NONE", "head_sha": OTHER, "state": "closed"},
                  files=[{"filename": "README.md", "additions": 1}], commits=["Fix typo"])
    return 8


def by_hand(fake, number: int, label: str, add: bool) -> dict:
    fake.change_label(REPO, number, label, "maintainer", add=add)
    return fake.pull_request_event(REPO, number, "labeled" if add else "unlabeled", sender="maintainer",
                                   label={"name": label})


def writes(fake) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in fake.requests if r.method != "GET"
            and not r.path.startswith("/app/installations/")]  # token fetches are not writes to the PR


@pytest.mark.parametrize("label", [HIGH, EXEMPT])
def test_a_label_added_by_hand_to_a_closed_pr_is_recorded_and_nothing_is_posted(fake, live_ctx, scorer, closed_pr,
                                                                               label):
    event = by_hand(fake, closed_pr, label, add=True)
    fake.clear_log()
    outcome = dispatch.handle("pull_request", event, live_ctx)
    assert outcome.startswith("override recorded") and "closed" in outcome
    assert live_ctx.state.get_override(REPO, closed_pr).actor == "maintainer"
    assert fake.comments(REPO, closed_pr) == [] and fake.check_runs(REPO, OTHER) == []
    assert writes(fake) == []
    assert fake.issue_labels(REPO, closed_pr) == [label]  # as the maintainer left it


def test_a_band_label_removed_from_a_closed_pr_is_respected_when_it_is_reopened(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    assert fake.issue_labels(REPO, 7) == [HIGH]
    fake.state.repo(REPO).pulls[7].fields["state"] = "closed"
    event = by_hand(fake, 7, HIGH, add=False)
    fake.clear_log()
    assert dispatch.handle("pull_request", event, live_ctx).startswith("override recorded")
    assert writes(fake) == []  # the sticky and the check stay as they were on the closed PR
    fake.state.repo(REPO).pulls[7].fields["state"] = "open"
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7, "reopened"), live_ctx)
    assert fake.issue_labels(REPO, 7) == []  # the person's removal stands
    [sticky] = [c for c in fake.comments(REPO, 7) if c["login"] == fake.bot_login]
    assert "reviewed by a maintainer" in sticky["body"]
