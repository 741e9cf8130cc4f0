"""A person's edit of the sticky comment, told from the App's own text.

The App signs each sticky it writes with a digest of its text (a hidden last line). A maintainer
may edit the App's comment (GitHub lets anyone with write access do so), to strike a finding or
add a note for the contributor: that edit is a person's decision, and the App, which never undoes
one, stops editing the comment. A sticky without a digest (written before the App signed them, or
with the digest line removed) is the App's to keep up to date.
"""

from __future__ import annotations

import hashlib
import re

DIGEST_MARKER = "<!-- pr-sieve:digest:{digest} -->"
_SIGNED = re.compile(r"\n?<!-- pr-sieve:digest:([0-9a-f]{16}) -->")  # the last line, unless a person wrote below


def signed(body: str) -> str:
    """``body`` with its digest as the last line."""
    return f"{body.rstrip()}\n{DIGEST_MARKER.format(digest=digest(body))}\n"


def edited(body: str) -> bool:
    """Whether a signed sticky's text is no longer the text the App signed: a person edited it."""
    match = _last(body)
    return match is not None and digest(_without(body, match)) != match.group(1)


def unchanged(body: str, current: str) -> bool:
    """Whether the sticky on GitHub, ``current``, already reads ``body`` (GitHub's line endings and
    trailing blanks aside): no edit is needed. An unsigned one of the same text is not: it is
    signed, once, so that a person's later edit shows."""
    return _normal(body) == _normal(current)


def digest(body: str) -> str:
    """A digest of ``body`` as GitHub may hand it back: line endings and trailing blanks aside."""
    return hashlib.sha256(_normal(body).encode()).hexdigest()[:16]


def _last(body: str) -> re.Match | None:
    found = list(_SIGNED.finditer(body))
    return found[-1] if found else None


def _without(body: str, match: re.Match) -> str:
    return body[:match.start()] + body[match.end():]


def _normal(body: str) -> str:
    return "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").split("\n")).strip()
