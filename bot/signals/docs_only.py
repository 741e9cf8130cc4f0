"""``docs_only_drive_by`` (kind "effort"): every change is in README / LICENSE /
CODE_OF_CONDUCT / CONTRIBUTING / SECURITY or other prose documentation, and it is small.

The value falls as the docs change grows: a one-line README tweak is the classic drive-by,
a 300-line guide is real work. Changelog, release-note and CODEOWNERS edits alone are
maintainers' bookkeeping far more often (training split: 62 human PRs, 1 agent PR), so they
count at most 0.25, never as strong evidence. Needs the complete file list.
"""

from __future__ import annotations

from bot.result import SignalHit
from bot.signals import filekinds, hits
from bot.snapshot import PRSnapshot

NAME = "docs_only_drive_by"
KIND = "effort"


BOOKKEEPING_CAP = 0.25  # a changelog or CODEOWNERS line alone: what maintainers do, not a drive-by


def _value(changed: int, community_only: bool, bookkeeping_only: bool) -> float:
    base = 1.0 if changed <= 3 else 0.7 if changed <= 10 else 0.4 if changed <= 40 else 0.15
    if bookkeeping_only:
        return min(base, BOOKKEEPING_CAP)
    return base if community_only else base * 0.8


def _lines(n: int) -> str:
    return "1 line" if n == 1 else f"{n} lines"


def docs_only_drive_by(snapshot: PRSnapshot) -> SignalHit:
    files = hits.files(snapshot)
    if not hits.files_complete(snapshot) or not all(filekinds.is_doc_path(f.path) for f in files):
        return hits.quiet(NAME, KIND)
    changed = hits.changed_lines(snapshot) or 0
    community_only = all(filekinds.is_community_file(f.path) for f in files)
    shown = ", ".join(f"{f.path} ({_lines(hits.file_changed_lines(f))})" for f in files[:3])
    more = f" and {len(files) - 3} more" if len(files) > 3 else ""
    bookkeeping_only = all(filekinds.is_bookkeeping_file(f.path) for f in files)
    return hits.fired(NAME, KIND, _value(changed, community_only, bookkeeping_only),
                      f"{shown}{more}")  # the comment's words say "only documentation": the files, once
