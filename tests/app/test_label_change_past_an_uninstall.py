"""A label taken off by someone queued past an uninstall is ignored because the App can no longer
reach the repository, as every other delivery queued past it is (``dispatch``), not as "sender
cannot manage labels": GitHub answers the permission lookup with 404 too, which reads as no
permission (the check run's buttons had the same fault). A label change by someone who cannot
manage labels, on a repository still in reach, is still ignored for that. Through the real
PyGithub adapter against the fake GitHub."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .test_button_press_past_an_uninstall import UNINSTALLED  # noqa: E402
from .test_e2e_fakegithub import HIGH, REPO, fake, live_context, live_ctx  # noqa: E402,F401


def scored_then_unlabeled(fake, live_ctx, login: str) -> dict:
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    return fake.pull_request_event(REPO, 7, action="unlabeled", sender=login, label={"name": HIGH})


def test_a_label_removal_queued_past_the_repositorys_removal_is_ignored_as_uninstalled(fake, live_ctx, scorer):
    event = scored_then_unlabeled(fake, live_ctx, "drive-by")
    fake.state.repo(REPO).installation_id = 999  # installation_repositories.removed: no longer ours
    outcome = dispatch.handle("pull_request", event, live_ctx)
    assert outcome.startswith("ignored: ") and UNINSTALLED in outcome and "manage labels" not in outcome
    assert live_ctx.state.get_override(REPO, 7) is None


def test_a_label_removal_by_someone_who_cannot_manage_labels_is_still_ignored_for_that(fake, live_ctx, scorer):
    event = scored_then_unlabeled(fake, live_ctx, "drive-by")
    assert dispatch.handle("pull_request", event, live_ctx) == "ignored: sender cannot manage labels"
    assert live_ctx.state.get_override(REPO, 7) is None and fake.issue_labels(REPO, 7) == [HIGH]
