"""Which source file a description says a claimed code name is in, for ``mentions_missing_symbols``:
only a file the claim puts the name in. After the names: "`x` in/to/into `path`" (with a list:
"`handleSubmit` and `resetForm` in `src/components/EditDialog.tsx`", "`x` and `y` functions to
loader.go"), or a noun phrase and the file in brackets ("`x`, `y` in the config loader
(`internal/config/loader.go`)", "the `x` and `y` helpers (`loader.go`)"). Before them, at the
head of the line: "- `internal/config/loader.go`: added `x`", "In `loader.go`, added `x`",
"Updated `loader.go` to add `x`". A file merely near the name is no home of it: a test ("test in
`EditDialog.test.tsx`"), a reference ("same pattern as `FormDialog.tsx`", "see `client.ts`", "to
`FormDialog.tsx`'s pattern", "to the `FormDialog.tsx` style"). A test file is never a name's home
here, and a name placed in two files has none (None: the caller keeps excusing it).
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
# after a name or a list of names, the file they are in: "in `path`", "(in path", "functions to
# loader.go", "into `path`", "in the config loader (`path`)", "helpers (`path`)"
_NOUN = r"(?:(?:functions?|methods?|handlers?|helpers?|hooks?|callbacks?|utilit(?:y|ies)|types?)\s+)?"
_PREP = r"(?:in|inside|within|into|to)\s+"
# a few words of a noun phrase, none of a reference ("the same way as", "the pattern of")
_PHRASE = (r"(?:(?!(?:as|like|see|of|from|than|same|similar|pattern|style|approach|way)\b)[\w-]+\s+){0,4}")
_IN_FILES = (re.compile(r"\s*" + _NOUN + r"\(?" + _PREP + r"(?:the\s+)?(?:file\s+)?[`\[]?", re.IGNORECASE),
             re.compile(r"\s*" + _NOUN + r"(?:" + _PREP + r"(?:the|a|an|its|their|our)\s+" + _PHRASE + r")?\(`?",
                        re.IGNORECASE))
# after the file, a reference rather than a home: "to `FormDialog.tsx`'s pattern", "to the `x.ts` style"
_REFERENCE = re.compile(r"`?(?:['\u2019]s\b|\s+(?:pattern|style|approach|conventions?|way|layout|format)s?\b)",
                        re.IGNORECASE)
# a line headed by a file: "- `internal/config/loader.go`: added …", "**`loader.go`** - …"
_HEAD = re.compile(r"\s*(?:[-*+]|\d+[.)])?\s*(?:\*\*)?`?")
_LEADING_DOTS = re.compile(r"^(?:\.{1,2}/|/)+")
_HEAD_END = re.compile(r"`?(?:\*\*)?(?::|\s+(?:-|\u2014)\s)")
# a line led by the file its names go in: "In `loader.go`, added …", "Updated `loader.go` to add …"
_LEAD = re.compile(r"\s*(?:[-*+]|\d+[.)])?\s*(?:(?P<in>(?:in|inside|within)\s+)"
                   r"|(?:updat|chang|modif|extend|refactor|edit|rework)\w*\s+)(?:the\s+)?(?:file\s+)?`?",
                   re.IGNORECASE)
_LEAD_IN_END = re.compile(r"`?\s*,")
_LEAD_VERB_END = re.compile(r"`?\s+(?:to\s+(?:add|include|expose|introduce|define|implement|export|use)|with)\b",
                            re.IGNORECASE)

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
    else the file heading or leading the line, for a list after it. A test file gives ""."""
    head, head_end = _heading_file(line) or _leading_file(line) or (None, 0)
    for group, start, end in _name_lists(line):
        path = _file_after(line, end) or (head if start >= head_end else None)
        for symbol in group:
            if symbol in symbols and path:
                yield symbol, "" if filekinds.is_test_path(_relative(path)) else path


def _name_lists(line: str):
    """The code spans of ``line`` grouped into lists ("`a`, `b` and `c`"), each with where it
    starts and ends."""
    group: list[str] = []
    start = end = -1
    for m in _SPAN.finditer(line):
        if group and not _LIST_JOIN.fullmatch(line, end, m.start()):
            yield group, start, end
            group = []
        if not group:
            start = m.start()
        group.append(m.group(1).strip())
        end = m.end()
    if group:
        yield group, start, end


def _file_after(line: str, end: int) -> str | None:
    """The source file named right after a list ending at ``end``: "… in `path`", not a
    reference ("… to `path`'s pattern")."""
    for in_file in _IN_FILES:
        m = in_file.match(line, end)
        path = _SOURCE_PATH.match(line, m.end()) if m else None
        if path:
            return None if _REFERENCE.match(line, path.end()) else path.group(1)
    return None


def _heading_file(line: str) -> tuple[str, int] | None:
    """The source file that heads ``line`` ("- `loader.go`: …") and where it ends, or None."""
    m = _HEAD.match(line)
    path = _SOURCE_PATH.match(line, m.end()) if m else None
    return (path.group(1), path.end()) if path and _HEAD_END.match(line, path.end()) else None


def _leading_file(line: str) -> tuple[str, int] | None:
    """The source file that leads ``line`` ("In `loader.go`, added …", "Updated `loader.go` to
    add …") and where it ends, or None."""
    m = _LEAD.match(line)
    path = _SOURCE_PATH.match(line, m.end()) if m else None
    end = _LEAD_IN_END if m and m.group("in") else _LEAD_VERB_END
    return (path.group(1), path.end()) if path and end.match(line, path.end()) else None


def _relative(path: str) -> str:
    """``path`` without a leading "./", "../" or "/" ("./src/a.ts" is src/a.ts)."""
    return _LEADING_DOTS.sub("", path)
