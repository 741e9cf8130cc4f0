"""``sieve eval --data``: the same file given twice, however it is named."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from stat import S_ISREG


def given_twice(data: list[Path]) -> Path | None:
    """The first --data source that is a file given before: ``./x.jsonl`` and ``x.jsonl``, a hard
    link, or ``-`` with standard input redirected from that file. Its sets would overwrite each
    other's and the pooled sets would hold its PRs twice."""
    seen = [_identity(path) for path in data]
    return next((path for i, path in enumerate(data) if seen[i] is not None and seen[i] in seen[:i]), None)


def _identity(path: Path) -> tuple[int, int] | None:
    """The file behind a source (device, inode), standard input's when it is redirected from a
    file; None for a pipe or a missing file, which nothing can be the same as."""
    try:
        stat = os.fstat(sys.stdin.fileno()) if str(path) == "-" else os.stat(path)
    except (OSError, AttributeError, ValueError):  # no standard input at all (<&-), no such file
        return None
    return (stat.st_dev, stat.st_ino) if S_ISREG(stat.st_mode) else None
