"""An AI's output named inside a denial, for ``ai_disclosure``: "None. ChatGPT suggested a fix in the
issue thread but I didn't use it", "AI disclosure: None (Copilot wrote a broken version in #40, which
this PR replaces)", "None. Gemini generated the bug report I'm fixing". The tool is the subject of
"suggested", "generated", "wrote" …, but the answer opened with "None" and the line says the output
was rejected or was someone else's: that is no use of the author's.

Narrow on purpose, an allow-list of rejection rather than a deny-list of use:
- only a tool as the subject of making something ("<tool> suggested/generated/wrote …");
- only on the answer of an AI-usage question (``_answers_ai``): a line that opens with a bare "None",
  "No", "N/A" or "Nothing" after an "AI usage:" label on it, or under an "AI usage" heading or label, or a
  line that is a bare "None" / "N/A" answer of its own (its question may sit in an HTML comment); never
  prose that opens with "No-op when …" or "No, this does not change the API";
- only when the same line rejects the output ("didn't use it", "not used", "discarded", "but it was wrong",
  "so I wrote it by hand", "which this PR replaces") or makes it someone else's ("in the issue thread", "the
  bug report", "in #40", "by the reporter"), and says nothing of the author's own use ("which I used").

Any other output named in a "None"/"No" answer is the author's use, a disclosure: "No. Copilot generated
the boilerplate, which I reviewed", "None, except: Copilot suggested the regex", "No. Claude Code
generated the migration; I checked it against the schema".
"""

from __future__ import annotations

import re

_NONE = r"(?:none|no|n/a|na|nope|nothing)[ \t]*+[.,;:(\u2014\u2013-]"
_LABEL = r"(?:ai|llm)\s+(?:disclosure|usage|use|assistance)\b"
# a line that answers "None." / "No (" / "N/A —" after an "AI usage:" / "AI disclosure:" label on it
_LABELLED_DENIAL = re.compile(rf"[^\w\n]*+{_LABEL}[^\n:]{{0,40}}?:[^\w\n]*+{_NONE}", re.IGNORECASE)
# a line that opens with such an answer and no label: under an AI-usage heading, or a bare "None"
_DENIAL = re.compile(rf"[^\w\n]*+{_NONE}", re.IGNORECASE)
_BARE_NONE = re.compile(r"[^\w\n]*+(?:none|n/a)[ \t]*+[.,;:(\u2014\u2013-]", re.IGNORECASE)
# the line above an answer that asks about AI use: "## AI usage", "**AI disclosure (required):**", "###
# AI Usage in this PR (choose one)", "Did you use AI tools?", "Was AI used?"; not "Written without AI?"
_AI_HEADING = re.compile(
    rf"[^\w\n]*+(?:{_LABEL}[^\n]{{0,60}}|(?:did|have)\s+you\s+(?:use|used)\s+(?:any\s+)?(?:ai|llms?|generative\s+ai)\b"
    r"[^\n]{0,60}|(?:was|were)\s+(?:any\s+)?(?:ai|llms?)(?:\s+tools?)?\s+used\b[^\n]{0,60})$",
    re.IGNORECASE)
_MADE = re.compile(
    r"(?:(?:github\s+)?copilot|chat\s?gpt|claude\s+code|gpt-?\d[\w.]*|gemini|cursor|codex|aider|windsurf|openhands)"
    r"\s+(?:suggested|generated|wrote|drafted|produced|proposed|implemented|created|authored)\b",
    re.IGNORECASE)
# the output rejected ("but I didn't use it", "it was not used", "discarded", "but it was wrong", "so I wrote
# it by hand", "which this PR replaces") or never made ("Copilot wrote none of this code", "generated
# nothing; it is disabled in my editor"); not a part left out while the rest was used ("not used for the logic")
REJECTION = re.compile(
    r"\b(?:didn't|did\s+not|never|won't|wouldn't)\s+use(?:d)?\s+(?:it|them|that|any\s+of\s+it|its\s+\w+)\b"
    r"(?!\s+(?:for|in|on|to)\b)|\b(?:not|never|wasn't|weren't)\s+used\b(?!\s+(?:for|in|on|to)\b)|\bunused\b"
    r"|\b(?:discarded|rejected|ignored|threw\s+(?:it|them)\s+away|thrown\s+away|dropped\s+it)\b"
    r"|\b(?:it|they|that|which)\s+(?:was|were|is|are)\s+(?:\w+\s+)?(?:wrong|broken|incorrect|buggy|useless)\b"
    r"|\bbroken\s+(?:version|patch|fix|implementation)\b|\bwrote\s+(?:it|them|this|the\s+fix)\s+(?:by\s+hand|myself"
    r"|ourselves|from\s+scratch)\b|\b(?:this|the)\s+(?:pr|pull\s+request|change|patch|fix)\s+(?:replaces|reverts)\b"
    r"|\bwhich\s+this\s+(?:pr|pull\s+request|change|patch)\s+(?:replaces|reverts|fixes)\b"
    r"|\b(?:suggested|generated|wrote|drafted|produced|proposed|implemented|created|authored)\s+(?:none|nothing|no|zero)\b"
    r"|\b(?:is|was|were|are)\s+(?:\w+\s+)?(?:disabled|turned\s+off|switched\s+off)\b",
    re.IGNORECASE)
