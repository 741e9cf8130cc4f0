"""A repository with a PULL_REQUEST_TEMPLATE/ folder of several templates: the scorer gets the one
the description follows, or none (GitHub pre-fills nothing from such a folder)."""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.snapshot import Commit, FileChange, PRSnapshot

REPO = "Codertocat/Hello-World"
NO_ASSOCIATION_EXEMPTION = "exempt: {associations: []}\n"  # the example author is the repo OWNER
BUG = "## Bug fix\n\n### What was broken\n<!-- Link the issue. -->\n\n### How it is fixed\n\n- [ ] Regression test\n"
FEATURE = "## New feature\n\n### Motivation\n\n### Design\n\n- [ ] Docs updated\n"
FOLLOWS_FEATURE = "## New feature\n\n### Motivation\nUsers asked for a dark theme.\n\n- [x] Docs updated\n"


def _pr(gh, body: str) -> None:
    gh.add_pr(REPO, PRSnapshot(title="Add a dark theme", body=body, author_login="Codertocat",
                               author_association="OWNER", repo=REPO, number=2, head_sha="ec26c3e",
                               files=(FileChange("theme.css", additions=40),), commits=(Commit("Add a dark theme"),)))
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION


def _scored_template(ctx, scorer, payload) -> str | None:
    dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    snapshot, _ = scorer.calls[0]
    return snapshot.pr_template


@pytest.mark.parametrize("folder", [".github/PULL_REQUEST_TEMPLATE", "pull_request_template",
                                    "docs/Pull_Request_Template"])
def test_the_template_the_description_follows_is_the_one_scored(ctx, gh, scorer, payload, folder):
    _pr(gh, FOLLOWS_FEATURE)
    gh.files[(REPO, f"{folder}/bug_fix.md")] = BUG
    gh.files[(REPO, f"{folder}/feature.md")] = FEATURE
    assert _scored_template(ctx, scorer, payload) == FEATURE


def test_a_description_that_follows_no_template_of_the_folder_has_none(ctx, gh, scorer, payload):
    _pr(gh, "Adds a dark theme; toggled in the settings page.")
    gh.files[(REPO, ".github/PULL_REQUEST_TEMPLATE/bug_fix.md")] = BUG
    gh.files[(REPO, ".github/PULL_REQUEST_TEMPLATE/feature.md")] = FEATURE
    assert _scored_template(ctx, scorer, payload) is None


def test_a_single_template_file_wins_over_a_folder(ctx, gh, scorer, payload):
    _pr(gh, FOLLOWS_FEATURE)
    gh.files[(REPO, ".github/PULL_REQUEST_TEMPLATE/feature.md")] = FEATURE
    gh.files[(REPO, "docs/pull_request_template.md")] = BUG  # what GitHub pre-fills
    assert _scored_template(ctx, scorer, payload) == BUG


def test_the_organisation_folder_is_used_when_the_repository_has_no_template(ctx, gh, scorer, payload):
    _pr(gh, FOLLOWS_FEATURE)
    gh.files[("Codertocat/.github", ".github/PULL_REQUEST_TEMPLATE/feature.md")] = FEATURE
    gh.files[("Codertocat/.github", ".github/PULL_REQUEST_TEMPLATE/bug_fix.md")] = BUG
    assert _scored_template(ctx, scorer, payload) == FEATURE


def test_files_beside_the_templates_are_not_templates(ctx, gh, scorer, payload):
    _pr(gh, "## New feature\n\n### Motivation\nUsers asked.\n")
    gh.files[(REPO, ".github/PULL_REQUEST_TEMPLATE/feature.yml")] = FEATURE  # not Markdown or text
    gh.files[(REPO, ".github/PULL_REQUEST_TEMPLATE/drafts/feature.md")] = FEATURE  # a sub-folder
    assert _scored_template(ctx, scorer, payload) is None


def test_the_template_file_is_found_in_any_case_from_three_listings(ctx, gh, scorer, payload):
    _pr(gh, FOLLOWS_FEATURE)
    gh.files[(REPO, "docs/Pull_Request_Template.md")] = BUG
    assert _scored_template(ctx, scorer, payload) == BUG
    template_reads = [(r, p) for r, p, _ in gh.file_reads if p != ".github/sieve.yml" and p != "sieve.yml"]
    assert template_reads == [(REPO, ".github/"), (REPO, "/"), (REPO, "docs/"), (REPO, "docs/Pull_Request_Template.md")]


def test_without_any_template_the_lookup_costs_three_listings_per_repository(ctx, gh, scorer, payload):
    _pr(gh, FOLLOWS_FEATURE)
    assert _scored_template(ctx, scorer, payload) is None
    template_reads = [(r, p) for r, p, _ in gh.file_reads if p not in (".github/sieve.yml", "sieve.yml")]
    assert template_reads == [(repo, folder) for repo in (REPO, "Codertocat/.github")
                              for folder in (".github/", "/", "docs/")]
