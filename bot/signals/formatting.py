"""``whitespace_or_format_only`` (kind "effort"): the patches change only whitespace or
formatting (re-indentation, line re-wrapping, quote style, trailing commas/semicolons).

Layout is whitespace outside string literals, except a gap between two word characters (``Install
the`` is not ``Installthe``, in prose and in code). A literal's text is kept as written:
``"Error:"`` → ``"Error: "`` is a real change. Its quote kind is kept too, except where single
and double quotes mean the same (JavaScript/TypeScript, CSS, Lua, HTML: ``'a'`` → ``"a"`` is
layout). Elsewhere the quote kind is the meaning: a shell or PHP single quote does not expand
``$name``, SQL double quotes name a column, C single quotes make a char; a backtick (a JS
template literal) is never folded. A trailing ``;`` is layout only where the language makes it
optional (JS/TS, Go, Kotlin, Scala, Swift): in Rust ``s;`` → ``s`` returns the value. In prose
files (docs, .md/.rst/.txt) an apostrophe does not open a literal.

Whitespace the language reads is kept (``_mark_gaps``): around ``=``, ``[`` and ``]`` in shell
(``X = 1`` runs a command X), before ``.``/``:``/``#``/``[`` on a CSS selector line (``.a .b`` is a
descendant), after a Markdown line's ``#`` or list marker, a line break after ``return`` in JS/TS
(automatic semicolon insertion), and after a C ``#define`` name (``F (x)`` is object-like). A
trailing comma is never layout in ``.json``, nor before ``)`` in Rust (``(x,)`` is a 1-tuple; a comma
inside generic brackets, ``(HashMap<A, B>,)``, is no element of the group; one between two
comparisons, ``f(a < b, c > d,)``, is).

A renamed or copied file is not format-only whatever its patch: moving it is the change (a
package moved and gofmt'd). Moved files are left out of the judgement: a PR that is mostly moves
(as many moved files as others, or more) stays quiet; one that reformats many files and moves a
few still fires, at the share of files that are format-only, and its evidence names the moves.

Judged from ``FileChange.patch`` (GitHub hunk text, no file headers) by comparing the removed
and added lines with layout normalised away. Quiet when any file's patch is unknown, since
a binary or oversized file could hide a real change (a patch an export cut counts as unknown).
"""

from __future__ import annotations

import re

from bot.result import SignalHit
from bot.signals import filekinds, hits, literals
from bot.snapshot import PRSnapshot

NAME = "whitespace_or_format_only"
KIND = "effort"

_LAYOUT = re.compile(r"\s+")
_WORD_GAP = re.compile(r"(?<=\w)\s++(?=\w)")  # a word boundary: kept as one space
_TRAILING_SEMI = re.compile(r";+$")
_COMMA_BEFORE_CLOSER = re.compile(r",(?=[)\]}])")
_INDENT_SENSITIVE = re.compile(r"\.(py|pyi|ya?ml|coffee|haml|pug|sass|nim)$|(^|/)(GNU)?[Mm]akefile$")
# languages where 'a' and "a" are the same literal, and where a line's trailing ";" is optional
_SAME_QUOTES = re.compile(r"\.(?:[cm]?[jt]sx?|vue|svelte|css|scss|less|lua|html?)$", re.IGNORECASE)
_OPTIONAL_SEMI = re.compile(r"\.(?:[cm]?[jt]sx?|vue|svelte|go|kts?|scala|swift)$", re.IGNORECASE)
_MOVED = ("renamed", "copied")
_PROSE_EXT = re.compile(r"\.(md|mdx|markdown|rst|txt|adoc|asciidoc|org)$", re.IGNORECASE)

