"""Loaders build ``PRSnapshot`` values from the formats PR Sieve reads."""

from __future__ import annotations

MAX_COUNT = 10**9  # more lines or files than any PR has: damage, not a count


class LoadError(ValueError):
    """A record or file that cannot be turned into a snapshot; the message names it."""


def count_or_none(value) -> int | None:
    """A line, file or PR-number count as read from JSON: an int (not a bool) in 0..MAX_COUNT,
    or a string of ASCII digits in that range (``"12"``, as some exports write numbers), else None
    (unknown). Negative or astronomic numbers would break the ratios and logs the signals and
    features take of them."""
    if isinstance(value, str):
        value = _digits(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT:
        return value
    return None


def _digits(text: str) -> int | None:
    """``text`` as a count when it is ASCII digits only (no sign, point or exponent), else None."""
    if text.isascii() and text.isdigit() and len(text.lstrip("0")) <= len(str(MAX_COUNT)):
        return int(text)
    return None
