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


def _comment(signals: tuple[SignalHit, ...], band: str = "high") -> str:
    result = Result(score=85, band=band, probability=0.6, confidence=0.7, model_version="m", signals=signals)
    return _views(result)["comment.md.j2"]


def test_a_persons_wip_commits_are_not_called_generated():
    # sentry-python #949 (a person's PR from 2020, commits "wip", "wip", "inline svg?"): the comment
    # said "The commit messages look generated"; liam #1623's one "Update .clinerules/general.md"
    # (GitHub's web-editor default) got the same words
    body = _comment((SignalHit("docs_only_drive_by", 1.0, "README.md (2 lines)"),
                     SignalHit("commit_message_uniformity", 0.5, "2 of 4 commit subjects are generic (e.g. 'wip')")))
    assert "generated" not in _unescaped(body).split("**What you can do:**")[0].split("it noticed:")[1]


def test_the_commit_ask_does_not_ask_for_what_long_bullet_list_commits_already_do():
    # fiber #4494 and liam #1877: every commit has a long body saying what changed and why, in one
    # shared bullet-list shape; the ask was "Write commit messages that say what each commit changes and why"
    asks = ask_texts([SignalHit("commit_message_uniformity", 0.77, "10 of 10 commits have long bullet-list bodies of one shape")])
    assert len(asks) == 1 and "own words" in asks[0]
    assert "say what each commit changes and why" not in asks[0]


def test_a_plain_explanation_with_one_stock_phrase_is_not_called_a_generated_summary():
    # celestia-core #2437: "As part of <issue>, this PR removes the jitter from CAT and shares only
    # up to 10 peers the seenTx not to overwhelm nodes." was told it "reads like a generic generated
    # summary rather than an explanation"
    body = _unescaped(_comment((SignalHit("generic_summary_phrasing", 0.25, "says 'this PR removes'"),), "medium"))
    assert "rather than an explanation" not in body and "generic generated summary" not in body
    assert "this PR removes" in body


def test_a_large_docs_change_is_not_called_small():
    # fiber #4140 (183 lines over 4 docs files) and liam #1623 (109 lines): "Only a small documentation
    # or community-file change"
    body = _unescaped(_comment((SignalHit("docs_only_drive_by", 0.12, "docs/api/ctx.md (35 lines), "
                                          "docs/api/fiber.md (6 lines), docs/guide/reverse-proxy.md (132 lines) and 1 more"),),
                               "medium"))
    noticed = body.split("it noticed:")[1].split("**What you can do:**")[0]
    assert "small" not in noticed
    assert noticed.count("documentation") == 1


def test_two_asks_to_shorten_the_description_are_one():
    # celestia-core #1995, #2113 and #2311: "Trim the description to what a reviewer needs: …" and
    # "Shorten the description to match the size of the change." one after the other
    asks = ask_texts([SignalHit("tiny_diff_long_body", 0.81, "315-word description for an 8-line change"),
                      SignalHit("template_weight", 0.79, "description has 3 headers for an 8-line change")])
    assert len(asks) == 1


def test_asks_for_the_low_effort_example_do_not_repeat_each_other():
    # examples/low-effort-pr.json: "Describe the change in your own words: what it does, why, and what
    # you checked." then "Trim the description to what a reviewer needs: what changed, why, and how
    # you tested it." asked for the same three things twice
    asks = ask_texts([SignalHit("generic_summary_phrasing", 1.0, "x"), SignalHit("template_weight", 0.79, "y")])
    assert len(asks) == 2
    assert not ("why" in asks[0] and "why" in asks[1])
