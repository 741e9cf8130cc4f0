"""``generic_summary_phrasing`` (kind "effort"): the description reads like a generated
summary rather than an explanation: "This PR introduces …" openings, stock section headings
("## Summary", "## Changes Made", "### Key Features") and filler words ("comprehensive",
"robust", "seamless", "ensures", "enhances").

Each kind of phrase adds to the value. The opening counts only where it opens the description
(a "This PR fixes …" further down is an ordinary sentence), and never alone: an ordinary "This
PR adds X" with no stock heading and no filler word stays quiet (training split: all 16 firings
on human PRs were such an opening alone). Filler words inside a sentence that discloses AI use
("I used Claude to ensure comprehensive tests") are the disclosure's, not the summary's.
"""

from __future__ import annotations

import re

from bot.result import SignalHit
from bot.signals import hits
from bot.signals.caseless import Caseless
from bot.signals.disclosure import without_disclosures
from bot.snapshot import PRSnapshot

NAME = "generic_summary_phrasing"
KIND = "effort"

# [^\w\n]*, not \W*: the opening line itself ("---" or "> " before it, not the lines above),
# and no scan across every following blank line from each line start (quadratic)
_OPENING = Caseless(
    r"^[^\w\n]*(?:this|the)\s+(?:pr|pull\s+request|change(?:set)?|commit)\s+"
    r"(?:adds|introduces|implements|updates|fixes|refactors|enhances|improves|addresses|resolves|provides|removes)\b",
    re.MULTILINE,
)
_STOCK_HEADING = Caseless(
    # possessive runs of spaces and a line-end within the line: a heading of 8,000 spaces took 0.6 s
    r"^\s{0,3}#{1,6}\s*+(?:\W\s*+)?(?:summary(?:\s+of\s+changes)?|changes\s+made|key\s+(?:changes|features|improvements)"
    r"|technical\s+details|implementation\s+details|benefits|impact|overview)[^\S\n]*:?[^\S\n]*$",
    re.MULTILINE,
)
_FILLER = Caseless(
    r"\b(?:comprehensive(?:ly)?|robust(?:ness)?|seamless(?:ly)?|streamlin(?:e|es|ed|ing)|ensur(?:e|es|ing)"
    r"|enhanc(?:e|es|ed|ing|ement|ements)|leverag(?:e|es|ed|ing)|facilitat(?:e|es|ing)|maintainability)\b"
)

_FILLER_STEMS = ("comprehensive", "robust", "seamless", "streamlin", "ensur", "enhanc", "leverag", "facilitat",
                 "maintainability")  # one per _FILLER alternative: a cheap check before the scan


_LEAD = re.compile(r"^[^\w]+")  # "> " or "**" before the phrase: not the author's words
_HEADING_LINE = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t].*)?$", re.MULTILINE)
_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+")


def _opens(text: str, start: int) -> bool:
    """Whether the description opens with what starts at ``start``: only headings, rules, quote
    marks and blank lines before it."""
    return not re.search(r"\w", _HEADING_LINE.sub("", text[:start]))


def _opening(text: str) -> re.Match | None:
    """The "This PR adds …" phrase, when it opens the description: the first line that matches
    is the only one that can, every later one has the first before it."""
    m = _OPENING.search(text)
    return m if m and _opens(text, m.start()) else None


def _prose(text: str) -> str:
    """``text`` without what is no sentence of the author's: HTML comments (a template's hidden
    instructions: "Ensure you have added …"), heading lines (the stock ones count on their own;
    a template's "…KEPs (Kubernetes Enhancement Proposals)…" is none) and URLs
    (".../kubernetes/enhancements/issues/5419")."""
    text = hits.without_comments(text)
    if "#" in text:
        text = _HEADING_LINE.sub("", text)
    return _URL.sub(" ", text) if "://" in text or "www." in text else text


def _fillers(text: str) -> list[str]:
    """Filler words in the author's sentences (``_prose``), outside AI-disclosure sentences
    (looked for only once a filler word is found)."""
    if hits.lacks_all(text, _FILLER_STEMS):
        return []
    text = _prose(text)
    found = _FILLER.findall(text)
    if found:
        kept = without_disclosures(text)
        if len(kept) != len(text):
            found = _FILLER.findall(kept)
    return found


def generic_summary_phrasing(snapshot: PRSnapshot) -> SignalHit:
    text = hits.own_body(snapshot)
    headings = _STOCK_HEADING.findall(text) if "#" in text else []
    fillers = _fillers(text)
    if not headings and not fillers:  # the opening alone is how people write too
        return hits.quiet(NAME, KIND)
    opening = _opening(text)
    value = (0.25 if opening else 0.0) + min(0.4, 0.2 * len(headings)) + min(0.35, 0.07 * len(fillers))
    if value < 0.25:
        return hits.quiet(NAME, KIND)
    parts = []
    if opening:
        parts.append(f"opens {hits.quote(_LEAD.sub('', opening.group(0)), 40)}")
    if headings:
        parts.append(f"stock headings {', '.join(hits.quote(h, 30) for h in headings[:3])}")
    if fillers:
        parts.append(f"filler words {', '.join(sorted({f.lower() for f in fillers})[:4])}")
    return hits.fired(NAME, KIND, value, "; ".join(parts))
