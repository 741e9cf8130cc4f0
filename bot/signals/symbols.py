"""``mentions_missing_symbols`` (kind "effort"): the description says the PR adds, changes or
removes code names (functions, types, methods, options) or command-line flags that appear
nowhere in the diff: the "describes a change the diff does not make" pattern, for code.

A mention counts only when it is a claim: a code span (```` `parseConfig()` ````,
```` `--dry-run` ````) on a line where a change verb ("added", "renamed", "now supports", ...)
comes before it. Code spans that are not code names (plain words, commands with spaces, file
paths, which ``mentions_missing_files`` reads) do not count. A name is found when it occurs
anywhere in the patch text (changed and context lines, hunk headers) or in a changed path;
for a qualified name (``config.Load``, ``Client::send``) its last part or a qualifier is
enough. A flag is found from the field it is derived from: ``--dry-run`` in ``dry_run: bool``
(clap) or ``DryRun bool`` (kong), compared without case, ``-`` or ``_``.

A patch shows 3 lines of context, and git's hunk header names the nearest line that starts at
column 0: for a method changed more than 3 lines below its signature that is the class
(``class Client:``, ``impl Client {``), never the method. So when a hunk changes indented lines
under a header that names no function, a code name missing from the diff may still be the
method the hunk is inside: it is not counted as missing (flags still are).

Quiet unless every changed file comes with its whole patch (a binary or oversized file could
hold the name), so offline records without patches never fire it. It takes two missing names,
at least half of those claimed, to fire: one related function named in passing is common in
careful descriptions.
"""

from __future__ import annotations

import re

from bot.result import SignalHit
from bot.signals import hits
from bot.snapshot import PRSnapshot

NAME = "mentions_missing_symbols"
KIND = "effort"
MIN_MISSING = 2
MAX_CLAIMS = 30
VERB_WINDOW = 60  # characters before a code span in which a change verb makes it a claim

_SPAN = re.compile(r"`([^`\n]{2,80})`")
_FLAG = re.compile(r"^--?[A-Za-z][\w-]*$")
_NAME = re.compile(r"^[A-Za-z_]\w*(?:(?:\.|::|->|#)[A-Za-z_]\w*)*(?:\(\))?$")
CHANGE_VERB = re.compile(
    r"\b(?:add(?:ed|s|ing)?|introduc(?:e|ed|es|ing)|implement(?:ed|s|ing)?|creat(?:e|ed|es|ing)|new"
    r"|renam(?:e|ed|es|ing)|refactor(?:ed|s|ing)?|updat(?:e|ed|es|ing)|modif(?:y|ied|ies)|chang(?:e|ed|es)"
    r"|extend(?:ed|s)?|extract(?:ed|s)?|expos(?:e|ed|es)|remov(?:e|ed|es)|delet(?:e|ed|es)|replac(?:e|ed|es)"
    r"|deprecat(?:e|ed|es)|now\s+(?:supports?|accepts?|takes|returns|uses))\b",
    re.IGNORECASE,
)
_CODE_SHAPE = re.compile(r"[a-z][A-Z]|[.:#>]")  # camelCase, or a qualified name
_FLAG_FOLD = re.compile(r"[-_]")  # "--dry-run", "dry_run" and "DryRun" all read "dryrun"
# a hunk header that is a container, not a function: "class Client(Base):", "impl Client {", "type T struct {"
_CONTAINER = re.compile(
    r"(?:(?:export|public|private|protected|internal|abstract|final|sealed|static|partial|data|default"
    r"|pub(?:\([^)]*\))?|unsafe)\s+)*(?:class|struct|impl|interface|trait|object|enum|record|namespace|module"
    r"|mod|type|extension)\b")
_CALL_SHAPE = re.compile(r"\w\s*\(")
_FILE_LIKE = re.compile(r"\.(?:py|go|rs|js|ts|tsx|jsx|java|rb|md|ya?ml|json|toml|sh|txt|cfg|ini|lock|mod)$",
                        re.IGNORECASE)


