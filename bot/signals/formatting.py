"""``whitespace_or_format_only`` (kind "effort"): the patches change only whitespace or
formatting (re-indentation, line re-wrapping, quote style, trailing commas/semicolons).

Judged from ``FileChange.patch`` (GitHub hunk text, no file headers) by comparing the removed
and added lines with layout normalised away. Quiet when any file's patch is unknown, since
a binary or oversized file could hide a real change (a patch an export cut counts as unknown).
"""

from __future__ import annotations

import re

from bot.result import SignalHit
from bot.signals import hits
from bot.snapshot import PRSnapshot

NAME = "whitespace_or_format_only"
KIND = "effort"

_LAYOUT = re.compile(r"\s+")
_TRAILING_SEMI = re.compile(r";+$")
_COMMA_BEFORE_CLOSER = re.compile(r",(?=[)\]}])")
_INDENT_SENSITIVE = re.compile(r"\.(py|pyi|ya?ml|coffee|haml|pug|sass|nim)$|(^|/)(GNU)?[Mm]akefile$")


def _normalise(lines: list[str]) -> str:
    """The lines joined with layout, quote style, trailing semicolons and commas removed."""
    joined = "".join(_TRAILING_SEMI.sub("", _LAYOUT.sub("", line)) for line in lines)
    return _COMMA_BEFORE_CLOSER.sub("", joined.replace("'", '"'))


def _keep_indent(line: str) -> str:
    body = line.strip()
    return line[: len(line) - len(line.lstrip())] + _LAYOUT.sub(" ", body) if body else ""


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
    return _normalise(old) == _normalise(new)


def whitespace_or_format_only(snapshot: PRSnapshot) -> SignalHit:
    files = hits.files(snapshot)
    if not files or not hits.files_complete(snapshot) or not all(map(hits.whole_patch, files)):
        return hits.quiet(NAME, KIND)
    if len(hits.within_patch_budget(files)) < len(files):
        return hits.quiet(NAME, KIND)  # too much patch text to judge every file
    verdicts = [(f, _is_format_only(f.path, hits.patch(f) or "")) for f in files]
    judged = [(f, v) for f, v in verdicts if v is not None]
    if not judged or not all(v for _, v in judged):
        return hits.quiet(NAME, KIND)
    if any(len(f.patch or "") > hits.PATCH_LIMIT for f, _ in judged):
        return hits.quiet(NAME, KIND)  # we did not see the whole patch
    shown = ", ".join(f.path for f, _ in judged[:3]) + (" …" if len(judged) > 3 else "")
    return hits.fired(NAME, KIND, 1.0, f"only whitespace/formatting changes in {shown}")

