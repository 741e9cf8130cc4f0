"""Label setup on installation: one repository that refuses does not stop the others.

An archived repository answers 403 to every label write, for good: it is logged and named in
the result while the repositories listed after it still get their labels. A failure a retry can
fix (5xx, rate limit) fails the attempt after the others are done, so the worker retries it.
"""

from __future__ import annotations

import logging

import pytest

from bot.app import dispatch
from bot.ports import GitHubError

from .test_handlers import EXEMPT, HIGH, MEDIUM

REPOS = ("octo-org/archived", "octo-org/widgets", "octo-org/zeta")


def created(payload) -> dict:
    event = payload("installation", "created.payload.json")
    event["repositories"] = [{"full_name": name} for name in REPOS]
    return event


def refuse(gh, monkeypatch, repo: str, error: GitHubError) -> None:
    real = gh.ensure_label

    def ensure_label(name, label, color, description):
        if name == repo:
            raise error
        real(name, label, color, description)

    monkeypatch.setattr(gh, "ensure_label", ensure_label)


def test_an_archived_repository_does_not_stop_label_setup_in_the_others(ctx, gh, payload, monkeypatch, caplog):
    archived = GitHubError("ensure_label: GitHub answered 403: Repository was archived so is read-only.",
                           status=403)
    refuse(gh, monkeypatch, "octo-org/archived", archived)
    with caplog.at_level(logging.WARNING):
        outcome = dispatch.handle("installation", created(payload), ctx)
    assert outcome.startswith("labels ensured in 2 of 3 repositories; failed for good: octo-org/archived (HTTP 403:")
    assert "archived so is read-only" in outcome
    for repo in REPOS[1:]:
        assert set(gh.repo_labels[repo]) == {HIGH, MEDIUM, EXEMPT}
    assert "octo-org/archived" not in gh.repo_labels
    assert "label setup in octo-org/archived failed for good" in caplog.text


def test_a_failure_a_retry_can_fix_fails_the_attempt_after_the_others_are_done(ctx, gh, payload, monkeypatch):
    refuse(gh, monkeypatch, "octo-org/widgets", GitHubError("502", status=502, retryable=True, retry_after=30))
    with pytest.raises(GitHubError) as caught:
        dispatch.handle("installation", created(payload), ctx)
    assert caught.value.retryable and caught.value.retry_after == 30
    assert "labels ensured in 2 of 3 repositories; failed: octo-org/widgets (HTTP 502" in str(caught.value)
    assert set(gh.repo_labels["octo-org/zeta"]) == set(gh.repo_labels["octo-org/archived"]) == {HIGH, MEDIUM, EXEMPT}
