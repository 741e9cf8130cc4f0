"""``mentions_missing_symbols`` (kind "effort"): the description says the PR adds, changes or
removes code names (functions, types, methods, options) or command-line flags that appear
nowhere in the diff: the "describes a change the diff does not make" pattern, for code.

A mention counts only when it is a claim: a code span (```` `parseConfig()` ````,
```` `--dry-run` ````) on a line where a change verb ("added", "renamed", "now supports", ...)
comes before it. Code spans that are not code names (plain words, commands with spaces, file
paths, which ``mentions_missing_files`` reads) do not count. A name is found when it occurs
anywhere in the patch text (changed and context lines, hunk headers) or in a changed path;
for a qualified name (``config.Load``, ``Client::send``) its last part must be there, or its
qualifier must be a type the diff defines (``class Client``, ``impl Client``, ``func (c *Client)``):
a receiver (``self``, ``this``) or a package name found elsewhere in the diff proves nothing. A
flag is found from the field it is derived from: ``--dry-run`` in ``dry_run: bool`` (clap) or
``DryRun bool`` (kong), compared without case, ``-`` or ``_``.

A patch shows 3 lines of context, and git's hunk header names the nearest line that starts at
column 0: for a method changed more than 3 lines below its signature that is the class
(``class Client:``, ``impl Client {``), never the method. So when a hunk of a code file whose
methods nest in types changes indented lines under a class/impl/struct-like header, a name that
could be a method of that type (unqualified, or qualified by the type's name) is not counted as
missing. Functions nest in functions and object literals too (a React handler, a Vue option, a
Flask route inside ``create_app``): in a Python or JS/TS/Vue/Svelte file, a hunk whose header
opens a function or an object literal (``def``, ``function``, ``=>``, ``export default {``) and
that changes a line two indentation levels deep (in the hunk's own unit, 2 or 4 columns) hides
unqualified names, unless the hunk shows that line's enclosing line one level under the header
(an ``if`` or ``for`` of the outer function's own body), and only names whose claim names no
file or names that one ("`loadConfig` in `loader.go`" is not in a React handler). Other headers,
names, flags, and files such as Go, YAML, package.json or Markdown (an indented line there is no
method body) excuse nothing.

Quiet unless every changed file comes with its whole patch (a binary or oversized file could
hold the name), so offline records without patches never fire it. It takes two missing names,
at least half of those claimed, to fire: one related function named in passing is common in
careful descriptions.
"""

from __future__ import annotations

import math
import re

from bot.result import SignalHit
from bot.signals import claim_files, hits
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
# a hunk header that is a type or scope, not a function: "class Client(Base):", "impl<T> Display for Client<T> {"
_MODIFIERS = (r"(?:(?:export|public|private|protected|internal|abstract|final|sealed|static|partial|data|default"
              r"|pub(?:\([^)]*\))?|unsafe)\s+)*")
_TYPE_WORDS = "class|struct|impl|interface|trait|object|enum|record|extension"
_GENERICS = r"(?:\s*<[^>{\n]{0,80}>)?"  # bounded: a line of "class<class<…" is scanned once per word
_CONTAINER = re.compile(_MODIFIERS + "(?:" + _TYPE_WORDS + r"|namespace|module|mod)\b(?![.=])"
                        + _GENERICS + r"\s*([A-Za-z_]\w*)?")
_IMPL_FOR = re.compile(r"\bfor\s+([A-Za-z_]\w*)")
# code whose methods sit indented inside their type (not Go or C: a function there starts at column 0)
_NESTING_CODE = re.compile(r"\.(?:py|pyi|rb|java|kt|kts|scala|groovy|cs|js|jsx|mjs|cjs|ts|tsx|mts|cts|vue|svelte"
                           r"|rs|swift|php|cpp|cc|cxx|hpp|hh|hxx|h|m|mm|dart)$", re.IGNORECASE)
# code whose functions nest in functions and object literals (a React handler, a Vue option, a
# Flask route in create_app) with its indentation unit: a change two units deep may be inside one
_NESTED_FUNCTIONS = {re.compile(r"\.pyi?$", re.IGNORECASE): 4,
                     re.compile(r"\.(?:jsx?|mjs|cjs|tsx?|mts|cts|vue|svelte)$", re.IGNORECASE): 2}
