"""An AI's output named inside a denial, for ``ai_disclosure``: "None. ChatGPT suggested a fix in the
issue thread but I didn't use it", "AI disclosure: None (Copilot wrote a broken version in #40, which
this PR replaces)", "None. Gemini generated the bug report I'm fixing". The tool is the subject of
"suggested", "generated", "wrote" …, but the answer opened with "None": what the tool made is a
rejected suggestion or someone else's, not the author's use.

Narrow on purpose: only a tool as the subject of making something ("<tool> suggested/generated/wrote
…"), only on a line whose answer opens with a bare "None", "No", "N/A" or "Nothing" (a "None." or
"None (", not "None for the code; Copilot wrote the tests"), and only when the line says nothing of
the author's own use: "None. ChatGPT helped me understand the error message" ("helped" is no making
verb), "None, but Copilot suggested the regex, which I used" and "None; ChatGPT was used only to
translate this description" still disclose.
"""

from __future__ import annotations

import re

# a line that answers "None." / "No (" / "N/A —", after an optional "AI usage:" / "AI disclosure:" label
_DENIAL_LINE = re.compile(
    r"[^\w\n]*+(?:(?:ai|llm)\s+(?:disclosure|usage|use|assistance)\b[^\n:]{0,40}?:[^\w\n]*+)?"
    r"(?:none|no|n/a|na|nope|nothing)[ \t]*+[.,;:(\u2014\u2013-]",
    re.IGNORECASE)
_MADE = re.compile(
    r"(?:(?:github\s+)?copilot|chat\s?gpt|claude\s+code|gpt-?\d[\w.]*|gemini|cursor|codex|aider|windsurf|openhands)"
    r"\s+(?:suggested|generated|wrote|drafted|produced|proposed|implemented|created|authored)\b",
    re.IGNORECASE)
# the author's own use, anywhere on the line: "which I used", "I kept its regex", "helped me", "with the
# help of Copilot"
_OWN_USE = re.compile(
    r"\b(?:i|we)\s+(?:(?:also|then|just|mostly|partly|only)\s+)?(?:used|kept|adopted|adapted|applied|took|based"
    r"|built\s+on|started\s+from|accepted|copied|pasted)\b|\b(?:helped|assisted)\s+(?:me|us)\b"
    r"|\bwith\s+(?:the\s+)?(?:help|assistance)\s+(?:of|from)\b",
    re.IGNORECASE)


def denied_output(text: str, start: int, end: int) -> bool:
    """Whether the disclosure at ``text[start:end]`` is a tool's output named in a "None" answer
    whose line holds no use of the author's."""
    if not _MADE.match(text, start, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not _DENIAL_LINE.match(text, line_start, start):
        return False
    line_end = text.find("\n", end)
    return not _OWN_USE.search(text, line_start, line_end if line_end >= 0 else len(text))
