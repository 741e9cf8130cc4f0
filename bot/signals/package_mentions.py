"""Whether a description names a JS library ("chart.js") as a package, for
``claims.mentions_missing_files`` when a package.json changed but its patch is unknown (GitHub
omits the patch of a large diff): the words right around the name say so, a version after it
("chart.js to 4.4.0", "chart.js@4", "to their latest releases") or a dependency word
("bumped chart.js", "the chart.js package"). A list of names shares its cue ("Updated chart.js and
hammer.js to their latest releases"). "Updated `server.js` to use async handlers" says nothing of
the kind: a file.
"""

from __future__ import annotations

import re

_QUOTE = "[`'\"]?"
_ITEM = rf"{_QUOTE}@?[\w/]+(?:[.-][\w/]+)+{_QUOTE}"  # another library in a list: "hammer.js", "chartjs-plugin-zoom"
_JOIN = r"\s*(?:,|&|\band\b|\bor\b)\s*"
_VERSION = r"@?[\^~]?v?\d+(?:\.\d+)*\b"
_AFTER = (rf"(?:{_JOIN}{_ITEM})*\s*(?:\(\s*)?"
          rf"(?:(?:from\s+{_VERSION}\s+)?to\s+(?:(?:the|their|its)\s+)?(?:{_VERSION}|latest|newest)"
          rf"|{_VERSION}|versions?\s+{_VERSION}|(?:packages?|librar(?:y|ies)|dependenc(?:y|ies))\b)")
_BEFORE = (r"\b(?:bump(?:s|ed|ing)?|upgrad(?:e|es|ed|ing)|downgrad(?:e|es|ed|ing)"
           r"|packages?|librar(?:y|ies)|dependenc(?:y|ies)):?\s+(?:the\s+)?"
           rf"(?:{_ITEM}{_JOIN})*")


def named_as_package(mention: str, text: str) -> bool:
    """Whether ``text`` names ``mention`` with a version after it or a dependency word before it."""
    name = rf"{_QUOTE}(?<![\w.@/-]){re.escape(mention)}(?![\w/-]){_QUOTE}"
    return bool(re.search(rf"{name}{_AFTER}|{_BEFORE}{name}", text, re.IGNORECASE))
