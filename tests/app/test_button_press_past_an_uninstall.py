"""A press of a check run's button queued past an uninstall (the installation deleted, or the
repository removed from it) is ignored because the App can no longer reach the repository, as
every other delivery queued past it is (``dispatch``), not as "the sender has no write access":
GitHub answers the permission lookup with 404 too, which reads as no permission. A press by
someone without write access on a repository still in reach is still refused for that.
Through the real PyGithub adapter against the fake GitHub."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .test_e2e_fakegithub import HIGH, REPO, fake, live_context, live_ctx  # noqa: E402,F401

UNINSTALLED = "is no longer reachable (the App was uninstalled or the repository removed from it"


def scored_then_pressed(fake, live_ctx, login: str = "maintainer") -> dict:
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    return fake.check_run_action_event(REPO, 7, "sieve-ok", login)


def test_a_press_queued_past_the_repositorys_removal_is_ignored_as_uninstalled(fake, live_ctx, scorer):
    event = scored_then_pressed(fake, live_ctx)
    fake.state.repo(REPO).installation_id = 999  # installation_repositories.removed: no longer ours
    outcome = dispatch.handle("check_run", event, live_ctx)
    assert outcome.startswith("ignored: ") and UNINSTALLED in outcome and "write access" not in outcome
    assert live_ctx.state.get_override(REPO, 7) is None


def test_a_press_queued_past_the_installations_deletion_is_ignored_as_uninstalled(fake, live_ctx, scorer):
    event = scored_then_pressed(fake, live_ctx)
    with fake.state.lock:  # installation.deleted: its tokens stop working, no new one is issued
        fake.state.installations.pop(fake.installation_id)
    fake.revoke_tokens()
    later = live_context(fake, "retry")  # the worker's next attempt: a new token is asked for
    outcome = dispatch.handle("check_run", event, later)
    assert outcome.startswith("ignored: ") and UNINSTALLED in outcome and "write access" not in outcome
    assert later.state.get_override(REPO, 7) is None


def test_a_press_without_write_access_is_still_refused_for_that(fake, live_ctx, scorer):
    event = scored_then_pressed(fake, live_ctx, login="drive-by")
    assert dispatch.handle("check_run", event, live_ctx) == "ignored: the sender has no write access"
    assert live_ctx.state.get_override(REPO, 7) is None and fake.issue_labels(REPO, 7) == [HIGH]
