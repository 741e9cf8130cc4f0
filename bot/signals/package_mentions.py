"""Whether a description names a JS library ("chart.js") as a package, for
``claims.mentions_missing_files`` when a package.json changed but its patch is unknown (GitHub
omits the patch of a large diff): the words right around the name say so, a version after it
("chart.js to 4.4.0", "chart.js@4", "to their latest releases") or a dependency word
("bumped chart.js", "the chart.js package"). A list of names shares its cue ("Updated chart.js and
hammer.js to their latest releases"). "Updated `server.js` to use async handlers" says nothing of
the kind: a file. A name in backticks is a file unless a version follows it directly
("`chart.js` to 4.4.0", "`chart.js`@4"), its list goes to the latest with nothing after it but
punctuation or "versions"/"releases" ("Updated `chart.js` and `hammer.js` to their latest
releases", "… to latest."), or a dependency word comes before it: "Updated `server.js` and
`routes.js` to the latest Express 5 API", "to 100% async handlers" or "(2 functions each)" name no
version.

Each list is read once, whatever the number of names in it: a regex reading the rest of a list
from each name took quadratic time ("chart.js, " * 10000: two minutes).
"""

from __future__ import annotations

import bisect
import re

_QUOTES = ("`", "'", '"')
_QUOTE = "[`'\"]?"
_ITEM = re.compile(rf"{_QUOTE}@?[\w/]+(?:[.-][\w/]+)+{_QUOTE}")  # a library in a list: "hammer.js", "chartjs-plugin-zoom"
_JOIN_ITEM = re.compile(rf"\s*(?:,|&|\b(?i:and|or)\b)\s*{_ITEM.pattern}")
# a version: "4.4.0", "v5", "^4.2"; a bare number only as the target of "to" at the end of a
# clause ("to 4."), not "to 100%" nor "to 2 functions"
_VERSION = r"[\^~]?(?:v?\d+(?:\.\d+)+|v\d+|(?<=[\^~])\d+)\b"
_TARGET = rf"(?:{_VERSION}|\d+(?![\w%])(?!\.\d)(?!\s+[A-Za-z%]))(?!\s+(?i:of)\b)"
_DIRECT = re.compile(rf"@[\^~]?v?\d+(?:\.\d+)*\b|\s*\(?\s*{_VERSION}"  # chart.js@4, chart.js 4.4.0, (1.0.1)
                     rf"|\s+(?i:(?:from\s+{_VERSION}\s+)?to|versions?)\s+{_TARGET}")
# after a list of names: its version, "to their latest releases" (not "the latest Express 5 API"), "packages"
_AFTER_LIST = re.compile(rf"{_DIRECT.pattern}"
                         r"|\s*\(?\s*(?i:to\s+(?:(?:the|their|its)\s+)?(?:latest|newest))(?!\s+[A-Z])"
                         r"|\s*(?i:packages?|librar(?:y|ies)|dependenc(?:y|ies))\b")
# after a list of names in backticks: "to their latest releases", "to the latest versions", "to latest."
# ("to the latest Express 5 API" goes on with words: not a version)
_LATEST = re.compile(r"\s*\(?\s*(?i:to\s+(?:(?:the|their|its)\s+)?(?:latest|newest))"
                     r"(?:\s+(?i:(?:stable\s+)?(?:versions?|releases?))\b|(?![ \t]*\w))")
_BEFORE = re.compile(r"\b(?:bump(?:s|ed|ing)?|upgrad(?:e|es|ed|ing)|downgrad(?:e|es|ed|ing)"
                     r"|packages?|librar(?:y|ies)|dependenc(?:y|ies)):?\s+(?:the\s+)?", re.IGNORECASE)


def named_as_package(mention: str, text: str) -> bool:
    """Whether ``text`` names ``mention`` with a version after it or a dependency word before it."""
    led = _led_lists(text)
    list_end, cues = -1, (False, False)  # the list the previous name was in, and its cues (_list_cues)
    for m in re.finditer(rf"(?<![\w.@/-]){re.escape(mention)}(?![\w/-])", text, re.IGNORECASE):
        start, end = m.start(), m.end()
        before, after = text[start - 1: start] if start else "", text[end: end + 1]
        if _in_led_list(led, start - (before in _QUOTES)):
            return True
        if start >= list_end:
            list_end = _list_end(text, end + (after in _QUOTES))
            cues = _list_cues(text, list_end)
        if "`" in (before, after):
            if cues[1] or _DIRECT.match(text, end + (after == "`")):
                return True
        elif cues[0]:
            return True
    return False


def _list_cues(text: str, list_end: int) -> tuple[bool, bool]:
    """Whether what follows a list ending at ``list_end`` names its names as packages: for bare
    names (``_AFTER_LIST``), and for names in backticks (``_LATEST``)."""
    return bool(_AFTER_LIST.match(text, list_end)), bool(_LATEST.match(text, list_end))


def _list_end(text: str, pos: int) -> int:
    """Where the list of names going on at ``pos`` ("…, hammer.js and moment.js") ends."""
    m = _JOIN_ITEM.match(text, pos)
    while m:
        pos = m.end()
        m = _JOIN_ITEM.match(text, pos)
    return pos


def _led_lists(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the lists of names a dependency word heads ("bumped chart.js and
    hammer.js", "the packages: a.js, b.js"), in order."""
    starts: list[int] = []
    ends: list[int] = []
    for cue in _BEFORE.finditer(text):
        first = _ITEM.match(text, cue.end())
        if first and (not ends or cue.end() >= ends[-1]):
            starts.append(cue.end())
            ends.append(_list_end(text, first.end()))
    return starts, ends


def _in_led_list(led: tuple[list[int], list[int]], at: int) -> bool:
    starts, ends = led
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < ends[i]