def mentions_missing_symbols(snapshot: PRSnapshot) -> SignalHit:
    body = hits.author_body(snapshot)
    claimed = claimed_symbols(hits.without_attribution(body)) if "`" in body else []
    text = _diff_text(snapshot) if len(claimed) >= MIN_MISSING else None  # most PRs stop before the patches
    if text is None:
        return hits.quiet(NAME, KIND)
    folded = _FLAG_FOLD.sub("", text.lower())
    missing = [s for s in claimed if not _present(s, text, folded)]
    if any(_hides_scope(c.patch) for c in hits.files(snapshot)):
        missing = [s for s in missing if s.startswith("-")]  # a name may be the method a hunk is inside
    if len(missing) < MIN_MISSING or 2 * len(missing) < len(claimed):
        return hits.quiet(NAME, KIND)
    shown = ", ".join(f"`{s}`" for s in missing[:3]) + (" …" if len(missing) > 3 else "")
    return hits.fired(NAME, KIND, len(missing) / len(claimed),
                      f"says it changes {shown} ({len(missing)} of {len(claimed)} named), "
                      "but no changed line, context or path of the diff holds them")


def claimed_symbols(text: str) -> list[str]:
    """Code names and flags in code spans that follow a change verb on the same line, in order."""
    found: dict[str, None] = {}
    for line in text.splitlines():
        if "`" not in line:
            continue
        for m in _SPAN.finditer(line):
            symbol = m.group(1).strip()
            if _is_symbol(symbol) and CHANGE_VERB.search(line, max(0, m.start() - VERB_WINDOW), m.start()):
                found.setdefault(symbol, None)
    return list(found)[:MAX_CLAIMS]


def _is_symbol(span: str) -> bool:
    """A flag, or a name that reads as code rather than a word: ``snake_case``, ``camelCase``,
    ``call()`` or ``qualified.name``."""
    if _FLAG.match(span):
        return True
    if not _NAME.match(span) or _FILE_LIKE.search(span):
        return False
    core = span.removesuffix("()")
    return span.endswith("()") or "_" in core.strip("_") or bool(_CODE_SHAPE.search(core))


def _present(symbol: str, diff_text: str, folded: str) -> bool:
    """``folded``: ``diff_text`` lower-cased without ``-`` and ``_`` (flags are matched that way)."""
    if symbol.startswith("-"):
        return _FLAG_FOLD.sub("", symbol.lower()) in folded
    parts = re.split(r"\.|::|->|#", symbol.removesuffix("()"))
    return any(re.search(rf"(?<![\w]){re.escape(part)}(?!\w)", diff_text) for part in parts if part)


def _hides_scope(patch: str) -> bool:
    """Whether a hunk changes indented lines under a header that names no function (empty, or a
    class/impl/struct line): the method the change is inside is not on any line of the patch."""
    header, indented = None, False
    for line in patch.splitlines():
        if line.startswith("@@"):
            if header is not None and indented and _names_no_function(header):
                return True
            header, indented = line.split("@@", 2)[-1].strip(), False
        elif line[:1] in "+-" and line[1:2] in (" ", "\t") and line[1:].strip():
            indented = True
    return header is not None and indented and _names_no_function(header)


def _names_no_function(header: str) -> bool:
    return not header or bool(_CONTAINER.match(header)) or not _CALL_SHAPE.search(header)


def _diff_text(snapshot: PRSnapshot) -> str | None:
    """Every changed path and whole patch, or None when a file's patch is missing or cut."""
    if not hits.files_complete(snapshot):
        return None
    changes = hits.files(snapshot)
    if not all(hits.whole_patch(c) and len(c.patch) <= hits.PATCH_LIMIT for c in changes):
        return None
    if sum(len(c.patch) for c in changes) > hits.PATCH_BUDGET:
        return None
    return "\n".join([c.path for c in changes] + [c.patch for c in changes])
