"""Untrusted text cannot ping people, inject HTML, make links or break the comment's layout."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import markdown, plan
from bot.app.actions import STICKY_MARKER
from bot.app.config import RepoConfig, build
from bot.app.profiles import Finding
from bot.app.render import render
from bot.result import Result, SignalHit

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py (a rich dependency) renders the output")

MENTION = re.compile(r"@[A-Za-z0-9]")
ISSUE_REF = re.compile(r"(?i)(#|gh-)\d")
HOSTILE = [
    "@kubernetes/sig-release please merge, cc @octocat @ghost",
    "<img src=x onerror=alert(1)><script>alert(1)</script><!-- hidden --><details open>",
    "see https://evil.example/phish and www.evil.example and http://x.y/?a=b",
    "1. an ordered list opening a note or a list item",
    "[click me](https://evil.example) ![img](https://evil.example/i.png) <https://evil.example>",
    "fixes #1234, closes kubernetes/kubernetes#99 and GH-12",
    "```\n/sieve ok\n```\n`unbalanced ``` tick",
    "# Heading\n---\n| table | row |\n> quote\n* list\n1. numbered",
    "\u202eevil\u200b hidden\u0000 nul \x1b[31m ansi",
    "**bold** _em_ ~~strike~~ $x^2$ \\ backslash",
    "a" * 5000,
]
HOSTILE_FILES = ["docs/@admin.md", "src/`rm -rf`/x.py", "<script>.js", "www.evil.example/index.html", "a|b|c.txt"]


def md_to_html(text: str) -> str:
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def unescaped_backticks(text: str) -> int:
    return len(re.findall(r"(?<!\\)`", text))


def hostile_result(text: str, filename: str = "x.py") -> Result:
    signals = (
        SignalHit("claims_tests_without_tests", 1.0, text),
        SignalHit("mentions_missing_files", 0.8, f"mentions {filename}"),
        SignalHit(text[:40] or "weird", 0.5, text, kind="effort"),
        SignalHit("ai_attribution", 1.0, text, kind="ai"),
    )
    return Result(score=91, band="high", probability=0.9, confidence=0.9, signals=signals,
                  model_version=text[:30], notes=(text,))


def rendered_views(text: str, filename: str = "x.py") -> list[str]:
    facts = plan.Facts(repo="o/r", number=1, head_sha="abc", config_error=text,
                       findings=(Finding("ai_without_disclosure", text), Finding("ai_trailer_not_disclosed", text)))
    config = RepoConfig(policy_url="https://example.org/policy")
    comment, check = plan.plan(hostile_result(text, filename), config, facts)[1:3]
    return [render(comment.view.template, **comment.view.context),
            render(check.summary.template, **check.summary.context),
            render("reply_explain.md.j2", result=hostile_result(text, filename), override=None, help_url=None)]


def assert_inert(body: str) -> None:
    html = md_to_html(body)
    text = visible_text(html)
    assert not MENTION.search(text), "a mention survived"
    assert not ISSUE_REF.search(text), "an issue reference survived"
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= {"p", "h3", "ul", "li", "strong", "em", "code", "sub", "table", "thead", "tbody", "tr", "th",
                    "td", "a"}, tags
    links = re.findall(r'<a href="([^"]*)"', html)
    assert links in ([], ["https://example.org/policy"])
    assert "://" not in text.replace("https://example.org/policy", "")
    # GitHub autolinks "www." only when a domain follows it (a version "www" before a template's
    # full stop is plain text)
    assert not re.search(r"www\.[\w-]", text, re.IGNORECASE)
    assert unescaped_backticks(body) % 2 == 0
    assert body.count(STICKY_MARKER) <= 1


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_everywhere(text):
    for body in rendered_views(text):
        assert_inert(body)


@pytest.mark.parametrize("filename", HOSTILE_FILES)
def test_hostile_file_names_in_code_spans(filename):
    span = markdown.code(filename)
    assert unescaped_backticks(span) % 2 == 0
    html = md_to_html(f"file {span} here")
    assert html.count("<code>") == 1 and "<script" not in html and "<a " not in html


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_inline_properties(text):
    out = markdown.inline(text, 200)
    assert "\n" not in out and "\r" not in out
    assert not MENTION.search(out)
    assert "<" not in out and ">" not in out
    assert "://" not in out and "www." not in out.lower()
    assert unescaped_backticks(out) == 0
    assert len(markdown.one_line(text, 200)) <= 200


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_code_span_is_never_broken_open(text):
    span = markdown.code(text)
    if span:
        html = md_to_html(f"x {span} y")
        assert html.count("<code>") == 1


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("@#<>`[]()!*_:/.wh tps\\-|~x1G")), max_size=120))
def test_whole_comment_stays_inert_on_generated_text(text):
    for body in rendered_views(text):
        assert_inert(body)


def test_long_text_is_clipped():
    body = rendered_views("a" * 5000)[0]
    assert "a" * 200 not in body and "…" in body


def test_plain_title_has_no_markup_or_mentions():
    result = hostile_result("x")
    title = render("check_title.txt.j2", state="high", result=result, config_error="@bob <b>\nbroke it")
    assert "\n" not in title.strip() and not MENTION.search(title)


def test_policy_link_requires_https():
    from bot.app.render import _link

    assert _link("javascript:alert(1)", "policy") == ""
    assert _link("https://example.org/a)b", "policy") == ""
    assert _link("https://example.org/policy", "policy") == "[policy](https://example.org/policy)"


def test_comment_starts_with_marker_and_mentions_nobody():
    body = rendered_views("ordinary text")[0]
    assert body.startswith(STICKY_MARKER)
    assert "@" not in body


def test_comment_asks_for_what_the_signals_found():
    hits = (SignalHit("claims_tests_without_tests", 1.0, "says 'added tests'"),
            SignalHit("issue_link_only", 0.7, "only 'Fixes #1'"),
            SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai"))
    result = Result(score=80, band="high", probability=0.8, confidence=0.8, signals=hits)
    [comment] = [a for a in plan.plan(result, RepoConfig(), plan.Facts("o/r", 1, "abc"))
                 if a.describe().startswith("create_comment")]
    body = render(comment.view.template, **comment.view.context)
    assert "Add the tests the description says were added" in body
    assert "besides the issue link" in body
    assert body.index("Add the tests") < body.index("besides the issue link")
    assert "An AI tool is credited" not in body.split("**What you can do:**")[0]  # AI use is not a finding


def test_comment_lists_strongest_first_and_at_most_three_asks():
    names = ["template_weight", "claims_tests_without_tests", "issue_link_only", "tiny_diff_long_body",
             "commit_message_uniformity"]
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    hits = tuple(SignalHit(name, value, f"evidence {word}")
                 for name, value, word in zip(names, (0.3, 1.0, 0.9, 0.5, 0.7), words))
    result = Result(score=80, band="high", probability=0.8, confidence=0.8, signals=hits)
    [comment] = [a for a in plan.plan(result, RepoConfig(), plan.Facts("o/r", 1, "abc"))
                 if a.describe().startswith("create_comment")]
    body = render(comment.view.template, **comment.view.context)
    noticed, todo = body.split("**What you can do:**")
    assert noticed.index("evidence bravo") < noticed.index("evidence charlie") < noticed.index("evidence echo")
    assert "evidence alpha" not in noticed and "…and 1 more" in noticed  # the weakest of five: in the check only
    todo_items = [line for line in todo.split("\n\n")[0].splitlines() if line.startswith("- ")]
    assert len(todo_items) == 4  # three asks + the AI-use note
    assert "Add the tests" in todo_items[0] and "Write commit messages" in todo_items[2]


def test_a_model_only_flag_says_no_rule_fired_instead_of_inventing_signals():
    hits = (SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai"),)  # ai is never a finding
    result = Result(score=55, band="medium", probability=0.42, confidence=0.3, signals=hits)
    asked = build([("r", "comment: {model_only: true}")]).config  # by default no new comment at all
    [comment] = [a for a in plan.plan(result, asked, plan.Facts("o/r", 1, "abc"))
                 if a.describe().startswith("create_comment")]
    body = render(comment.view.template, **comment.view.context)
    noticed = body.split("**What you can do:**")[0]
    assert "not any single rule" in noticed and "statistical guess" in noticed
    assert "weak signals" not in body and "Co-authored-by" not in noticed
    assert "say how you tested it" in body.split("**What you can do:**")[1]


@pytest.mark.parametrize("effort_fired", [False, True])
def test_the_check_says_when_the_score_is_the_model_alone(effort_fired):
    hits = (SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai"),
            SignalHit("issue_link_only", 0.7 if effort_fired else 0.0, "only 'Fixes #1'"))
    result = Result(score=55, band="medium", probability=0.42, confidence=0.3, signals=hits)
    [check] = [a for a in plan.plan(result, RepoConfig(), plan.Facts("o/r", 1, "abc")) if a.describe().startswith("check_run")]
    summary = render(check.summary.template, **check.summary.context)
    assert ("the model's probability alone" in summary) is not effort_fired
    explain = render("reply_explain.md.j2", result=result, override=None, help_url=None)
    assert ("the model's probability alone" in explain) is not effort_fired


def test_the_comment_names_the_four_strongest_signals_and_points_to_the_check_for_the_rest():
    names = ["tests_without_assertions", "claims_tests_without_tests", "commit_message_uniformity",
             "issue_link_only", "template_weight", "docs_only_drive_by"]
    hits = tuple(SignalHit(name, value, f"evidence {i}")
                 for i, (name, value) in enumerate(zip(names, (0.3, 1.0, 0.9, 0.5, 0.7, 0.6))))
    result = Result(score=90, band="high", probability=0.9, confidence=0.9, signals=hits)
    [comment] = [a for a in plan.plan(result, RepoConfig(), plan.Facts("o/r", 1, "abc"))
                 if a.describe().startswith("create_comment")]
    noticed = render(comment.view.template, **comment.view.context).split("**What you can do:**")[0]
    shown = [line for line in noticed.splitlines() if line.startswith("- ")]
    assert [s for s in ("evidence 1", "evidence 2", "evidence 4", "evidence 5") if s in noticed] == [
        "evidence 1", "evidence 2", "evidence 4", "evidence 5"]
    assert "evidence 0" not in noticed and "evidence 3" not in noticed
    assert len(shown) == 5 and shown[-1] == "- …and 2 more, listed in the **PR Sieve** check."


def test_advisory_comment_counts_its_findings():
    """The kubernetes profile can find a trailer and a large AI PR at once."""
    result = Result(score=10, band="low", probability=0.1, confidence=0.8, signals=())
    two = (Finding("ai_trailer_not_disclosed", "Assisted-by: Claude"), Finding("large_ai_pr", size=900))
    for findings, says in ((two[:1], "one thing needs"), (two, "two things need")):
        facts = plan.Facts(repo="o/r", number=1, head_sha="abc", findings=findings)
        comment = plan.plan(result, RepoConfig(), facts)[0]
        assert says in render(comment.view.template, **comment.view.context)


def test_texts_name_the_whole_model_version_in_a_sentence_of_its_own():
    """A maintainer asked "which model?" must get the version the metadata gives, not a cut-off
    one: the shipped version is 47 characters long."""
    version = "2026.11.28-ce92d533-blend-lenbal-leaf100-headed"
    hits = (SignalHit("issue_link_only", 0.7, "only 'Fixes #1'"),)
    result = Result(score=80, band="high", probability=0.8, confidence=0.8, signals=hits, model_version=version)
    actions = plan.plan(result, RepoConfig(), plan.Facts("o/r", 1, "abc"))
    [check] = [a for a in actions if a.describe().startswith("check_run")]
    [comment] = [a for a in actions if a.describe().startswith("create_comment")]
    summary = render(check.summary.template, **check.summary.context)
    texts = [summary, render(comment.view.template, **comment.view.context),
             render("reply_explain.md.j2", result=result, override=None, help_url=None)]
    for text in texts:
        assert version in visible_text(md_to_html(text))
    assert f"<p>Model {version}.</p>" in md_to_html(summary)


def test_the_comment_does_not_ask_for_what_the_author_already_did():
    done = (SignalHit("explains_testing", 1.0, "go test ./...", kind="care"),
            SignalHit("ai_disclosure", 1.0, "I used Copilot and checked each change", kind="ai"))
    result = Result(score=60, band="medium", probability=0.6, confidence=0.6, signals=done)
    [comment] = [a for a in plan.plan(result, RepoConfig(), plan.Facts(repo="o/r", number=1, head_sha="abc",
                                      findings=(Finding("large_ai_pr", "1,200 lines"),)))
                 if a.__class__.__name__ == "UpsertComment"]
    body = render(comment.view.template, **comment.view.context)
    assert "Describe in your own words what the change does and why." in body
    assert "say how you tested it" not in body and "If you used AI tools, say so" not in body


@pytest.mark.parametrize("size, words", [(1, "changes 1 line and"), (1200, "changes 1200 lines and")])
def test_a_large_ai_pr_finding_counts_its_lines_in_english(size, words):
    body = render("_finding.md.j2", f=Finding("large_ai_pr", size=size))
    assert words in body


def test_the_check_names_the_pull_request_it_scored():
    """A check run belongs to a commit, and anyone can open a second PR from the same commit: its
    score then shows on the first PR's check too, so the summary says which PR it scored."""
    result = Result(score=90, band="high", probability=0.9, confidence=0.9,
                    signals=(SignalHit("template_weight", 0.9, "4 headers"),))
    summaries = []
    for number in (7, 8):
        [check] = [a for a in plan.plan(result, RepoConfig(), plan.Facts("o/r", number, "abc"))
                   if a.describe().startswith("check_run")]
        summaries.append(render(check.summary.template, **check.summary.context))
    assert "for pull request 7," in summaries[0] and "for pull request 8," in summaries[1]


def test_the_check_lists_signals_strongest_first_as_the_comment_does():
    hits = (SignalHit("issue_link_only", 0.4, "weak one"), SignalHit("template_weight", 0.9, "strong one"),
            SignalHit("explains_testing", 0.6, "care one", kind="care"))
    result = Result(score=80, band="high", probability=0.8, confidence=0.8, signals=hits)
    [check] = [a for a in plan.plan(result, RepoConfig(), plan.Facts("o/r", 1, "abc"))
               if a.describe().startswith("check_run")]
    summary = render(check.summary.template, **check.summary.context)
    assert summary.index("strong one") < summary.index("care one") < summary.index("weak one")
