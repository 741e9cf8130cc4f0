r"""The featurizer's two token patterns, tokenised faster with exactly the same tokens.

Tokenising was the largest single cost of batch scoring after the signals (about 0.16 ms of
0.85 ms per PR): ``re.findall`` over the lower-cased description and commit messages, twice.
These changes keep every token and make it cheaper:

- ``WORD_PATTERN`` (``\b\w[\w'-]*\b|[#*`>\-]+``) backtracks over each token's trailing ``'``
  and ``-`` and tests ``\b`` at every position. ``\w+(?:['-]+\w+)*|[#*`>\-]+`` finds the same
  tokens: a token starts where a run of ``\w`` starts (a scan never stands inside a run, since
  every run start matches and the match takes the whole run) and continues through ``'``/``-``
  only while a ``\w`` follows, which is where the old pattern's backtracking ends it. Its
  quantifiers are written possessive (``\w++(?:['-]++\w++)*+|[#*`>\-]++``): giving back a
  character could never let the rest match (after a maximal run of ``\w`` or of joiners
  comes a character that the next part cannot start with, or nothing is required), so the
  tokens are the same and ``re`` keeps no backtracking state per token.
- Text that is ASCII after lower-casing (two thirds of PRs) is tokenised as bytes, where
  ``\w`` is ``[A-Za-z0-9_]`` exactly as Python's Unicode ``\w`` is on ASCII characters. Bytes
  tokens hash to the same columns: ``FeatureHasher`` hashes a str as its UTF-8 bytes. For
  ``PLAIN_PATTERN`` (``\b\w\w+\b``: maximal runs of ``\w`` of length two or more) ASCII text
  is split by ``bytes.translate`` and ``split`` with no regex at all.
- Other text is split the same way after UTF-8 encoding, with every byte of a non-ASCII
  character kept as if it were a word byte: a run that holds one is decoded and split by
  ``PLAIN_PATTERN`` itself. That run's ends are the text's \w boundaries too (the bytes around
  it are ASCII non-word bytes, and a multi-byte character is never cut), so its tokens are the
  text's tokens there; every other run is ASCII and is exactly one \w run of the text.
  ``WORD_PATTERN`` is found likewise by its bytes form with non-ASCII bytes taken as ``\w``:
  an ASCII token is the text's token; one holding a non-ASCII byte is decoded and re-scanned
  by the pattern. Such a token starts and ends at bytes that no token of the text can reach
  across (an ASCII non-word byte that is not a joiner followed by a word byte), and inside it
  the scan is the same scan: the pattern looks at nothing before where it starts.

Tokens come out UTF-8 encoded (``FeatureHasher`` hashes a str as its UTF-8 bytes).

``tests/perf/test_tokens.py`` checks both against scikit-learn's own tokeniser, and
``tests/perf/test_ngrams.py`` the matrices against ``HashingVectorizer.transform``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORD_PATTERN = r"(?u)\b\w[\w'-]*\b|[#*`>\-]+"  # the title-tagged word block's tokens
PLAIN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default token_pattern (the full-text block)

_WORD = re.compile(r"\w++(?:['-]++\w++)*+|[#*`>\-]++")
# Bytes patterns spell \w out as [0-9A-Za-z_] (what it means on bytes): a bitmap test per byte
# instead of a category lookup.
_WORD_ASCII = re.compile(rb"[0-9A-Za-z_]++(?:['-]++[0-9A-Za-z_]++)*+|[#*`>\-]++")
# ... and the UTF-8 one takes every non-ASCII byte as a word byte.
_WORD_UTF8 = re.compile(rb"[0-9A-Za-z_\x80-\xff]++(?:['-]++[0-9A-Za-z_\x80-\xff]++)*+|[#*`>\-]++")
_PLAIN = re.compile(PLAIN_PATTERN)
_WORD_BYTES = b"0123456789_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BLANK_NON_WORD = bytes(b if b in _WORD_BYTES else 32 for b in range(256))  # a bytes.translate table
_BLANK_ASCII_NON_WORD = bytes(b if b in _WORD_BYTES or b >= 128 else 32 for b in range(256))


def word_tokens(text: str) -> list[bytes]:
    """``re.findall(WORD_PATTERN, text)``, UTF-8 encoded."""
    if text.isascii():
        return _WORD_ASCII.findall(text.encode("ascii"))
    found = []
    for token in _WORD_UTF8.findall(text.encode("utf-8", "surrogatepass")):
        if token.isascii():
            found.append(token)
        else:
            found += map(str.encode, _WORD.findall(token.decode("utf-8", "surrogatepass")))
    return found


def plain_tokens(text: str) -> list[bytes]:
    """``re.findall(PLAIN_PATTERN, text)``, UTF-8 encoded."""
    if text.isascii():
        return [t for t in text.encode("ascii").translate(_BLANK_NON_WORD).split() if len(t) > 1]
    found = []
    for run in text.encode("utf-8", "surrogatepass").translate(_BLANK_ASCII_NON_WORD).split():
        if run.isascii():
            if len(run) > 1:
                found.append(run)
        else:  # a lone surrogate (never \w) passes through encoding and decoding unchanged
            found += map(str.encode, _PLAIN.findall(run.decode("utf-8", "surrogatepass")))
    return found


_FAST: dict[str, Callable[[str], list[bytes]]] = {WORD_PATTERN: word_tokens, PLAIN_PATTERN: plain_tokens}


def tokenizer(token_pattern: str) -> Callable[[str], list[bytes]] | None:
    """The fast tokeniser for ``token_pattern`` (UTF-8 encoded tokens), or None when this module has none."""
    return _FAST.get(token_pattern)


def utf8(terms: list[str]) -> list[bytes]:
    """``terms`` UTF-8 encoded, as ``FeatureHasher`` hashes a str; a lone surrogate (half an
    emoji, cut by GitHub or an editor) is kept as its own bytes instead of raising."""
    return [term.encode("utf-8", "surrogatepass") for term in terms]


def bigrams(tokens: list):
    """Adjacent pairs joined by a space, as scikit-learn builds word bigrams (bytes stay bytes)."""
    space = b" " if tokens and isinstance(tokens[0], bytes) else " "
    return map(space.join, zip(tokens, tokens[1:]))
