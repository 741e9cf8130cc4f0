"""The answer a PR template's AI-usage section got ("## AI Usage in this PR (choose one)", "## AI
disclosure"), for ``ai_disclosure``: the heading alone says nothing, its answer does.

An answer is the first ticked option that says AI was used or, with no option ticked, the
first line that does. A template's own words answer nothing: the rest of the heading line ("in
this PR (choose one)"), a pointer to the policy, a bare link, an instruction or a question, and
options left unticked. Only real checkbox marks make a line an option: "[ ]" and the other
unticked marks (``hits.UNTICKED_MARK``: "[]", "[-]", "[NA]" …) leave it out, and "[x]", "[✔]",
"[✓]", "[✅]", "[done]", "[y]", "[yes]" tick it. "- [Claude Code] generated the tests" or a link item
"- [Copilot](https://…) wrote the tests" is no option: it is the author's answer.

A denial is a negation of the use ("None", "No AI tools were used", "AI was not used", "This PR
does not contain AI-generated code", "Written without AI"), not any "not" in an option's first
words: "AI generated significant portions (not just autocomplete)" and "Yes — not just
autocomplete, Copilot agent wrote it" say AI was used. A denial needs no negation word when it
says who wrote it: "100% human-written", "Written by hand", "I wrote all of this myself", "0%".
"""

from __future__ import annotations

import re

from bot.signals import hits

# an "AI disclosure" label or heading, as ``_DISCLOSURE`` found it, with nothing else in the match
LABEL = re.compile(r"^\W*(?:ai|llm)\s+(?:disclosure|usage|use|assistance)$", re.IGNORECASE)
# the rest of a label's line that is still the template's label, not an answer: "## AI Usage in this
# PR (choose one)", "## AI disclosure statement (required):"
_LABEL_REST = re.compile(
    r"(?:\s|[:*_]|\bin\s+(?:this|the)\s+(?:pr|pull\s+request|change)\b|\b(?:policy|statement|declaration)\b"
    r"|\((?:choose|pick|select|check|tick|mark)\b[^()\n]*\)|\((?:required|optional|mandatory|if\s+any)\))*$",
    re.IGNORECASE)
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)", re.MULTILINE)
_ITEM = r"^[ \t]*(?:~{1,2}[ \t]*)?(?:[-*+]|\d+[.)])[ \t]+~{0,2}"
# an option left unticked, as every signal reads one: "[ ]", "[]", "[-]", "[NA]", "[Not needed]"
_UNTICKED = re.compile(_ITEM + hits.UNTICKED_MARK, re.IGNORECASE)
# an option ticked: "[x]", "[✔]", "[✓]", "[✅]", "[done]", "[y]", "[yes]" (not a "[text](link)")
TICKED_MARK = r"\[[ \t]*(?:x|\u2714\ufe0f?|\u2713|\u2705|done|y|yes)[ \t]*\](?!\()"
_TICKED = re.compile(_ITEM + TICKED_MARK, re.IGNORECASE)
# a template's line under the label that answers nothing: a pointer to the policy, a bare link, an
# instruction or a question ("See [AI Usage Policy](…).", "Please disclose …", "Did you use AI?")
_NO_ANSWER = re.compile(
    r"^\W*(?:see|read|refer\s+to|please|for\s+(?:more|details)|check\s+(?:one|the|our)|(?:choose|pick|select|tick)\b)"
    r"|^\W*(?:\[[^\]\n]*\]\([^)\n]*\)|<?https?://\S+>?)\W*$|\?\W*$",
    re.IGNORECASE)
_USE = (r"(?:use[ds]?|using|utili[sz]e[ds]?|leverage[ds]?|employ(?:ed|s)?|involved|rel(?:y|ied)|contains?"
        r"|includes?|generated|written|assisted|helped)")
_AI = r"(?:ai|llms?|gen(?:erative)?\s+ai|copilot|chat\s?gpt|claude|gpt-?\d[\w.]*|gemini|cursor|codex|devin|tools?)"
# a ticked option that says no AI was used in its first words, the negation governing the use or the
# AI ("AI was not used", "This PR does not contain AI-generated code", "Written without AI", "uses
# no AI"), up to a "(" or a dash that starts a remark: "not just autocomplete" denies nothing
_NEGATED_OPTION = re.compile(
    rf"^[^.;:,(\u2014\u2013\n]*?(?:\b(?:not|never)|n't)\s+(?:(?:been|be|(?!only\b)\w+ly)\s+)?{_USE}\b"
    rf"|^[^.;:,(\u2014\u2013\n]*?\b(?:no|without|zero)\s+(?:[\w-]+\s+)??{_AI}\b",
    re.IGNORECASE)
