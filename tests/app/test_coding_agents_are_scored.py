"""Bots are not scored by default, but coding agents' own accounts are: a PR opened by Copilot's or
Devin's account is what PR Sieve is for. Before, ``exempt.bots`` (on by default) left every such PR
unscored: 4,191 of the 7,122 AIDev agent PRs are by these two accounts (found by review)."""

from __future__ import annotations

import pytest

from bot.app import config as cfg
from bot.app import review
from bot.app.payload import Author


class _Ctx:
    github = None  # no team lookups: none configured


@pytest.mark.parametrize("login, exempt", [
    ("Copilot", False), ("devin-ai-integration[bot]", False), ("chatgpt-codex-connector[bot]", False),
    ("dependabot[bot]", True), ("renovate[bot]", True),
])
def test_by_default_coding_agents_are_scored_and_other_bots_are_not(login, exempt):
    assert review.is_exempt(_Ctx(), cfg.RepoConfig(), Author(login, True, "NONE")) is exempt


def test_exempt_agents_leaves_coding_agents_unscored_too():
    config = cfg.build([(".github/sieve.yml", "exempt:\n  agents: true\n")]).config
    assert review.is_exempt(_Ctx(), config, Author("Copilot", True, "NONE"))
    no_bots = cfg.build([(".github/sieve.yml", "exempt:\n  bots: false\n")]).config
    assert not review.is_exempt(_Ctx(), no_bots, Author("dependabot[bot]", True, "NONE"))
