"""The answer a PR template's AI-usage section got ("## AI Usage in this PR (choose one)", "## AI
disclosure"), for ``ai_disclosure``: the heading alone says nothing, its answer does.

An answer is the first ticked option that says AI was used or, with no option ticked, the
first line that does. A template's own words answer nothing: the rest of the heading line ("in
this PR (choose one)"), a pointer to the policy, a bare link, an instruction or a question, and
options left unticked.
"""

from __future__ import annotations

import re

# an "AI disclosure" label or heading, as ``_DISCLOSURE`` found it, with nothing else in the match
LABEL = re.compile(r"^\W*(?:ai|llm)\s+(?:disclosure|usage|use|assistance)$", re.IGNORECASE)
# the rest of a label's line that is still the template's label, not an answer: "## AI Usage in this
# PR (choose one)", "## AI disclosure statement (required):"
_LABEL_REST = re.compile(
    r"(?:\s|[:*_]|\bin\s+(?:this|the)\s+(?:pr|pull\s+request|change)\b|\b(?:policy|statement|declaration)\b"
    r"|\((?:choose|pick|select|check|tick|mark)\b[^()\n]*\)|\((?:required|optional|mandatory|if\s+any)\))*$",
    re.IGNORECASE)
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)", re.MULTILINE)
# an option not ticked: "[ ]", and "[]", "[-]", "[NA]" (any box but "[x]")
_UNTICKED = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[(?![xX]\])[^\]\n]{0,12}\]")
_TICKED = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[xX]\]")
# a template's line under the label that answers nothing: a pointer to the policy, a bare link, an
# instruction or a question ("See [AI Usage Policy](…).", "Please disclose …", "Did you use AI?")
_NO_ANSWER = re.compile(
    r"^\W*(?:see|read|refer\s+to|please|for\s+(?:more|details)|check\s+(?:one|the|our)|(?:choose|pick|select|tick)\b)"
    r"|^\W*(?:\[[^\]\n]*\]\([^)\n]*\)|<?https?://\S+>?)\W*$|\?\W*$",
    re.IGNORECASE)
# a ticked option that says no AI was used in its first words ("AI was not used", "This PR does not
# contain AI-generated code", "Written without AI"); later words are a remark about the use
_NEGATED_OPTION = re.compile(r"^[^.;:,\n]*?\b(?:(?:no|not|never|without|none)\b|\w+n't\b)", re.IGNORECASE)
OPTION_WORDS = 5  # the first words of an option read for its negation
_DENIAL = re.compile(
    r"^(?:none|n/?a|nothing|no|nope|not|never|without"
    r"|(?:i|we)\s+(?:did\s*n[o']t|didn't|have\s*n[o']t|haven't|do\s*n[o']t|don't|never))\b",
    re.IGNORECASE,
)
# a template's instruction or question that holds a statement's words: "Please describe how AI was
# used", "If AI was used, say how", "Was AI used to write this PR?"
ASKED = re.compile(
    r"^\W*(?:please\s+)?(?:describe|explain|disclose|list|state|indicate|specify|tell\s+us)\b"
    r"|^\W*if\s+(?:you|ai|an?\s+ai|llms?|any)\b|^\W*(?:did|was|were|have|has|do|does|is|are|how)\b.*\?\W*$",
    re.IGNORECASE)
_EMPHASIS = re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}")
ANSWER_SPAN = 500  # characters after a label read for its answer


def answer(after: str) -> str | None:
    """What the text after an "AI disclosure" label (to the next heading) says when it says AI was
    used: the first ticked option that does, or the first line that answers; None for no answer or a
    denial. The label's own words ("in this PR (choose one)"), pointers, questions and unticked
    options answer nothing; when options are ticked, only they are the answer."""
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
    return _EMPHASIS.sub("", _TICKED.sub("", line)).lstrip(" \t:-–—=>|")


def _says_used(option: str) -> bool:
    """An answer that is no denial ("None", "No AI tools were used", "AI was not used")."""
    head = " ".join(option.split()[:OPTION_WORDS])
    return bool(head) and not _DENIAL.match(head) and not _NEGATED_OPTION.match(head)