# Whitespace that carries meaning, marked before layout is squeezed away (the mark is neither
# whitespace nor a word character, so a side without the gap reads differently)
_MARK = "\x02"
_SHELL = re.compile(r"\.(?:sh|bash|zsh|ksh|bats)$", re.IGNORECASE)
_SHELL_GAP = re.compile(r"(?<=\S)(?=[ \t]++[=\[\]])|(?<=[=\[\]])(?=[ \t]++\S)")  # `X = 1` runs X; `[-f` is no test
_CSS = re.compile(r"\.(?:css|scss|less)$", re.IGNORECASE)
_CSS_GAP = re.compile(r"(?<=[\w\])*])(?=[ \t]++[.:#\[])")  # `.a .b` is a descendant, `.a.b` one element
_MARKDOWN = re.compile(r"\.(?:md|mdx|markdown)$", re.IGNORECASE)
_MARKDOWN_GAP = re.compile(r"^([ \t]*+(?:#{1,6}|[-*+]|\d{1,9}[.)]))(?=[ \t])", re.MULTILINE)  # `#Title` is no heading
_JS = re.compile(r"\.(?:[cm]?[jt]sx?|vue|svelte)$", re.IGNORECASE)
_JS_GAP = re.compile(r"\b(?:return|throw|break|continue|yield)(?=[ \t]*+\n)")  # automatic semicolon insertion
_C = re.compile(r"\.(?:c|h|cc|cpp|cxx|hpp|hh|hxx|m|mm)$", re.IGNORECASE)
_C_GAP = re.compile(r"(#[ \t]*+define[ \t]++\w++)(?=[ \t]++\()")  # `#define F (x)` is object-like
# Where a trailing comma is meaning: JSON forbids it, a Rust `(x,)` is a 1-tuple (a comma before `)`
# is kept only in a group with no other top-level comma: rustfmt's `bind(\n a,\n b,\n)` is layout)
_STRICT_JSON = re.compile(r"\.json$", re.IGNORECASE)
_RUST = re.compile(r"\.rs$", re.IGNORECASE)
_COMMA_BEFORE_BRACKET = re.compile(r",(?=[\]}])")


def _mark_gaps(lines: list[str], path: str) -> str:
    """The lines joined, with the whitespace the file's language reads as meaning marked."""
    if _CSS.search(path):  # on selector lines only: `color : red` is layout
        lines = [_CSS_GAP.sub(_MARK, x) if x.endswith(("{", ",")) else x for x in lines]
    text = "\n".join(lines)
    if _SHELL.search(path):
        return _SHELL_GAP.sub(_MARK, text)
    if _MARKDOWN.search(path):
        return _MARKDOWN_GAP.sub(lambda m: m.group(1) + _MARK, text)
    if _JS.search(path):
        return _JS_GAP.sub(lambda m: m.group(0) + _MARK, text)
    if _C.search(path):
        return _C_GAP.sub(lambda m: m.group(1) + _MARK, text)
    return text


def _layout_commas(path: str) -> re.Pattern | None:
    """The trailing commas that are layout in this file's language (none in JSON)."""
    if _STRICT_JSON.search(path):
        return None
    return _COMMA_BEFORE_BRACKET if _RUST.search(path) else _COMMA_BEFORE_CLOSER


class _Group:
    """An open bracket of Rust code: whether it is a paren and holds a top-level comma, and the
    ``<`` open in it, each ``[generic, holds a comma]``: a generic bracket (``HashMap<A, B>``)
    or a comparison's ``<`` (``a < b``), paired with a later ``>`` all the same."""

    __slots__ = ("paren", "comma", "angles")

    def __init__(self, paren: bool):
        self.paren, self.comma, self.angles = paren, False, []

    def several(self) -> bool:
        """Whether the group has more than one element so far: a comma after a ``<`` still open
        when the group ends is a comparison's (``f(a < b, c,)``), one in a closed generic is not."""
        return self.comma or any(comma for _, comma in self.angles)

    def add_comma(self) -> None:
        if self.angles:
            self.angles[-1][1] = True
        else:
            self.comma = True

    def angle(self, part: str, j: int) -> None:
        """``<`` opens and ``>`` closes a bracket, but not in ``<=``, ``>=``, ``->``, ``=>``,
        ``<<`` (a shift; ``>>`` closes two generics, or none). Closing a comparison's ``<``
        (``start < end, end > 0``) keeps the commas it held: they part the group's elements."""
        c, before, after = part[j], part[j - 1: j], part[j + 1: j + 2]
        if after == "=" or (c == "<" and "<" in (before, after)):
            return
        if c == "<":
            self.angles.append([_opens_generic(part, j), False])
        elif self.angles and before not in ("-", "="):
            generic, comma = self.angles.pop()
            if comma and not generic:
                self.add_comma()


