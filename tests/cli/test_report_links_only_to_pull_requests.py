"""``sieve report`` links a PR only to its own page on https://github.com.

``snapshot.repo`` comes from the input file. A name made of dots (``../..``, ``./x``) passed the
old owner/name pattern, and ``https://github.com/../../pull/1`` is resolved by every browser to
``https://github.com/pull/1``: a link that reads like a PR and leads somewhere else.
"""

from __future__ import annotations

import re

import pytest

from bot.cli.report import build_report, pr_link
from bot.result import Result
from bot.snapshot import PRSnapshot

LOW = Result(score=10, band="low", probability=0.1, confidence=0.3, signals=())


@pytest.mark.parametrize("repo", ["../..", "./..", "../x", "x/..", "./.", "owner/.", ".../x/..", "evil/x\n"])
def test_a_dot_segment_repository_is_not_linked(repo):
    assert pr_link(PRSnapshot(title="t", repo=repo, number=7)) is None


@pytest.mark.parametrize("repo", ["gofiber/fiber", "getsentry/sentry-python", "o/r.js", "a-b/.github", "o/_x"])
def test_real_repository_names_are_still_linked(repo):
    assert pr_link(PRSnapshot(title="t", repo=repo, number=7)) == (
        f"[{repo}#7](https://github.com/{repo}/pull/7)")


def test_every_link_in_a_report_is_a_pull_request_page_on_github():
    inputs = [(f"prs.jsonl:{i}", PRSnapshot(title="[x](https://evil.example) <a href='//evil'>", repo=repo, number=3))
              for i, repo in enumerate(["../..", "gofiber/fiber", "x/..", "evil.example/x"], 1)]
    text = build_report(inputs, [LOW] * len(inputs))
    targets = re.findall(r"\]\(([^)]*)\)", text)
    assert targets == ["https://github.com/gofiber/fiber/pull/3", "https://github.com/evil.example/x/pull/3"]
    assert all(re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+/pull/\d+", t) for t in targets)
    assert "` prs.jsonl:1 `" in text and "` prs.jsonl:3 `" in text
