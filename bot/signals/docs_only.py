"""``docs_only_drive_by`` (kind "effort"): every change is in README / LICENSE /
CODE_OF_CONDUCT / CONTRIBUTING / SECURITY or other prose documentation, and it is small.

The value falls as the docs change grows: a one-line README tweak is the classic drive-by (1.0),
up to 10 lines 0.7, up to 40 lines 0.4 (community files count in full, other docs 0.8 of that).
A docs change of more than 40 changed lines is real work and does not fire (training split: 162
firings on human PRs were such changes). Changelog, release-note, upgrade-guide and CODEOWNERS
edits alone (``filekinds.is_bookkeeping_file``) are maintainers' bookkeeping, not a drive-by,
and do not fire at all (training split: 77 human PRs against 4 agent PRs). Needs the complete
file list.
"""

from __future__ import annotations

from bot.result import SignalHit
from bot.signals import filekinds, hits
from bot.snapshot import PRSnapshot

NAME = "docs_only_drive_by"
KIND = "effort"


MAX_CHANGED = 40  # more changed lines of docs: real work, not a drive-by


def _value(changed: int, community_only: bool) -> float:
    base = 1.0 if changed <= 3 else 0.7 if changed <= 10 else 0.4
    return base if community_only else base * 0.8


def _lines(n: int) -> str:
    return "1 line" if n == 1 else f"{n} lines"


def docs_only_drive_by(snapshot: PRSnapshot) -> SignalHit:
    files = hits.files(snapshot)
    if not hits.files_complete(snapshot) or not all(filekinds.is_doc_path(f.path) for f in files):
        return hits.quiet(NAME, KIND)
    changed = hits.changed_lines(snapshot) or 0
    if changed > MAX_CHANGED or all(filekinds.is_bookkeeping_file(f.path) for f in files):
        return hits.quiet(NAME, KIND)  # real docs work, or a changelog / CODEOWNERS line: upkeep
    community_only = all(filekinds.is_community_file(f.path) for f in files)
    shown = ", ".join(f"{f.path} ({_lines(hits.file_changed_lines(f))})" for f in files[:3])
    more = f" and {len(files) - 3} more" if len(files) > 3 else ""
    return hits.fired(NAME, KIND, _value(changed, community_only),
                      f"{shown}{more}")  # the comment's words say "only documentation": the files, once
