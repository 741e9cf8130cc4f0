"""`/sieve help` says how PR Sieve is set up in the repository it is asked in."""

from __future__ import annotations

import re

import pytest

from bot.app import dispatch
from bot.snapshot import Commit, FileChange, PRSnapshot

from .test_render import ISSUE_REF, MENTION, md_to_html, visible_text

REPO = "Codertocat/Hello-World"


@pytest.fixture
def pr(gh):
    gh.add_pr(REPO, PRSnapshot(title="Fix typo", body="Fixes a typo.", author_login="drive-by",
                               author_association="NONE", repo=REPO, number=2, head_sha="ec26c3e",
                               files=(FileChange("README.md", additions=1),), commits=(Commit("Fix typo"),)))


def help_reply(ctx, gh, payload) -> str | None:
    event = payload("issue_comment", "created.with-installation.payload.json")
    event["issue"]["number"] = 2
    event["issue"]["pull_request"] = {"url": "u", "html_url": "h", "diff_url": "d", "patch_url": "p",
                                      "merged_at": None}
    event["comment"]["body"] = "/sieve help"
    event["comment"]["user"]["login"] = "drive-by"
    dispatch.handle("issue_comment", event, ctx)
    replies = gh.bot_comments(REPO, 2)
    return replies[-1].body if replies else None


def test_without_a_config_the_reply_says_the_defaults_apply(ctx, gh, pr, payload):
    body = help_reply(ctx, gh, payload)
    assert "**Settings here** (the defaults: no `.github/sieve.yml`" in body
    assert "`medium` from a score of 50, `high` from 75" in body
    assert "Files the signals and the comment leave out (the classifier reads the whole diff)" not in body


def test_the_reply_shows_the_repositorys_own_settings(ctx, gh, pr, payload):
    gh.files[(REPO, ".github/sieve.yml")] = (
        "thresholds: {medium: 40, high: 80}\ncomment: {bands: [high]}\n"
        "paths: {ignore: ['vendor/**', '*.pb.go']}\nexempt: {users: [alice, bob], drafts: false}\n"
        "author_activity: {enabled: false}\n")
    body = help_reply(ctx, gh, payload)
    assert "**Settings here** (from ` .github/sieve.yml `)" in body
    assert "`medium` from a score of 40, `high` from 80" in body
    assert "new ones on high PRs" in body and "2 listed users" in body and "drafts" not in body
    assert "Files the signals and the comment leave out (the classifier reads the whole diff): ` vendor/** `, ` *.pb.go `." in body and "not looked up" in body


def test_one_user_one_team_and_no_comment_bands_read_as_english(ctx, gh, pr, payload):
    gh.files[(REPO, ".github/sieve.yml")] = "comment: {bands: []}\nexempt: {users: [alice], teams: [org/core]}\n"
    body = help_reply(ctx, gh, payload)
    assert "1 listed user and 1 team" in body
    assert "Comments: none new (`bands: []`), those already posted kept up to date." in body


def test_in_shadow_mode_nothing_is_posted_not_even_help(ctx, gh, pr, payload):
    gh.files[(REPO, ".github/sieve.yml")] = "shadow: true\n"
    assert help_reply(ctx, gh, payload) is None


def test_a_broken_config_is_named_with_its_problem(ctx, gh, pr, payload):
    gh.files[(REPO, ".github/sieve.yml")] = "thresholds: {high: nope}\n"
    body = help_reply(ctx, gh, payload)
    assert "**Settings here** (the defaults):" in body
    assert "**Config error**" in body and "thresholds.high" in body


def test_maintainer_chosen_names_in_the_settings_stay_inert(ctx, gh, pr, payload):
    gh.files[(REPO, ".github/sieve.yml")] = (
        "labels: {medium: {name: '@admins see #1', color: 'fbca04'}}\n"
        "check_run: {name: '<b>https://evil.example</b>'}\npaths: {ignore: ['`x` @team']}\n")
    body = help_reply(ctx, gh, payload)
    html = md_to_html(body)
    assert "<code>@admins see #1</code>" in html and "<code>`x` @team</code>" in html
    outside = visible_text(re.sub(r"<code>.*?</code>", "", html))  # GitHub links nothing inside code
    assert not MENTION.search(outside) and not ISSUE_REF.search(outside) and "://" not in outside
    assert set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)) <= {"p", "ul", "li", "strong", "code", "table",
                                                                 "thead", "tbody", "tr", "th", "td"}
