"""Regexes rewritten to run in linear time on hostile PR text find exactly what the originals found.

A PR's title, description and commits are untrusted. Each pattern below backtracked
quadratically or worse on a crafted input (a heading of 2,000 spaces took 12.6 s, fifty
"generated with" commit messages 230 s; ``benchmarks/bench_hostile.py`` prints the times now).
The original patterns are kept here as the specification, and generated texts over each
pattern's own alphabet must give the same result both ways.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot import botblocks, text as text_mod
from bot.model import features
from bot.signals import claims, commits, hits, phrasing, pr_template, untested

SPEC = {
    "heading": re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$"),
    "line_comments": re.compile(r"^[ \t]*<!--(?:(?!-->).)*-->[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE),
    "generated_with": re.compile(r"generated with\b.*\b(claude|codex|copilot|cursor|devin|aider|gemini|chatgpt"
                                 r"|openhands|jules)", re.IGNORECASE),
    # an item left out however it is marked: "[ ]", "[]", "[-]", "[NA]", "[Not needed]" (not a "[tag]" or a link)
    "unchecked_box": re.compile(r"^[ \t]*(?:~{1,2}[ \t]*)?[-*+][ \t]+~{0,2}\[[ \t]*(?:|-|~|/|n/?a|n\.a\.?|none|no"
                                r"|skip(?:ped)?|not[ \t_-]+(?:needed|applicable|required|relevant))[ \t]*\](?!\().*$",
                                re.MULTILINE | re.IGNORECASE),
    "any_checkbox": re.compile(r"^[ \t]*~{0,2}[ \t]*[-*+][ \t]+~{0,2}\[[ xX]?\].*$", re.MULTILINE),
    "failing_span": re.compile(r"`[^`\n]*\b(?:test|pytest|tox|jest|vitest|lint|check|build|verify)\b[^`\n]*`"
                               r"\s*\*?\(?\s*(?:fails?|failed)\b", re.IGNORECASE),
    "stock_heading": re.compile(r"^\s{0,3}#{1,6}\s*(?:\W\s*)?(?:summary(?:\s+of\s+changes)?|changes\s+made"
                                r"|key\s+(?:changes|features|improvements)|technical\s+details"
                                r"|implementation\s+details|benefits|impact|overview)\s*:?\s*$",
                                re.MULTILINE | re.IGNORECASE),
    "bullet": re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S", re.MULTILINE),
    "commit_bullet": re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\S", re.MULTILINE),
    "checkbox": re.compile(r"^\s*[-*]\s+\[[ xX]\]", re.MULTILINE),
    "fence": re.compile(r"^\s*```", re.MULTILINE),
}


def texts(*pieces: str, size: int = 16):
    return st.lists(st.sampled_from(pieces), max_size=size).map("".join)


MARKDOWN = texts("#", "##", " ", "\t", "\n", "\r", "x", "C#", ":", "-", "*", "+", "1.", "2)", "[ ]", "[x]", "~",
                 "```", "Summary", "overview", "🧪", "\u00a0", "[", "]", "NA", "n/a", "not", "needed", "skip", "(")
LINES = texts("#", "##", " ", "\t", "x", "C#", ":", "-", "Summary", "🧪", "\u00a0")  # str.splitlines() output
COMMENTS = texts("<!--", "-->", "<!-- a -->", " ", "\t", "\n", "\r", "x", "-", ">", "<", "!")
SPANS = texts("`", " ", "\n", "test", "lint", "x", "fail", "fails", "failed", "*", "(", "Pytest", "\t")
ATTRIBUTION = texts("generated with", "Generated With", " ", "claude", "Codex", "x", "with", "🤖", "copilot", "\t")


@settings(max_examples=400, deadline=None)
@given(line=LINES)
@example(line="## Title ##  ")
@example(line="# a" + " " * 50 + "b #")
@example(line="### C# notes")
def test_template_headings_are_read_as_before(line):
    spec = SPEC["heading"].match(line)
    found = pr_template._HEADER.match(line)
    assert (spec.group(1) if spec else None) == (found.group(1).rstrip().rstrip("#").rstrip() if found else None)


@settings(max_examples=400, deadline=None)
@given(text=COMMENTS)
@example(text="<!-- a -->\n<!--\nx\n-->  \ntext <!-- b -->\n")
@example(text="x <!--\n<!-- inside -->\n")
def test_comments_alone_on_their_lines_are_removed_as_before(text):
    assert botblocks._without_line_comments(text) == SPEC["line_comments"].sub("", text)


@settings(max_examples=400, deadline=None)
@given(line=ATTRIBUTION)
@example(line="🤖 Generated with [Claude Code](https://claude.ai)")
def test_generated_with_lines_are_found_as_before(line):
    if SPEC["generated_with"].search(line):
        assert text_mod.is_attribution_line(line)
    generated = text_mod._GENERATED_WITH.search(line)
    assert bool(generated and text_mod._TOOL.search(line, generated.end())) == bool(SPEC["generated_with"].search(line))


@settings(max_examples=400, deadline=None)
@given(text=MARKDOWN)
@example(text="## Summary\n\nText")
@example(text="## 🧪 Overview:\n  - [ ] x\n  ~- [ ] y~\n- ~[x] z~")
def test_checkboxes_and_headings_match_where_they_did(text):
    def spans(pattern):
        return [m.span() for m in pattern.finditer(text)]
    assert spans(hits._UNCHECKED_BOX) == spans(SPEC["unchecked_box"])
    assert spans(claims._ANY_CHECKBOX) == spans(SPEC["any_checkbox"])
    assert len(phrasing._STOCK_HEADING.findall(text)) == len(SPEC["stock_heading"].findall(text))


@settings(max_examples=400, deadline=None)
@given(text=MARKDOWN)
@example(text="\n\n- a\n  \n* b\n1. c\n2) d\n  ```\n- [x] e")
def test_line_start_counts_are_as_before(text):
    assert features._BULLET.count(text) == len(SPEC["bullet"].findall(text))
    assert commits._BULLET.count(text) == len(SPEC["commit_bullet"].findall(text))
    assert features._CHECKBOX.count(text) == len(SPEC["checkbox"].findall(text))
    assert features._FENCE.count(text) == len(SPEC["fence"].findall(text))


@settings(max_examples=400, deadline=None)
@given(text=SPANS)
@example(text="`make test` fails")
@example(text="`pytest -x`\n *(failed")
def test_a_failing_check_in_a_code_span_is_found_as_before(text):
    expected = bool(SPEC["failing_span"].search(text))
    found = any("`" in m.group(0) for m in untested._ADMISSION.finditer(text))
    assert found == expected