def _opens_generic(part: str, j: int) -> bool:
    """Whether the ``<`` at ``j`` follows a type's name (``HashMap<``, ``Result<``) or ``::``
    (``collect::<``): a generic. After a lower-case name, a number or a ``)`` it is a comparison
    (``start < end``); a constant's (``N < M``) is read as a generic, which keeps a comma."""
    i = j
    while i > 0 and (part[i - 1].isalnum() or part[i - 1] == "_"):
        i -= 1
    return part[i: i + 1].isupper() if i < j else part[j - 1: j] == ":"


def _rust_group_commas(parts: list[str]) -> str:
    """The squeezed parts (literals at odd indexes) joined, without a trailing comma before `)`
    in a group holding another top-level comma: only a single element's `(x,)` is a 1-tuple.
    One pass over the text; literals are the groups' content, never brackets or commas."""
    out: list[str] = []
    frames: list[_Group] = []  # the open brackets
    for i, part in enumerate(parts):
        if i % 2 or ("," not in part and "(" not in part and ")" not in part and not frames):
            out.append(part)
        else:
            out.append(_drop_group_commas(part, frames))
    return "".join(out)


def _drop_group_commas(part: str, frames: list[_Group]) -> str:
    """``part`` without the trailing commas of groups of several elements; ``frames`` follows
    the brackets opened and closed in it."""
    chars = []
    for j, c in enumerate(part):
        if c in "([{":
            frames.append(_Group(c == "("))
        elif c in ")]}":
            if frames:
                frames.pop()
        elif c in "<>" and frames and frames[-1].paren:
            frames[-1].angle(part, j)
        elif c == "," and frames and frames[-1].paren:
            if part.startswith(")", j + 1) and frames[-1].several():
                continue  # a trailing comma of a group of several elements: layout
            frames[-1].add_comma()
        chars.append(c)
    return "".join(chars)


def _squeeze(text: str, commas: re.Pattern | None = _COMMA_BEFORE_CLOSER) -> str:
    """Code or prose outside literals: whitespace dropped but between two word characters."""
    text = _LAYOUT.sub("", _WORD_GAP.sub("\x01", text))
    return (commas.sub("", text) if commas else text).replace("\x01", " ")


def _literal(text: str, fold_quotes: bool) -> str:
    """A literal as compared: ``'a'`` read as ``"a"`` where the two mean the same."""
    return '"' + text[1:-1] + '"' if fold_quotes and text[0] == "'" else text


def _normalise(lines: list[str], prose: bool = False, path: str = "") -> str:
    """The lines with layout, trailing commas, and where the language allows it quote style and
    trailing semicolons removed; the text of string literals (and word boundaries) kept."""
    semi = bool(_OPTIONAL_SEMI.search(path))
    text = _mark_gaps([_TRAILING_SEMI.sub("", line.rstrip()) if semi else line.rstrip() for line in lines], path)
    commas = _layout_commas(path)
    rust = commas is _COMMA_BEFORE_BRACKET
    if "\"" not in text and "'" not in text and "`" not in text:  # cheap pre-check: no literal
        return _rust_group_commas([_squeeze(text, commas)]) if rust else _squeeze(text, commas)
    fold = bool(_SAME_QUOTES.search(path))
    parts = literals.split(text, literals.PROSE_QUOTES if prose else literals.CODE_QUOTES)
    if rust:
        return _rust_group_commas([_squeeze(p, commas) if i % 2 == 0 else _literal(p, fold)
                                   for i, p in enumerate(parts)])
    # split() alternates: text outside literals at even indexes, the literals at odd ones
    return "".join(_squeeze(p, commas) if i % 2 == 0 else _literal(p, fold) for i, p in enumerate(parts))


