"""Text helpers shared by signals and the classifier.

``strip_attribution`` removes the lines that merely *say* a tool was used (trailers,
"Generated with" footers, agent run links and tips), the same cleaning the data in
``../shared/data`` went through, so the classifier learns style and effort, not markers.
Attribution is still scored, openly, by the ``ai_attribution`` signal.
"""

from __future__ import annotations

import re

_TRAILER = re.compile(r"^\s*[A-Z][A-Za-z-]*-by:\s", re.IGNORECASE)
_ATTRIBUTION_LINE = re.compile(
    r"claude\.ai/code|chatgpt\.com/codex|app\.devin\.ai/sessions|link to devin run|requested by:"
    r"|you can make copilot smarter|copilot coding agent|firewall rules blocked me"
    r"|<!-- (start|end) copilot",
    re.IGNORECASE,
)
# "Generated with ... <tool>": the tool is looked for once, after the first "generated with"
# (one regex with ".*" between them retried the scan from every repetition: quadratic)
_GENERATED_WITH = re.compile(r"generated with\b", re.IGNORECASE)
_TOOL = re.compile(r"\b(claude|codex|copilot|cursor|devin|aider|gemini|chatgpt|openhands|jules)", re.IGNORECASE)


def is_attribution_line(line: str) -> bool:
    if _TRAILER.match(line) or _ATTRIBUTION_LINE.search(line):
        return True
    generated = _GENERATED_WITH.search(line)
    return bool(generated and _TOOL.search(line, generated.end()))


def strip_attribution(text: str | None) -> tuple[str, list[str]]:
    """Return ``(text without attribution lines, removed lines)``."""
    kept: list[str] = []
    removed: list[str] = []
    for line in (text or "").splitlines():
        (removed if is_attribution_line(line) else kept).append(line)
    return "\n".join(kept).strip(), removed


class LineStartCount:
    """``len(re.findall("^" + rest, text, re.MULTILINE))``, with re jumping from line break to line break.

    A pattern anchored by ``^`` (MULTILINE) makes re try to match at every position of the text.
    The same pattern written ``"\\n" + rest`` starts with a literal, so re searches for the next
    line break and tries only there. On ``"\\n" + text`` its matches pair up one to one with the
    ``^`` pattern's on ``text`` (each one also takes the line break before it), as long as no
    match of ``rest`` can end just after a line break: the next match could start right there,
    but its line break would already be taken. Every ``rest`` used here ends in something that
    is not white space; ``tests/perf`` compares each with its ``^`` form."""

    def __init__(self, rest: str, flags: int = 0):
        self.as_written = re.compile("^" + rest, flags | re.MULTILINE)
        self._after_break = re.compile("\n" + rest, flags | re.MULTILINE)

    def count(self, text: str) -> int:
        return len(self._after_break.findall("\n" + text))


def without_spans(text: str, spans) -> str:
    """``text`` with the ``(start, end)`` spans cut out; the spans come in order and may overlap."""
    kept, pos = [], 0
    for start, end in spans:
        if end <= pos:
            continue
        kept.append(text[pos:max(start, pos)])
        pos = end
    return "".join(kept) + text[pos:] if kept else text


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z0-9_'-]*", text or "")


_MD_HEADER = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)
_SQUASH_ITEM = re.compile(r"^\* ", re.MULTILINE)


def is_squash_list(body: str) -> bool:
    """GitHub's default squash-merge body ("* commit subject" per commit), not a description:
    it lists the branch's commits, including ones a later commit undid."""
    return (body.lstrip().startswith("* ") and not _MD_HEADER.search(body)
            and _SQUASH_ITEM.search(body) is not None)
