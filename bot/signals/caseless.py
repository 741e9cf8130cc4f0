r"""Case-insensitive regexes that run faster, with exactly the same matches.

``re.IGNORECASE`` folds every character it compares, which makes a scan over a long
description 1.5-3x slower than a case-sensitive one. For a pattern whose letters are all
ASCII lower case, matching ``text`` case-insensitively is the same as matching
``text.lower()`` case-sensitively, position for position, unless the text holds one of the
four characters ``re`` folds onto an ASCII letter (İ ı ſ K): no other character
lower-cases onto ASCII, ``str.lower`` keeps every other character's length, and it never
changes whether a character is ``\w``, ``\s`` or ``\d`` (``tests/perf`` re-checks all of this
against the running Python's Unicode tables). ``Caseless`` scans the lower-cased text that
way and re-matches each hit on the original text at its start (an anchored match: cheap),
so callers get ordinary match objects with the author's own letters. Text holding one of
the four characters is searched with the ``IGNORECASE`` pattern itself.

Most lower-cased texts are ASCII. There the scan runs the pattern compiled with ``re.ASCII``:
on ASCII characters Unicode ``\w``, ``\d`` and ``\b`` are the ASCII ones, and Unicode ``\s``
differs only on the four separators ``\x1c``-``\x1f`` (a text holding one keeps the Unicode
scan). ``re`` then reads a character's class from a small table instead of four Unicode
table calls for each ``\w`` it tests, which makes the scan a third cheaper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


ODD_FOLDS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K: non-ASCII, yet IGNORECASE-equal to i, s or k
_ODD_FOLD = re.compile(f"[{ODD_FOLDS}]")
UNICODE_ONLY_SPACES = "\x1c\x1d\x1e\x1f"  # the ASCII characters Unicode \s holds and ASCII \s does not
_UNICODE_ONLY_SPACE = re.compile(f"[{UNICODE_ONLY_SPACES}]")
_LEADING_LETTER = re.compile(r"[a-z][a-z0-9]|[a-z]$")
TEXT_CACHE = 256  # descriptions whose folded form (and disclosure spans) stay memoised


@lru_cache(maxsize=TEXT_CACHE)
def folded(text: str) -> str | None:
    """``text.lower()`` when it stands in exactly for case-insensitive matching, else None
    (memoised: several signals ask for the same description)."""
    if text.isascii() or not _ODD_FOLD.search(text):
        return text.lower()
    return None


@lru_cache(maxsize=TEXT_CACHE)
def ascii_classes(low: str) -> bool:
    """Whether ``re.ASCII`` matches exactly as Unicode matching does on ``low`` (memoised, like
    ``folded``): an ASCII text without the four separators only Unicode ``\\s`` holds."""
    return low.isascii() and not _UNICODE_ONLY_SPACE.search(low)


def _plain(pattern: str) -> bool:
    """No upper-case letter and no cased non-ASCII character outside escapes (``\\W``, ``\\b`` ...)."""
    bare = re.sub(r"\\.", "", pattern)
    return not any(c.isupper() or (not c.isascii() and c.lower() != c.upper()) for c in bare)


def word_alternatives(alternatives: list[str]) -> str:
    r"""``\b(?:a1|a2|...)`` for alternatives that each start with a letter, written so that ``re``
    can skip straight to the letters they start with: each alternative's first letter comes
    first and the ``\b`` follows it as ``(?<!\w.)`` (the character before that letter is not
    \w, or there is none). A pattern that starts with ``\b`` makes ``re`` try every position of
    the text; one whose alternatives all start with a literal lets it run a fast loop over the
    text until one of those letters turns up. Same alternatives, same order: the same matches.
    The first letter must stand alone (a letter or digit follows it, not a quantifier)."""
    if not all(_LEADING_LETTER.match(a) for a in alternatives):
        raise ValueError("every alternative must start with an ASCII letter followed by a letter or digit")
    return "(?:" + "|".join(f"{a[0]}(?<!\\w.){a[1:]}" for a in alternatives) + ")"


class Caseless:
    """``re.compile(pattern, flags | re.IGNORECASE)`` with faster ``search``/``finditer``/``findall``."""

    def __init__(self, pattern: str, flags: int = 0):
        if not _plain(pattern):
            raise ValueError(f"Caseless needs a pattern without upper-case letters: {pattern[:60]!r}")
        self.regex = re.compile(pattern, flags | re.IGNORECASE)
        self._lower = re.compile(pattern, flags & ~re.IGNORECASE)
        self._ascii = re.compile(pattern, (flags & ~re.IGNORECASE) | re.ASCII)
        if self.regex.groups:
            raise ValueError("Caseless patterns have no capturing groups (findall returns whole matches)")

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def _scan(self, low: str) -> re.Pattern:
        """The case-sensitive pattern for the lower-cased text ``low``."""
        return self._ascii if ascii_classes(low) else self._lower

    def search(self, text: str) -> re.Match | None:
        low = folded(text)
        if low is None:
            return self.regex.search(text)
        m = self._scan(low).search(low)
        return m and self.regex.match(text, m.start())

    def finditer(self, text: str) -> Iterator[re.Match]:
        low = folded(text)
        if low is None:
            yield from self.regex.finditer(text)
            return
        for m in self._scan(low).finditer(low):
            yield self.regex.match(text, m.start())

    def findall(self, text: str) -> list[str]:
        low = folded(text)
        if low is None:
            return self.regex.findall(text)
        return [text[m.start():m.end()] for m in self._scan(low).finditer(low)]

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each match, lazily, as ``finditer`` finds them, without re-matching each
        one on ``text`` (the lower-cased text's spans are the text's, as ``findall`` relies on)."""
        low = folded(text)
        if low is None:
            return map(re.Match.span, self.regex.finditer(text))
        return map(re.Match.span, self._scan(low).finditer(low))

