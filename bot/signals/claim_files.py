"""Which source file a description says a claimed code name is in, for ``mentions_missing_symbols``:
the file named nearest to the name on its line ("Updated `handleSubmit` in
`src/components/EditDialog.tsx` and `loadConfig` in `internal/config/loader.go`", "-
`internal/config/loader.go`: added `retryWithBackoff`"), or none.
"""

from __future__ import annotations

import re

_SPAN = re.compile(r"`([^`\n]{2,80})`")  # as ``symbols`` reads a claimed name
# a source file named in a claim's line: "`handleSubmit` in `src/components/EditDialog.tsx`" (not
# "Node.js", a product)
_SOURCE_PATH = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*(?![A-Z][A-Za-z]*\.js\b)[\w-][\w.-]*\.(?:py|pyi|go|rs|js|jsx"
                          r"|mjs|cjs|ts|tsx|mts|cts|vue|svelte|java|kt|rb|php|cs|swift|scala|c|h|cc|cpp|hpp|m|dart))"
                          r"(?![\w/-])")


def named_files(text: str, symbols: list[str]) -> dict[str, str | None]:
    """For each of ``symbols``, the source file named nearest to it on the first line it is on, or None."""
    found: dict[str, str | None] = {}
    for line in text.splitlines():
        spans = _first_spans(line, symbols, found) if "`" in line else {}
        paths = [(m.start(), m.group(1)) for m in _SOURCE_PATH.finditer(line)] if spans else []
        for symbol, at in spans.items():
            found[symbol] = min(paths, key=lambda p: abs(p[0] - at), default=(0, None))[1]
    return found


def _first_spans(line: str, symbols: list[str], done) -> dict[str, int]:
    """Where each of ``symbols`` not in ``done`` first stands on ``line``: once, however often repeated."""
    spans: dict[str, int] = {}
    for m in _SPAN.finditer(line):
        symbol = m.group(1).strip()
        if symbol in symbols and symbol not in done:
            spans.setdefault(symbol, m.start())
    return spans
