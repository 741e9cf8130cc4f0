"""Neutralising untrusted text (titles, bodies, file names, evidence quotes) for GitHub Markdown.

Untrusted text must never ping anyone, run HTML, become a link, cross-reference another issue
or change the layout of the bot's comment. ``inline`` turns any string into one short line of
inert Markdown text; ``code`` puts it into a code span whose fence can never be closed early;
``plain`` is for plain-text fields such as the check run title.
"""

from __future__ import annotations

import re
import unicodedata

ZWJ = "\u200d"  # zero-width joiner: breaks "@user", "#123" and "GH-123" without a visible change
ELLIPSIS = "…"

_URL = re.compile(r"(?i)(?:[a-z0-9+.-]*://|www\.)\S*")
_MENTION = re.compile(r"@")
_ISSUE_REF = re.compile(r"(?i)(#|\bgh-)(?=\d)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~$])")
_ORDERED = re.compile(r"^(\d{1,9})\.")  # "1." opening a line (or a list item) starts an ordered list
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_RE = re.compile("[&<>\"]")
_BACKTICKS = re.compile(r"`+")


class Trusted(str):
    """Text the bot produced itself (already safe Markdown); ``render`` passes it through."""


def one_line(text: object, limit: int) -> str:
    """Printable characters only, whitespace collapsed to single spaces, at most ``limit`` long."""
    cleaned = "".join(ch if _printable(ch) else " " for ch in str(text or ""))
    flat = " ".join(cleaned.split())
    if len(flat) <= limit:
        return flat
    return flat[: max(0, limit - 1)].rstrip() + ELLIPSIS


def plain(text: object, limit: int = 200) -> str:
    """For plain-text fields: one line, no control or format characters, mentions broken."""
    return _MENTION.sub("@" + ZWJ, one_line(text, limit))


def inline(text: object, limit: int = 200) -> Trusted:
    """Untrusted text as inert Markdown on one line."""
    flat = one_line(text, limit)
    flat = _URL.sub(_defang, flat)
    flat = _ISSUE_REF.sub(lambda m: m.group(1) + ZWJ, _MENTION.sub("@" + ZWJ, flat))
    flat = _ORDERED.sub(r"\1\\.", _MD_SPECIAL.sub(r"\\\1", flat))
    return Trusted(_HTML_RE.sub(lambda m: _HTML[m.group(0)], flat))


def code(text: object, limit: int = 120) -> Trusted:
    """Untrusted text in an inline code span (file names, commands): nothing inside is live."""
    flat = one_line(text, limit)
    if not flat:
        return Trusted("")
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    return Trusted(f"{fence} {flat} {fence}")


def _defang(match: re.Match[str]) -> str:
    return match.group(0).replace("://", "[:]//").replace(".", "[.]")


def _printable(ch: str) -> bool:
    category = unicodedata.category(ch)
    return not (category.startswith("C") or category in ("Zl", "Zp"))