OPTION_WORDS = 5  # the first words of an option read for its negation
_DENIAL = re.compile(
    r"^(?:(?:none|n/?a|nothing|no|nope|not(?!\s+(?:just|only|merely|simply)\b)|never|without"
    r"|(?:i|we)\s+(?:did\s*n[o']t|didn't|have\s*n[o']t|haven't|do\s*n[o']t|don't|never))\b"
    r"|(?:i|we)\s+(?:(?:only|just)\s+)?used\s+(?:no|zero)\b|0\s*%(?![\d.]))",
    re.IGNORECASE,
)
# a denial with no negation, saying who wrote it: "100% human-written", "Written by hand", "I wrote
# all of this myself"; unless the answer goes on to name a tool it does not deny ("Hand-written
# parser; Copilot wrote the tests")
_HUMAN_DENIAL = re.compile(
    r"^(?:(?:100\s*%\s*)?(?:human|hand)[- ]?(?:written|made|coded|authored)"
    r"|(?:(?:all|everything|it\s+was|this\s+was)\s+)?(?:written|coded|authored)\s+(?:by\s+hand|manually"
    r"|by\s+(?:me|us|a\s+human))|(?:i|we)\s+wrote\s+(?:it|this|all|everything|every))\b",
    re.IGNORECASE)
_TOOL = re.compile(r"\b(?:ai|llms?|copilot|chat\s?gpt|claude|gpt-?\d[\w.]*|gemini|cursor|codex|devin)\b", re.IGNORECASE)
_DENIED_TOOL = re.compile(rf"\b(?:no|without|zero|never|not)\s+(?:[\w-]+\s+)??{_AI}(?:\s+(?:tools?|assistants?))?\b",
                          re.IGNORECASE)
# a template's instruction or question that holds a statement's words: "Please describe how AI was
# used", "If AI was used, say how", "If any AI tools were used …", "Was AI used to write this PR?";
# not an author's "If any bugs remain, Copilot wrote them"
ASKED = re.compile(
    r"^\W*(?:please\s+)?(?:describe|explain|disclose|list|state|indicate|specify|tell\s+us)\b"
    rf"|^\W*if\s+(?:ai|an?\s+ai|llms?|(?:you|any)\s+(?:\w+\s+){{0,2}}?(?:{_USE}|{_AI}))\b"
    r"|^\W*(?:did|was|were|have|has|do|does|is|are|how)\b.*\?\W*$",
    re.IGNORECASE)
# emphasis marks: "*" anywhere, "_" only at a word's edge, not within `load_user_settings` or
# my_module/__init__.py (code spans are left as they are)
_EMPHASIS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<![\w/\\.])_{1,3}(?=\w)|(?<=\w)_{1,3}(?![\w/\\.])")
_CODE = re.compile(r"(`[^`\n]*+`)")
# a label's own words before its answer on the same line: "AI disclosure policy: no AI was used"
_LABEL_PREFIX = re.compile(r"[ \t:*_]*+(?:(?:policy|statement|declaration)\b[ \t]*+[:*_][ \t:*_]*+)?", re.IGNORECASE)
ANSWER_SPAN = 500  # characters after a label read for its answer


def answer(after: str) -> str | None:
    """What the text after an "AI disclosure" label (to the next heading) says when it says AI was
    used: the first ticked option that does, or the first line that answers; None for no answer or a
    denial. The label's own words ("in this PR (choose one)"), pointers, questions and unticked
    options answer nothing; when options are ticked, only they are the answer."""
    after = after[_LABEL_PREFIX.match(after).end():]
    rest = after.split("\n", 1)[0]
    if _LABEL_REST.match(rest):
        after = after[len(rest):]
    heading = _HEADING.search(after)
    lines = [line for line in after[: heading.start() if heading else len(after)].splitlines()
             if line.strip() and not _UNTICKED.match(line) and not _NO_ANSWER.search(line) and not ASKED.search(line)]
    ticked = [_option(line) for line in lines if _TICKED.match(line)]
    if ticked:
        return next((option for option in ticked if _says_used(option)), None)
    return _option(lines[0]) if lines and _says_used(_option(lines[0])) else None


def _option(line: str) -> str:
    """A line of an answer without its box and its emphasis ("- [x] **Light**: AI …": "Light: AI …")."""
    parts = _CODE.split(_TICKED.sub("", line))  # code spans at odd indexes
    return "".join(p if i % 2 else _EMPHASIS.sub("", p) for i, p in enumerate(parts)).lstrip(" \t:-–—=>|")


def _says_used(option: str) -> bool:
    """An answer that is no denial ("None", "No AI tools were used", "AI was not used")."""
    head = " ".join(option.split()[:OPTION_WORDS])
    if _HUMAN_DENIAL.match(head) and not _TOOL.search(_DENIED_TOOL.sub(" ", option)):
        return False
    return bool(head) and not _DENIAL.match(head) and not _NEGATED_OPTION.match(head)
