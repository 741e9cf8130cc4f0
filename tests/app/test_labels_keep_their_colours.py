"""The labels PR Sieve adds carry the colour and description of ``.github/sieve.yml`` (or the
defaults), also in a repository that did not get them at install: one installed during a shadow-mode
trial or with ``enabled: false`` (labels are not created then), or whose config renamed a label
later. GitHub creates a missing label on use without either, so the App makes sure the label
exists first; a label that exists already is left as the maintainers made it."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")
pytest.importorskip("bot.github", reason="bot.github adapter not available")

from bot.app import dispatch  # noqa: E402
from bot.fakegithub import FakeGitHub  # noqa: E402

from .test_e2e_fakegithub import REPO, SHA, command, live_context, pr_event  # noqa: E402


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        server.add_repo(REPO)  # no labels: installed during a shadow-mode trial, say
        server.add_pull(REPO, 7, {"title": "Improve docs", "body": "Added unit tests.", "user": "drive-by",
                                  "author_association": "NONE", "head_sha": SHA, "head_ref": "feature"},
                        files=[{"filename": "README.md", "additions": 3, "deletions": 1, "patch": "@@ -1 +1 @@"}],
                        commits=["Update README.md"])
        server.set_permission(REPO, "maintainer", "write")
        yield server


@pytest.fixture
def ctx(fake):
    return live_context(fake, "labels")


def test_a_band_label_missing_from_the_repository_gets_the_default_colour_and_description(fake, ctx, scorer,
                                                                                           payload):
    dispatch.handle("pull_request", pr_event(payload), ctx)
    assert fake.issue_labels(REPO, 7) == ["sieve/likely-low-effort"]
    label = fake.repo_labels(REPO)["sieve/likely-low-effort"]
    assert (label["color"], label["description"]) == (
        "d93f0b", "PR Sieve: strong low-effort signals, see the bot comment")


def test_a_renamed_label_gets_the_configured_colour_and_description(fake, ctx, scorer, payload):
    fake.set_file(REPO, ".github/sieve.yml", "labels:\n  high: {name: triage/ai-slop, color: 5319e7,"
                                             " description: Looks generated}\n")
    dispatch.handle("pull_request", pr_event(payload), ctx)
    assert fake.issue_labels(REPO, 7) == ["triage/ai-slop"]
    label = fake.repo_labels(REPO)["triage/ai-slop"]
    assert (label["color"], label["description"]) == ("5319e7", "Looks generated")


def test_an_existing_label_is_left_as_the_maintainers_made_it(fake, ctx, scorer, payload):
    fake.add_label(REPO, "sieve/likely-low-effort", color="000000", description="ours")
    dispatch.handle("pull_request", pr_event(payload), ctx)
    assert fake.issue_labels(REPO, 7) == ["sieve/likely-low-effort"]
    label = fake.repo_labels(REPO)["sieve/likely-low-effort"]
    assert (label["color"], label["description"]) == ("000000", "ours")


def test_the_exempt_label_added_by_sieve_exempt_gets_its_colour(fake, ctx, scorer, payload):
    dispatch.handle("issue_comment", command(payload, "/sieve exempt"), ctx)
    assert fake.issue_labels(REPO, 7) == ["sieve/exempt"]
    label = fake.repo_labels(REPO)["sieve/exempt"]
    assert (label["color"], label["description"]) == ("0e8a16", "PR Sieve: a maintainer exempted this PR")
