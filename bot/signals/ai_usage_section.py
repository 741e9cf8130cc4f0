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
says who wrote it: "100% human-written", "Written by hand", "I wrote all of this myself", "0%";
"Neither Copilot nor ChatGPT was used" is a denial too. Past those first words, the answer's first clause is read too: "This PR was written without AI
assistance", "This change was written entirely by hand", "All code written by me, no AI" deny, unless
a tool is named before the negation or anywhere else without one ("Hand-written parser; Copilot
wrote the tests", "written without AI, but Copilot wrote the docs" are disclosures). A denial that goes
on, past "but" or ";", to say plainly that a tool did some of the work is a disclosure too ("I have not
used Copilot for the code, but Claude wrote the tests", "…; I used Gemini to port the fixtures", "…, but
I used GitHub Copilot extensively for the tests", "…; I had Copilot write the tests"); any other mention
stays a denial: a wish, a policy, a negation, a feature, a test client or someone else's use ("None, but I
may try Copilot later", "No; the policy forbids using AI tools", "None — Copilot did not write any of this",
"None — neither Copilot nor ChatGPT was used", "None; this PR adds compatibility with Gemini models", "None
— tested with Claude Desktop as an MCP client", "…, but I used Claude to test the new MCP tools", "None,
though Claude was used by the issue reporter"). A tool switched off for this PR is a denial ("Copilot was
turned off; I wrote it by hand", "… off for the entire PR; it generated broken code last time"), one
switched off for a part only and used for the rest is not ("Copilot was disabled for the parser, but I
used it for the tests"). A habit is not this PR's: "I used to use Copilot; this one is hand-written", "I
usually use Copilot, but it was switched off for this PR" are read from what follows the habit.

The answer is quoted as the author wrote it, without emphasis marks: "*" anywhere, "_" and "__" only
as a matched pair around words outside code spans, never an identifier's (``_private_helper``,
``__init__.py``, a dunder such as ``__main__``).
"""

from __future__ import annotations

import re

from bot.signals import hits
from bot.signals.ai_product import MODEL_WORDS
from bot.signals.denied_outputs import rejected

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
_AI = r"(?:ai|llms?|gen(?:erative)?\s+ai|copilot|chat\s?gpt|claude|gpt-?\d[\w.]{0,20}|gemini|cursor|codex|devin|tools?)"
# a ticked option that says no AI was used in its first words, the negation governing the use or the
# AI ("AI was not used", "This PR does not contain AI-generated code", "Written without AI", "uses
# no AI"), up to a "(" or a dash that starts a remark: "not just autocomplete" denies nothing
_NEGATED_OPTION = re.compile(
    rf"^([^.;:,(\u2014\u2013\n]*?)(?:(?:\b(?:not|never)|n't)\s+(?:(?:been|be|(?!only\b)\w+ly)\s+)?{_USE}\b"
    rf"|\b(?:no|without|zero)\s+(?:[\w-]+\s+)??{_AI}\b)",
    re.IGNORECASE)
OPTION_WORDS = 5  # the first words of an option read for its negation
_DENIAL = re.compile(
    r"^(?:(?:none|n/?a|nothing|no|nope|not(?!\s+(?:just|only|merely|simply)\b)|never|neither|without"
    r"|(?:i|we)\s+(?:did\s*n[o']t|didn't|have\s*n[o']t|haven't|do\s*n[o']t|don't|never))\b"
    r"|(?:i|we)\s+(?:(?:only|just)\s+)?used\s+(?:no|zero)\b|0\s*%(?![\d.]))",
    re.IGNORECASE,
)
_TOOL = re.compile(r"\b(?:ai|llms?|copilot|chat\s?gpt|claude|gpt-?\d[\w.]{0,20}|gemini|cursor|codex|devin)\b", re.IGNORECASE)
# a tool the answer denies: "no AI", "without Copilot or ChatGPT", "I don't use Copilot", "neither Copilot
# nor any other AI tool"
_ONE_AI = rf"{_AI}(?:\s+(?:tools?|assistants?))?"
_DENIED_TOOL = re.compile(
    rf"(?:\b(?:no|without|zero|never|not|neither|nor)|\b(?:do|did)\s*n[o']t\s+(?:use|need)|n't\s+(?:use|need))\s+"
    rf"(?:[\w-]+\s+)??{_ONE_AI}(?:(?:\s*,\s*|\s+)(?:or|nor|and)\s+(?:any\s+)?(?:other\s+)?{_ONE_AI})*+\b",
    re.IGNORECASE)
# read over an answer's first clause (to ".", ";", ":", ",", "(" or a dash, at most 200 characters)
# once its first words deny nothing: who wrote it ("100% human-written", "This change was written
# entirely by hand", "I wrote all of this myself"; unless the answer goes on to name a tool it does
# not deny: "Hand-written parser; Copilot wrote the tests"), the negation as ``_NEGATED_OPTION`` reads it
# ("This PR was written without AI assistance") when no tool is named before it
_CLAUSE = re.compile(r"[^.;:,(\u2014\u2013\n]{0,200}+")
_HUMAN_WROTE = re.compile(
    r"\b(?:100\s*%\s*)?(?:human|hand)[- ]?(?:written|made|coded|authored|crafted)\b"
    r"|\b(?:written|coded|authored|made|done|implemented)\s+(?:(?:entirely|fully|completely|solely|wholly|all)\s+)?"
    r"(?:by\s+hand|manually|by\s+(?:me|us|myself|ourselves|a\s+human|humans))\b"
    r"|\b(?:i|we)\s+wrote\s+(?:it|this|all|everything|every)\b",
    re.IGNORECASE)
# a habit that is not this PR's ("I used to use Copilot", "I usually use Copilot") to the end of its
# clause or a "but": what follows says what this PR is ("; this one is hand-written", "but not for
# this PR", "but it was switched off for this PR"); a past habit alone says nothing of this PR, a
# present one ("I usually use Copilot for tests") is its answer
_HABIT = re.compile(
    r"^[^.;:,(\u2014\u2013\n]{0,80}?\b(?:(?P<past>used\s+to)\s+(?:use|rely\s+on)|(?:usually|normally|often|generally"
    r"|typically|sometimes)\s+(?:use|rely\s+on))\b[^.;:,(\u2014\u2013\n]{0,120}?"
    r"(?:[.;:,(\u2014\u2013\n]\s*+(?:but\b)?|\bbut\b|$)\s*+",
    re.IGNORECASE)
_OFF = re.compile(r"^[^.;:,(\u2014\u2013\n]{0,120}?\b(?:(?:switched|turned)\s+(?:it\s+)?off|disabled)\b", re.IGNORECASE)
# a tool switched off for this PR denies its use: "Copilot was turned off; I wrote it by hand", "I turned
# Copilot off", "with Copilot disabled" (its mention is then no tool the answer names), unless it was off
# for one part only and the answer goes on to say it did the rest (``_OFF_FOR_PART``)
_TOOL_OFF = re.compile(
    rf"\b{_ONE_AI}\s+(?:was|were|is|are|has\s+been|had\s+been|stayed|remained|kept)\s+(?:(?:turned|switched)\s+off"
    rf"|disabled|off)\b|\b(?:turned|switched)\s+{_ONE_AI}\s+off\b|\bdisabled\s+{_ONE_AI}\b"
    rf"|\bwith\s+{_ONE_AI}\s+(?:(?:turned|switched)\s+off|disabled|off)\b",
    re.IGNORECASE)
# past a denial's contrast ("No AI for the code, but …", "I have not used Copilot; …") only a plain
# statement of use: a named tool as the subject of a writing verb ("Claude wrote the tests", "Claude Sonnet
# wrote the fixtures"), "I/we used/relied on <tool> for/to …" ("I used GitHub Copilot for the tests", "I
# used Claude Code extensively for the tests", "I used ChatGPT's help for the regex"), "I had <tool> write
# …", "<tool> was used", "let <tool> write …", "with the help of <tool>". Not a negation ("Copilot did not
# write any of this", "Claude wrote none of it", "neither Copilot nor ChatGPT was used"), a policy, a wish
# or a thought ("the policy forbids using AI tools", "we avoid using AI", "I considered using Copilot", "I
# may try Copilot later"), a feature ("compatibility with Gemini", "lets users chat with Claude", "the app
# calls the Claude API"), a tool that is no AI ("I used a tool to format the code"), nor a use that is not
# the author's for writing the change (``NOT_WRITING``)
_CONTRAST = re.compile(r"[;\u2014\u2013]|\b(?:but|however|though|although|except)\b", re.IGNORECASE)
# a bare "None." / "No," / "N/A -" answer: what follows it is read as past a contrast ("No. Copilot generated
# the boilerplate, which I reviewed"), unless the line rejects that output or makes it someone else's
# (``denied_outputs.rejected``: "None. ChatGPT suggested a fix in the issue thread but I didn't use it")
_BARE_ANSWER = re.compile(r"^\W*(?:none|no|n/a|na|nope|nothing)[ \t]*[.,;:(\u2014\u2013-]", re.IGNORECASE)
_NAMED_AI = (r"(?:ai|llms?|gen(?:erative)?\s+ai|(?:github\s+)?copilot|chat\s?gpt|claude(?:\s+code)?|gpt-?\d[\w.]{0,20}"
             rf"|gemini|cursor|codex|devin){MODEL_WORDS}(?:\s+(?:tools?|assistants?|agents?))?")
_DID = (r"\b<tool>\s+(?:(?:also|only|then|just|mostly|partly)\s+)?(?:wrote|generated|drafted|suggested|helped"
        r"|assisted|produced|authored|implemented|created)\b(?!\s+(?:none|nothing|no)\b)"
        r"|\b(?:i|we)\s+(?:(?:also|only|just|then)\s+)?(?:used|leveraged|asked|relied\s+on)\s+(?:the\s+|an?\s+)?<tool>"
        r"(?:['\u2019]s\s+(?:help|assistance))?(?=\s+(?:\w+ly\s+)?(?:for|to)\b)"
        r"|\b(?:i|we)\s+had\s+<tool>\s+(?:write|draft|generate|suggest|implement|produce)\b"
        r"|\blet\s+<tool>\s+(?:write|draft|generate|suggest)\b|\b<tool>\s+(?:was|were|has\s+been)\s+(?:\w+ly\s+)?used\b"
        r"|\bwith\s+(?:the\s+)?(?:help|assistance)\s+(?:of|from)\s+<tool>\b")
# right after a use (``_DID``), a use that is not the author's for writing the change: a test client ("I
# used Claude to test the new MCP tools", "Claude was used only as the MCP client for manual testing") or
# someone else's, in its clause ("ChatGPT was used to translate the issue (by the reporter)", "AI was only
# used by the reviewers, not by me")
NOT_WRITING = re.compile(
    r"\s+(?:only\s+)?(?:to\s+(?:test|try|reproduce|verify|exercise)\b|as\s+(?:the|a|an|our|my)\s+[^.;,\n]{0,40}?\bclient\b)"
    r"|[^.;\n]{0,120}?\bby\s+(?:(?:the|a|an|our|my|their|another|other|some)\s+(?:[\w-]+\s+){0,2}?(?:reporters?"
    r"|reviewers?|maintainers?|users?|contributors?|colleagues?|co-?workers?|teammates?|triagers?|translators?)"
    r"|someone|somebody|others)\b",
    re.IGNORECASE)
_TOOL_DID = re.compile(_DID.replace("<tool>", _NAMED_AI), re.IGNORECASE)
# the same with "it" for a tool switched off for one part only, before the contrast ("Copilot was
# disabled for the parser, but I used it for the tests", "I turned Copilot off for the parser but let it
# write the tests"): not for the PR as a whole ("Copilot was disabled for this PR; it …", "Copilot was turned
# off for the entire PR; it generated broken code last time")
_TOOL_OR_IT_DID = re.compile(_DID.replace("<tool>", rf"(?:{_NAMED_AI}|it)"), re.IGNORECASE)
_OFF_FOR_PART = re.compile(
    rf"(?:{_TOOL_OFF.pattern})\s+(?:for|on|in)\s+(?!(?:(?:this|the|my|our|that)\s+(?:(?:entire|whole|full)\s+)?"
    r"(?:pr|pull\s+request|change(?:set)?"
    r"|patch|one|project|repo(?:sitory)?|branch|commit|work|contribution)|everything|all|it)\b)",
    re.IGNORECASE)
# a template's instruction or question that holds a statement's words: "Please describe how AI was
# used", "If AI was used, say how", "If any AI tools were used …", "Was AI used to write this PR?";
# not an author's "If any bugs remain, Copilot wrote them"
ASKED = re.compile(
    r"^\W*(?:please\s+)?(?:describe|explain|disclose|list|state|indicate|specify|tell\s+us)\b"
    rf"|^\W*if\s+(?:ai|an?\s+ai|llms?|(?:you|any)\s+(?:\w+\s+){{0,2}}?(?:{_USE}|{_AI}))\b"
    r"|^\W*(?:did|was|were|have|has|do|does|is|are|how)\b.*\?\W*$",
    re.IGNORECASE)
# emphasis marks, outside code spans: "*" anywhere
_STARS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}")
# "_" or "__" emphasis: a matched pair at the edges of words ("_Copilot_", "__most of it__"), never an
# identifier's underscores: not `_private_helper`, `__init__.py`, `my_module/__init__.py`, nor a
# lower-case dunder standing alone ("the __main__ guard", "__slots__"), which Markdown would bold
_UNDERSCORES = re.compile(r"(?<![\w/\\.])(_{1,3})(?![\s_])([^_\n]{1,200}+)(?<!\s)\1(?![\w/\\.])")
_DUNDER = re.compile(r"[a-z][a-z0-9]*+")
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
    return "".join(p if i % 2 else _UNDERSCORES.sub(_unemphasised, _STARS.sub("", p))
                   for i, p in enumerate(parts)).lstrip(" \t:-–—=>|")


def _unemphasised(m: re.Match) -> str:
    """The words inside a pair of "_" marks, or the whole match when it is a dunder name ("__main__")."""
    return m.group() if m.group(1) == "__" and _DUNDER.fullmatch(m.group(2)) else m.group(2)


def _says_used(option: str) -> bool:
    """An answer that is no denial ("None", "No AI tools were used", "AI was not used")."""
    head = " ".join(option.split()[:OPTION_WORDS])
    if not head:
        return False
    if _DENIAL.match(head) or _NEGATED_OPTION.match(head):
        return _used_past_contrast(option)  # "I have not used Copilot for the code, but Claude wrote the tests"
    if habit := _HABIT.match(option):  # "I used to use Copilot; this one is hand-written"
        rest = option[habit.end():]
        if not rest.strip():
            return habit.group("past") is None
        return not _OFF.match(rest) and _says_used(rest)
    return not _denied_in_clause(option)


def _used_past_contrast(option: str) -> bool:
    """Whether a denial goes on, past its first contrast, to say plainly that a tool did some of the
    work ("No AI for the code, but Claude wrote the tests"; ``_TOOL_DID``), or, after a tool switched off
    for one part, that it did another ("…, but I used it for the tests")."""
    contrast = _BARE_ANSWER.match(option) or _CONTRAST.search(option)
    if contrast is None or (contrast.re is _BARE_ANSWER and _rejected_output(option, contrast.end())):
        return False
    did = _TOOL_OR_IT_DID if _OFF_FOR_PART.search(option, 0, contrast.start()) else _TOOL_DID
    rest = _undenied(option[contrast.end():])
    return any(not NOT_WRITING.match(rest, m.end()) for m in did.finditer(rest))


def _rejected_output(option: str, after: int) -> bool:
    """Whether a bare "None." answer rejects the tool output it names after ``after``, or makes it
    someone else's (``denied_outputs.rejected``)."""
    tool = _TOOL_DID.search(option, after)
    return rejected(option, tool.start() if tool else len(option))


def _undenied(option: str) -> str:
    """``option`` without the tools it denies or says were switched off."""
    return _TOOL_OFF.sub(" ", _DENIED_TOOL.sub(" ", option))


def _names_a_tool(option: str) -> bool:
    """Whether ``option`` names a tool it does not deny ("Hand-written parser; Copilot wrote the tests")."""
    return _TOOL.search(_undenied(option)) is not None


def _denied_in_clause(option: str) -> bool:
    """Whether the first clause of ``option`` denies AI use past its first words ("This PR was written
    without AI assistance", "This change was written entirely by hand") and the rest names no tool
    it does not deny."""
    clause = _CLAUSE.match(option).group()
    negated = _NEGATED_OPTION.match(clause)
    denied = (_HUMAN_WROTE.search(clause) or _TOOL_OFF.search(clause)
              or (negated and not _TOOL.search(negated.group(1))))
    return bool(denied) and not _names_a_tool(option) and not _used_past_contrast(option)
