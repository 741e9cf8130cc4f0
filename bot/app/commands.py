"""Slash commands in PR comments, with Prow's grammar.

A command is ``/sieve <name>`` at the start of a line (leading spaces allowed, case-insensitive),
anything after the name is ignored, except after ``ok`` and ``exempt``, which record a decision:
only ``cancel`` may follow them, and a line with anything else there (``/sieve ok, cancel``,
``/sieve ok undo``) is an unknown command, answered with help, never a clearance or exemption. Lines inside fenced code blocks (````` or ``~~~``, also one
opened on a list item's line, ``- ````` or ``1. `````, which holds the lines indented under the item),
indented code (4+ spaces or a tab, as in CommonMark), ``>`` quotes and HTML comments (``<!-- -->``,
not shown on GitHub) are not commands, so quoting someone else's ``/sieve ok`` does nothing. Several commands may appear
in one comment; each name counts once, in the order first seen. As Prow's ``/hold cancel``,
``/sieve ok cancel`` and ``/sieve exempt cancel`` undo those two (``CANCELLABLE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAMES = ("ok", "exempt", "rescore", "explain", "help")
NEEDS_WRITE = frozenset({"ok", "exempt", "rescore"})  # "explain" also for the PR author
CANCELLABLE = frozenset({"ok", "exempt"})
# after ok/exempt: "cancel" first, after any punctuation, is the cancel ("ok, cancel", "exempt
# (cancel)", "ok cancel please"); another word for it ("cancelled", "undo", "un-exempt") is refused,
# never read as the decision itself; any other text is a reason ("exempt because it is a revert")
_CANCEL = re.compile(r"^[\W_]*cancel\b")
_TAKES_BACK = re.compile(r"^[\W_]*(?:cancel\w|undo\b|un-?(?:exempt|clear)\w*)")
MAX_BODY = 65_536

_COMMAND = re.compile(r"^ {0,3}/sieve(?:[ \t]+(?P<name>[A-Za-z-]+))?[ \t]*(?P<rest>.*)$",
                      re.IGNORECASE | re.ASCII)  # ASCII: no "ſ" for s, no Kelvin sign for k
# A fence, on its own line or after list markers ("- ```", "1. - ~~~"): the markers' width is how far
# the item's lines are indented, and a line indented less (not blank) ends the item and its fence
# Possessive: the spaces after a marker could also be the next marker's indent, and a line that
# fails to match ("-    " repeated, then "x") tried every split (4^n: a 91-character comment by
# anyone held a worker for hours, and the GIL with it)
_FENCE = re.compile(r"^(?P<item>(?: {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]++)*+) {0,3}(?P<fence>`{3,}|~{3,})")
_CLOSING = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*$")  # no info string: "```python" is code
_QUOTE = re.compile(r"^ {0,3}>")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
# GitHub (CommonMark) ends lines at LF, CR and CRLF only; str.splitlines would also break at
# U+2028, NEL, VT, FF, ..., which GitHub shows inside one line (a quoted "text\u2028/sieve ok")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Command:
    name: str  # one of NAMES, or "unknown"
    raw: str = ""
    cancel: bool = False  # "/sieve ok cancel": undo that command (names in CANCELLABLE only)

    @property
    def needs_write(self) -> bool:
        return self.name in NEEDS_WRITE


def parse(body: str | None) -> list[Command]:
    """The comment's commands in the order written, each once: where a line repeats, its last
    place counts, so "exempt", "exempt cancel", "exempt" ends exempt, as it reads."""
    found: dict[tuple[str, bool], Command] = {}
    for line in _live_lines((body or "")[:MAX_BODY]):
        command = _command(line)
        if command is not None:
            found.pop((command.name, command.cancel), None)
            found[(command.name, command.cancel)] = command
    return list(found.values())


def _command(line: str) -> Command | None:
    match = _COMMAND.match(line)
    if match is None:
        return None
    name = (match.group("name") or "help").lower()
    if match.group("name") is None and match.group("rest"):
        return None  # "/sievex", not our command
    name = name if name in NAMES else "unknown"
    rest = match.group("rest").strip().lower()
    cancel = name in CANCELLABLE and bool(_CANCEL.match(rest))
    if name in CANCELLABLE and not cancel and _TAKES_BACK.match(rest):
        name = "unknown"  # "I meant cancel" written another way must not do the opposite
    return Command(name, raw=line.strip()[:100], cancel=cancel)


def _live_lines(body: str):
    """Lines outside code blocks, quotes and HTML comments (which GitHub does not show)."""
    fence: str | None = None
    indent = 0  # how far the lines of the list item holding the open fence are indented (0: none)
    hidden = False  # inside an HTML comment opened on an earlier line
    for line in _LINE_END.split(body):
        if hidden:
            end = line.find("-->")
            if end < 0:
                continue
            line, hidden = line[end + 3:], False
        if fence is not None and _outside_item(line, indent):
            fence = None  # the list item ended, and the fence with it: this line is read as any other
        opener = _FENCE.match(line)
        if fence is not None:
            if _closes(line[min(indent, _indent(line)):], fence):
                fence = None
        elif opener:
            fence, indent = opener.group("fence"), len(opener.group("item"))
        elif not _QUOTE.match(line):  # a comment opened in a quote ends with the quote
            line = _HTML_COMMENT.sub("", line)
            start = line.find("<!--")
            if start >= 0:
                line, hidden = line[:start], True
            if not _QUOTE.match(line):
                yield line  # indented code never matches: _COMMAND allows at most 3 leading spaces


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _outside_item(line: str, indent: int) -> bool:
    """A line that ends the list item whose lines are indented ``indent`` (a non-blank line indented less)."""
    return indent > 0 and bool(line.strip()) and _indent(line) < indent


def _closes(line: str, fence: str) -> bool:
    """A closing fence for ``fence``: its character, at least as long, nothing after it but blanks."""
    closer = _CLOSING.match(line)
    return bool(closer) and closer.group("fence")[0] == fence[0] and len(closer.group("fence")) >= len(fence)