_QUALIFIER_SEP = re.compile(r"\.|::|->|#")
_RECEIVERS = frozenset({"self", "this", "cls", "super", "Self", "base", "me", "it"})
_FILE_LIKE = re.compile(r"\.(?:py|go|rs|js|ts|tsx|jsx|java|rb|md|ya?ml|json|toml|sh|txt|cfg|ini|lock|mod)$",
                        re.IGNORECASE)


def mentions_missing_symbols(snapshot: PRSnapshot) -> SignalHit:
    body = hits.without_attribution(hits.author_body(snapshot))
    claimed = claimed_symbols(body) if "`" in body else []
    text = _diff_text(snapshot) if len(claimed) >= MIN_MISSING else None  # most PRs stop before the patches
    if text is None:
        return hits.quiet(NAME, KIND)
    folded = _FLAG_FOLD.sub("", text.lower())
    missing = [s for s in claimed if not _present(s, text, folded)]
    scopes, nested = _hidden_scopes(snapshot) if missing else (frozenset(), ())
    named = claim_files.named_files(body, missing) if nested else {}
    missing = [s for s in missing  # inside a hunk, above its lines
               if not _could_be_method(s, scopes) and not _nested_in(s, nested, named.get(s))]
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
    """``folded``: ``diff_text`` lower-cased without ``-`` and ``_`` (flags are matched that way).
    A qualified name needs its last part, or a qualifier that is a type the diff defines."""
    if symbol.startswith("-"):
        return _FLAG_FOLD.sub("", symbol.lower()) in folded
    parts = [p for p in _QUALIFIER_SEP.split(symbol.removesuffix("()")) if p]
    if re.search(rf"(?<!\w){re.escape(parts[-1])}(?!\w)", diff_text):
        return True
    return len(parts) > 1 and parts[-2] not in _RECEIVERS and _defines(parts[-2], diff_text)


def _defines(name: str, diff_text: str) -> bool:
    """Whether the diff declares type ``name``: ``class Client``, ``impl<T> Client``, ``impl Trait
    for Client``, ``type Client struct`` or a Go method on it, ``func (c *Client)``."""
    n = re.escape(name)
    return bool(re.search(r"\b(?:" + _TYPE_WORDS + r"|type)" + _GENERICS + r"\s+" + n + r"\b"
                          r"|\bimpl\b[^\n{]{0,120}?\bfor\s+" + n + r"\b"
                          r"|\bfunc\s*\(\s*(?:\w+\s+)?(?:\*\s*)?" + n + r"\b", diff_text))


def _could_be_method(symbol: str, scopes: frozenset[str]) -> bool:
    """A name a hunk under one of ``scopes`` (type names, "" for a nameless one) may be inside:
    unqualified, or qualified by one of those types. Never a flag."""
    if not scopes or symbol.startswith("-"):
        return False
    parts = [p for p in _QUALIFIER_SEP.split(symbol.removesuffix("()")) if p]
    return len(parts) == 1 or parts[-2] in scopes


def _hidden_scopes(snapshot: PRSnapshot) -> tuple[frozenset[str], tuple[str, ...]]:
    """Names of the types whose methods a hunk of a code file may be changing unseen, and the
    paths of the files with a hunk changing lines nested two levels under a function or object."""
    found: set[str] = set()
    nested = []
    for change in hits.files(snapshot):
        if change.patch and _NESTING_CODE.search(change.path):
            unit = _nesting_unit(change.path)
            for header, depth in _hiding_headers(change.patch, unit or 4):
                found |= _container_names(header)
            if unit and _hides_nested_function(change.patch, unit):
                nested.append(change.path)
    return frozenset(found), tuple(nested)


def _nested_in(symbol: str, nested: tuple[str, ...], named: str | None) -> bool:
    """An unqualified name a function nested in a hunk of one of the ``nested`` files may hold:
    the file its claim names (``named``), when it names one, must be one of them ("`loadConfig` in
    `internal/config/loader.go`" is not in a React component's handler)."""
    if not nested or symbol.startswith("-") or _QUALIFIER_SEP.search(symbol):
        return False
    return named is None or any(("/" + p.lower()).endswith("/" + named.lower()) for p in nested)


