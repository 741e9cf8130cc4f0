"""What contributors and maintainers read on real PRs is true, whole and says each thing once.

Each case comes from reading the App's comment and check run on PRs of the training split
(``../shared/data/git_prs``) and on ``examples/``; the PR that showed the problem is named.
"""

from __future__ import annotations

import re

from bot.app import plan
from bot.app.config import RepoConfig
from bot.app.render import ask_texts, render
from bot.result import Result, SignalHit

V6 = "2026.11.28-ce92d533-blend-lenbal-leaf100-charbare-headed-codemasked-ticked-tested"


def _views(result: Result) -> dict[str, str]:
    facts = plan.Facts(repo="o/r", number=1, head_sha="abc")
    actions = plan.plan(result, RepoConfig(), facts)
    out = {}
    for action in actions:
        view = getattr(action, "view", None) or getattr(action, "summary", None)
        if view is not None:
            out[view.template] = render(view.template, **view.context)
    out["reply_explain.md.j2"] = render("reply_explain.md.j2", result=result, override=None, help_url=None)
    return out


def _unescaped(markdown_text: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown_text)


def test_the_model_version_is_shown_whole_not_cut_mid_word():
    # v6's name is 81 characters: every view cut it to "…-ticked-test…" (sentry-python #949 and
    # every other flagged PR); the footer then read "test…." with the period after the ellipsis
    result = Result(score=83, band="high", probability=0.5, confidence=0.6, model_version=V6,
                    signals=(SignalHit("docs_only_drive_by", 1.0, "README.md (2 lines changed)"),))
    views = _views(result)
    assert set(views) == {"comment.md.j2", "check_summary.md.j2", "reply_explain.md.j2"}
    for name, text in views.items():
        assert V6 in _unescaped(text), name
        assert "test…" not in text, name
    report = render("report.md.j2", rows=[], total=1, counts={"high": 1, "medium": 0, "low": 0},
                    model_version=V6, errors=0, unscored=0)
    assert V6 in _unescaped(report)
