"""Label changes by bots never count as a maintainer's decision: the App's own changes coming
back as ``pull_request.labeled``/``unlabeled`` (sender ``pr-sieve[bot]``, type ``Bot``), and
another bot (dependabot, a label-sync workflow) adding or removing PR Sieve's labels. Nothing is
recorded, nothing is written for the event itself, and the next push sets the band label again."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .test_e2e_fakegithub import HIGH, REPO, fake, live_ctx  # noqa: E402,F401


def by_bot(fake, login: str, label: str, add: bool) -> dict:
    fake.change_label(REPO, 7, label, login, add=add)
    event = fake.pull_request_event(REPO, 7, "labeled" if add else "unlabeled", sender=login, label={"name": label})
    event["sender"]["type"] = "Bot"
    return event


def test_the_apps_own_label_change_coming_back_is_not_an_override(fake, live_ctx, scorer):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    echo = fake.pull_request_event(REPO, 7, "labeled", sender=fake.bot_login, label={"name": HIGH})
    echo["sender"]["type"] = "Bot"
    fake.clear_log()
    assert dispatch.handle("pull_request", echo, live_ctx) == "ignored: label change by a bot"
    assert live_ctx.state.get_override(REPO, 7) is None and fake.calls("POST") == [] and fake.calls("PATCH") == []


@pytest.mark.parametrize("login", ["github-actions[bot]", "dependabot[bot]"])
def test_another_bot_removing_the_band_label_is_not_an_override(fake, live_ctx, scorer, login):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    assert dispatch.handle("pull_request", by_bot(fake, login, HIGH, add=False), live_ctx).startswith("ignored")
    assert live_ctx.state.get_override(REPO, 7) is None
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"), live_ctx)
    assert fake.issue_labels(REPO, 7) == [HIGH]


def test_a_band_label_a_bot_added_is_not_handed_to_people(fake, live_ctx, scorer):
    from .conftest import result_for

    scorer.result = result_for("low")
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    assert dispatch.handle("pull_request", by_bot(fake, "label-sync[bot]", HIGH, add=True), live_ctx).startswith("ignored")
    assert live_ctx.state.get_override(REPO, 7) is None
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"), live_ctx)
    assert fake.issue_labels(REPO, 7) == []  # PR Sieve's label follows the score again
