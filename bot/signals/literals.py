"""One-line string literals in code or prose, for ``whitespace_or_format_only``: '"', "'" or "`" to the
same quote on its line, escapes honoured.

Split in one left-to-right pass (``split``). As one regex, every quote of a line of escaped quotes
with no closing one was read to the line's end: quadratic in the line's length.
"""

from __future__ import annotations

import re

# One-line string literals, escapes honoured: '"', "'" or "`" to the same quote on its line
# (``split``). In prose "don't … isn't" is no literal: only '"' and "`" open one there.
CODE_QUOTES, PROSE_QUOTES = "\"'`", "\"`"
_OPENER = {quotes: re.compile(f"[{quotes}]") for quotes in (CODE_QUOTES, PROSE_QUOTES)}
_LITERAL_BODY = {q: re.compile(rf"(?:[^{q}\\\n]|\\.)*+") for q in CODE_QUOTES}


def split(text: str, quotes: str) -> list[str]:
    """``text`` split as ``re.split`` splits on a literal: the text between literals at even indexes,
    the literals at odd ones. One left-to-right pass: a quote whose literal does not close on its line
    marks where its scan stopped, and a later quote of that kind before that point is not read again
    (it was an escaped one of that scan, so its own scan would stop there too). As one regex (each
    quote read to the end of a line of escaped quotes, from each of them) it took quadratic time."""
    parts, start, pos = [], 0, 0
    stopped = dict.fromkeys(quotes, 0)  # per quote kind: a literal opened before this never closes
    while m := _OPENER[quotes].search(text, pos):
        i, q = m.start(), m.group()
        pos = i + 1
        if i < stopped[q]:
            continue
        end = _LITERAL_BODY[q].match(text, pos).end()
        if text.startswith(q, end):
            parts += [text[start:i], text[i:end + 1]]
            start = pos = end + 1
        else:
            stopped[q] = end
    parts.append(text[start:])
    return parts