def _keep_indent(line: str) -> str:
    body = line.strip()
    if not body:
        return ""
    parts = literals.split(body, literals.CODE_QUOTES) if "\"" in body or "'" in body else [body]
    body = "".join(_LAYOUT.sub(" ", p) if i % 2 == 0 else p for i, p in enumerate(parts))
    return line[: len(line) - len(line.lstrip())] + body


def _sides(patch: str) -> tuple[list[str], list[str], bool]:
    """The old and new text of every hunk (context lines on both sides, so a moved line is a
    change) and whether any line was added or removed."""
    old: list[str] = []
    new: list[str] = []
    changed = False
    for line in patch.splitlines():
        tag, text = line[:1], line[1:]
        if tag == "-":
            old.append(text)
            changed = True
        elif tag == "+":
            new.append(text)
            changed = True
        elif tag == " " or line == "":
            old.append(text)
            new.append(text)
        elif line.startswith("@@"):
            old.append("\0")  # hunk boundary
            new.append("\0")
    return old, new, changed


def _is_format_only(path: str, patch: str) -> bool | None:
    """True/False for a patch with changes; None when it changes no line at all.
    In indentation-sensitive files (Python, YAML, Makefiles) leading whitespace counts."""
    old, new, changed = _sides(patch)
    if not changed:
        return None
    if _INDENT_SENSITIVE.search(path):
        return [x for x in map(_keep_indent, old) if x] == [x for x in map(_keep_indent, new) if x]
    prose = bool(_PROSE_EXT.search(path)) or filekinds.is_doc_path(path)
    return _normalise(old, prose, path) == _normalise(new, prose, path)


def _moved(change) -> bool:
    return change.status in _MOVED or bool(change.previous_filename and change.previous_filename != change.path)


def whitespace_or_format_only(snapshot: PRSnapshot) -> SignalHit:
    files = hits.files(snapshot)
    if not files or not hits.files_complete(snapshot) or not all(map(hits.whole_patch, files)):
        return hits.quiet(NAME, KIND)
    if len(hits.within_patch_budget(files)) < len(files):
        return hits.quiet(NAME, KIND)  # too much patch text to judge every file
    moved = [f for f in files if _moved(f)]
    rest = [f for f in files if not _moved(f)]
    if len(moved) >= len(rest):
        return hits.quiet(NAME, KIND)  # a move is a change a formatter does not make, and here it is the PR
    verdicts = [(f, _is_format_only(f.path, hits.patch(f) or "")) for f in rest]
    judged = [(f, v) for f, v in verdicts if v is not None]
    if not judged or not all(v for _, v in judged):
        return hits.quiet(NAME, KIND)
    if any(len(f.patch or "") > hits.PATCH_LIMIT for f, _ in judged):
        return hits.quiet(NAME, KIND)  # we did not see the whole patch
    shown = ", ".join(f.path for f, _ in judged[:3]) + (" …" if len(judged) > 3 else "")
    also = f" (and {len(moved)} moved file{'s' if len(moved) > 1 else ''}: {_move(moved[0])}" \
           f"{' …' if len(moved) > 1 else ''})" if moved else ""
    return hits.fired(NAME, KIND, len(rest) / len(files), f"only whitespace/formatting changes in {shown}{also}")


def _move(change) -> str:
    return f"{change.previous_filename} → {change.path}" if change.previous_filename else change.path
