"""Which source file a description says a claimed code name is in, for ``mentions_missing_symbols``:
only a file the claim puts the name in, "`x` in `path`" (with a list: "`handleSubmit` and
`resetForm` in `src/components/EditDialog.tsx`") or a line headed by the file ("-
`internal/config/loader.go`: added `retryWithBackoff`"). A file merely
near the name is no home of it: a test ("test in `EditDialog.test.tsx`"), a reference ("same
pattern as `FormDialog.tsx`", "see `client.ts`"). A test file is never a name's home here, and a
name placed in two files has none (None: the caller keeps excusing it).
"""

from __future__ import annotations

import re

from bot.signals import filekinds

_SPAN = re.compile(r"`([^`\n]{2,80})`")  # as ``symbols`` reads a claimed name
# a source file: "`handleSubmit` in `src/components/EditDialog.tsx`"; not a bare "Node.js" or "Vue.js"
# (a product), but "src/utils/RetryPolicy.js" and "UserList.js" are files
_SOURCE_PATH = re.compile(r"(?<![\w/.-])(?![A-Z][a-z\d]*\.js\b(?![\w/-]))"
                          r"((?:\.{0,2}/)?(?:[\w.-]+/)*[\w-][\w.-]*\.(?:py|pyi|go|rs|js|jsx"
                          r"|mjs|cjs|ts|tsx|mts|cts|vue|svelte|java|kt|rb|php|cs|swift|scala|c|h|cc|cpp|hpp|m|dart))"
                          r"(?![\w/-])")
# between two names of one list: ", ", " and ", ", and ", " or ", " / "
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&|/)\s+|/)", re.IGNORECASE)
# after a name or a list of names, the file they are in: "in `path`", "(in path", "methods inside the `path` file"
_IN_FILE = re.compile(r"\s*(?:(?:functions?|methods?|handlers?|helpers?|hooks?|callbacks?)\s+)?\(?"
                      r"(?:in|inside|within)\s+(?:the\s+)?(?:file\s+)?[`\[]?", re.IGNORECASE)
# a line headed by a file: "- `internal/config/loader.go`: added …", "**`loader.go`** - …"
_HEAD = re.compile(r"\s*(?:[-*+]|\d+[.)])?\s*(?:\*\*)?`?")
_LEADING_DOTS = re.compile(r"^(?:\.{1,2}/|/)+")
_HEAD_END = re.compile(r"`?(?:\*\*)?(?::|\s+(?:-|\u2014)\s)")


def named_files(text: str, symbols: list[str]) -> dict[str, str | None]:
    """For each of ``symbols``, the source file the text puts it in, or None (no file, a test file,
    or two different files)."""
    homes: dict[str, set[str]] = {}
    for line in text.splitlines():
        if "`" in line:
            for symbol, path in _homes_on(line, symbols):
                homes.setdefault(symbol, set()).add(_relative(path))
    found: dict[str, str | None] = dict.fromkeys(symbols)
    for symbol, paths in homes.items():
        paths.discard("")
        found[symbol] = next(iter(paths)) if len(paths) == 1 else None
    return found


def _homes_on(line: str, symbols: list[str]):
    """``(symbol, path)`` for each of ``symbols`` this line puts in a file: its list's "in `path`",
    else the file heading the line. A test file gives ""."""
    head = _heading_file(line)
    for group, end in _name_lists(line):
        path = _file_after(line, end) or head
        for symbol in group:
            if symbol in symbols and path:
                yield symbol, "" if filekinds.is_test_path(_relative(path)) else path


def _name_lists(line: str):
    """The code spans of ``line`` grouped into lists ("`a`, `b` and `c`"), each with where it ends."""
    group: list[str] = []
    end = -1
    for m in _SPAN.finditer(line):
        if group and not _LIST_JOIN.fullmatch(line, end, m.start()):
            yield group, end
            group = []
        group.append(m.group(1).strip())
        end = m.end()
    if group:
        yield group, end


def _file_after(line: str, end: int) -> str | None:
    """The source file named right after a list ending at ``end``: "… in `path`"."""
    m = _IN_FILE.match(line, end)
    path = _SOURCE_PATH.match(line, m.end()) if m else None
    return path.group(1) if path else None


def _heading_file(line: str) -> str | None:
    """The source file that heads ``line`` ("- `loader.go`: …"), or None."""
    m = _HEAD.match(line)
    path = _SOURCE_PATH.match(line, m.end()) if m else None
    return path.group(1) if path and _HEAD_END.match(line, path.end()) else None


def _relative(path: str) -> str:
    """``path`` without a leading "./", "../" or "/" ("./src/a.ts" is src/a.ts)."""
    return _LEADING_DOTS.sub("", path)