# the output someone else's ("in the issue thread", "the bug report I'm fixing", "in #40", "by the reporter"):
# read only when no contrast word ("but", "except") comes before the tool, since "None, but Copilot wrote the
# tests for the regression reported in #40" names the issue for the regression, not for the tests
ELSEWHERE = re.compile(
    r"\bi(?:'m|\s+am)\s+fixing\b"
    r"|\b(?:in|on|from)\s+(?:the|an?|that)\s+(?:(?:linked|original|upstream)\s+)?(?:issue|ticket|bug\s+report"
    r"|thread|discussion|forum)\b|\b(?:the|a)\s+(?:bug|issue)\s+report\b|\bissue\s+thread\b|(?:\bin|\bsee)\s+#\d+"
    r"|\bby\s+(?:the|a|an|another)\s+(?:issue\s+)?(?:reporter|reviewer|maintainer|contributor|user|author)s?\b",
    re.IGNORECASE)
# a contrast word between a "None" answer and the tool: what follows it is said past the denial
CONTRAST_WORD = re.compile(r"\b(?:but|however|though|although|except)\b", re.IGNORECASE)


def rejected(line: str, tool_at: int) -> bool:
    """Whether ``line`` rejects the output of the tool named at ``tool_at``, or (with no contrast word
    before the tool) makes it someone else's."""
    if REJECTION.search(line):
        return True
    return CONTRAST_WORD.search(line, 0, tool_at) is None and ELSEWHERE.search(line) is not None


# the author's own use, anywhere on the line: "which I used", "I kept its regex", "helped me", "with the
# help of Copilot"
_OWN_USE = re.compile(
    r"\b(?:i|we)\s+(?:(?:also|then|just|mostly|partly|only)\s+)?(?:used|kept|adopted|adapted|applied|took|based"
    r"|built\s+on|started\s+from|accepted|copied|pasted)\b|\b(?:helped|assisted)\s+(?:me|us)\b"
    r"|\bwith\s+(?:the\s+)?(?:help|assistance)\s+(?:of|from)\b",
    re.IGNORECASE)


def denied_output(text: str, start: int, end: int) -> bool:
    """Whether the disclosure at ``text[start:end]`` is a tool's output named in the "None" answer of
    an AI-usage question whose line rejects it or makes it someone else's."""
    if not _MADE.match(text, start, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not _answers_ai(text, line_start, start):
        return False
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return rejected(line, start - line_start) and not _OWN_USE.search(line)


def _answers_ai(text: str, line_start: int, start: int) -> bool:
    """Whether the line at ``line_start`` opens, before ``start``, with a "None" answer to an AI-usage
    question: a label on the line, an AI-usage heading above, or a bare "None" not under another
    question."""
    if _LABELLED_DENIAL.match(text, line_start, start):
        return True
    if not _DENIAL.match(text, line_start, start):
        return False
    above = _line_above(text, line_start)
    if _AI_HEADING.match(above):
        return True
    return bool(_BARE_NONE.match(text, line_start, start)) and not _other_heading(above)


def _other_heading(line: str) -> bool:
    """Whether ``line`` is some other question, heading or label ("**Breaking change?**", "### Notes",
    "Risk:"), read without a regex's backtracking over a long line."""
    said = line.strip()
    return said.startswith(("#", "**", "__")) or said.rstrip("*_`)]> \t").endswith(("?", ":"))


def _line_above(text: str, line_start: int) -> str:
    """The nearest line above ``line_start`` that is not blank ("" for none)."""
    head = text[:line_start].rstrip()
    return head[head.rfind("\n") + 1:]