# a hunk header that opens a function or an object literal whose members are functions: "def
# create_app(config):", "export function EditDialog(props) {", "const useStore = create((set) => ({",
# "export default {" (Vue options)
_FUNCTION_HEADER = re.compile(r"^\s*(?:async\s+)?def\s+\w"
                              r"|\bfunction\b|=>"
                              r"|(?:=|\bexport\s+default|\(|:)\s*\{\s*$")


def _hides_nested_function(patch: str, default_unit: int) -> bool:
    """Whether a hunk under a function or object-literal header changes a line that may sit in a
    function nested inside it, above what the hunk shows: a line two indentation levels deep
    whose enclosing line one level under the header is not in the hunk. A line under an ``if`` or
    ``for`` the hunk shows ("    if args.verbose:" over "        level = …") is the outer function's
    own body, and so is every line of a 4-space file one level deep. The indentation unit is the
    hunk's own (2 or 4 columns, from its lines), else the language's."""
    for header, lines in _hunks(patch):
        if not _FUNCTION_HEADER.search(header):
            continue
        unit = _indent_unit([d for _, d in lines if d], default_unit)
        shallowest = None  # the least indentation of the non-blank lines above
        for changed, depth in lines:
            if changed and depth >= 2 * unit and (shallowest is None or shallowest > unit):
                return True
            shallowest = depth if shallowest is None else min(shallowest, depth)
    return False


def _hunks(patch: str):
    """``(header, [(changed, indentation), …])`` per hunk, for its non-blank lines, a tab counting
    ``_TAB`` columns (one level whatever the unit ``_indent_unit`` then finds)."""
    header, lines = None, []
    for line in patch.splitlines():
        if line.startswith("@@"):
            if header is not None:
                yield header, lines
            header, lines = line.split("@@", 2)[-1].strip(), []
        elif header is not None and line[:1] in "+- " and line[1:].strip() and not line.startswith(("+++", "---")):
            body = line[1:]
            lead = body[:len(body) - len(body.lstrip(" \t"))]
            lines.append((line[0] != " ", lead.count(" ") + _TAB * lead.count("\t")))
    if header is not None:
        yield header, lines


_TAB = 4


def _indent_unit(depths: list[int], default: int) -> int:
    """The hunk's indentation unit: 4 when every indentation is a multiple of 4, 2 when of 2, else
    ``default`` (continuation lines aligned to a bracket say nothing)."""
    if not depths:
        return default
    g = 0
    for d in depths:
        g = math.gcd(g, d)
    return 4 if g % 4 == 0 else 2 if g % 2 == 0 else default


def _nesting_unit(path: str) -> int:
    """The indentation unit of a language whose functions nest in functions or objects, else 0."""
    return next((unit for kind, unit in _NESTED_FUNCTIONS.items() if kind.search(path)), 0)


def _hiding_headers(patch: str, tab: int):
    """Hunk headers over a hunk that changes an indented line, with the deepest changed line's
    indentation in columns (a tab counts ``tab``): the line a method would be on is above what
    the patch shows."""
    header, depth = None, 0
    for line in patch.splitlines():
        if line.startswith("@@"):
            if header is not None and depth:
                yield header, depth
            header, depth = line.split("@@", 2)[-1].strip(), 0
        elif line[:1] in "+-" and line[1:2] in (" ", "\t") and line[1:].strip():
            lead = line[1:len(line) - len(line[1:].lstrip(" \t"))]
            depth = max(depth, lead.count(" ") + tab * lead.count("\t"))
    if header is not None and depth:
        yield header, depth


def _container_names(header: str) -> set[str]:
    """``{"Client"}`` for ``class Client(Base):``, ``{"Display", "Client"}`` for ``impl Display for
    Client {``; empty when the header is no type or scope (a function, a YAML key, nothing)."""
    m = _CONTAINER.match(header)
    if not m:
        return set()
    names = {m.group(1) or ""}
    if header.lstrip().startswith(("impl", "unsafe impl")):
        names.update(_IMPL_FOR.findall(header))
    return names


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
