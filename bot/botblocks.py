"""Text in a PR description that its author did not write and GitHub does not show as theirs.

Review bots add their summaries to the description between two marker comments:
CodeRabbit's ``<!-- This is an auto-generated comment: release notes by coderabbit.ai -->`` …
``<!-- end of auto-generated comment: … -->``, Ellipsis' ``<!-- ELLIPSIS_HIDDEN -->`` pair, cubic's
and mrge's "auto-generated description", Cursor Bugbot's ``<!-- CURSOR_SUMMARY -->`` …
``<!-- /CURSOR_SUMMARY -->``, ``<!-- start pr-codex -->`` … ``<!-- end pr-codex -->``,
``<!-- Reviewable:start -->`` … ``<!-- Reviewable:end -->``. ``without_bot_blocks`` drops such a
block, markers included, when both of its markers are there; ``without_hidden`` also drops every
other HTML comment (a template's instructions), which GitHub does not render. ``as_rendered`` also
unfolds ``<details>``: its tags go, the words in it (the ``<summary>`` line too) stay.
"""

from __future__ import annotations

import bisect
import re

from bot.text import without_spans

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_LINE_OPEN = re.compile(r"^[ \t]*<!--", re.MULTILINE)
_LINE_END = re.compile(r"[ \t]*(?:\n|\Z)")
_SEPARATORS = re.compile(r"[\s:_-]+")
_AUTO = re.compile(r"^(?:this is an? )?auto generated (.+)$")
_START = re.compile(r"^(?:start|begin) (.+)$")
_START_AFTER = re.compile(r"^(.+) (?:start|begin)$")
_OPEN_TAG = re.compile(r"^\s*([A-Za-z][\w.-]*)\s*$")  # <!-- NAME --> closed by <!-- /NAME -->
TOGGLES = frozenset({"ELLIPSIS_HIDDEN"})  # the same marker opens and closes the block
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_FOLD_LINE = re.compile(r"^[ \t]*</?details\b[^>\n]*>[ \t]*(?:\n|\Z)", re.IGNORECASE | re.MULTILINE)
_FOLD_TAG = re.compile(r"</?(?:details|summary)\b[^>\n]*>", re.IGNORECASE)
_SUMMARY_END = re.compile(r"</summary\s*>", re.IGNORECASE)  # a summary is a line of its own


def _norm(content: str) -> str:
    return _SEPARATORS.sub(" ", content.lower()).strip()


def closing_markers(content: str) -> frozenset[str]:
    """The comment contents (``_norm``-ed, or lower-cased for a ``/NAME`` tag) that close a block
    this comment opens; empty when it opens none."""
    norm, raw = _norm(content), content.strip()
    for pattern, end in ((_AUTO, "end of auto generated {}"), (_START, "end {}"), (_START_AFTER, "{} end")):
        match = pattern.match(norm)
        if match:
            return frozenset({end.format(match.group(1))})
    if raw in TOGGLES:
        return frozenset({norm})
    return frozenset({"/" + raw.lower()}) if _OPEN_TAG.match(raw) else frozenset()


def _closed_comments(text: str) -> str:
    """``text`` up to its first comment that never closes (GitHub hides all that follows it), so
    that every ``<!--`` left has its ``-->``: the comment patterns then never rescan to the end."""
    last = text.rfind("-->")
    unclosed = text.find("<!--", last + 3 if last >= 0 else 0)
    return text if unclosed < 0 else text[:unclosed]


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of whole bot blocks, markers included, in order and not overlapping.
    Each comment's closing forms are looked up, not searched for: linear in the comments."""
    comments = list(_COMMENT.finditer(_closed_comments(text)))
    where: dict[str, list[int]] = {}
    for k, comment in enumerate(comments):
        for key in {_norm(comment.group(1)), comment.group(1).strip().lower()}:
            where.setdefault(key, []).append(k)
    spans, i = [], 0
    while i < len(comments):
        later = [where[e][bisect.bisect_right(where[e], i)] for e in closing_markers(comments[i].group(1))
                 if e in where and where[e][-1] > i]
        if not later:
            i += 1
            continue
        j = min(later)
        spans.append(_whole_lines(text, comments[i].start(), comments[j].end()))
        i = j + 1
    return spans


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """A block that fills its lines takes their line break with it."""
    if start == 0 or text[start - 1] == "\n":
        tail = _LINE_END.match(text, end)
        if tail:
            return start, tail.end()
    return start, end


def without_bot_blocks(text: str) -> str:
    """``text`` without the blocks review bots delimit with marker comments."""
    if "<!--" not in text:
        return text
    spans = _blocks(text)
    return _closed_up(without_spans(text, spans)) if spans else text


def without_hidden(text: str) -> str:
    """``text`` without review-bot blocks and without any other HTML comment (an unclosed one
    runs to the end, as GitHub renders it); runs of blank lines left behind are closed up."""
    if "<!--" not in text:
        return text
    shown = _closed_comments(without_bot_blocks(text))
    return _closed_up(_COMMENT.sub("", _without_line_comments(shown)))


def _without_line_comments(text: str) -> str:
    """``text`` without the comments that start their line (after spaces) and end it, each
    with its line break: a comment runs from its "<!--" to the first "-->" after it. One pass,
    remembering the next "-->" (a regex anchored at every line start re-read the text up to it
    from each of them: quadratic on thousands of unclosed "<!--" lines)."""
    kept, pos, close = [], 0, -1
    for m in _LINE_OPEN.finditer(text):
        if m.start() < pos:
            continue
        if close < m.end():
            close = text.find("-->", m.end())
            if close < 0:
                break
        tail = _LINE_END.match(text, close + 3)
        if tail:
            kept.append(text[pos:m.start()])
            pos = tail.end()
    kept.append(text[pos:])
    return "".join(kept)


def _closed_up(text: str) -> str:
    return _BLANK_RUN.sub("\n\n", text).strip()


def as_rendered(text: str) -> str:
    """``without_hidden(text)`` with ``<details>`` unfolded: the tags of ``<details>`` and
    ``<summary>`` removed (a tag alone on its line with its line break), their words kept."""
    text = without_hidden(text)
    if "<" not in text:
        return text
    unfolded = _FOLD_TAG.sub("", _SUMMARY_END.sub("\n", _FOLD_LINE.sub("", text)))
    return _closed_up(unfolded) if unfolded != text else text
