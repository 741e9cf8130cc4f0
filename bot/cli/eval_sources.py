"""``sieve eval --data`` sources: each one read and named, and the same file given twice, however it
is named."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from stat import S_ISREG

import typer

from bot.cli.score import well_formed
from bot.evaluation import datasets


def fail(message: str) -> typer.Exit:
    """Print one line on stderr; the caller raises the returned exit (code 2: bad input)."""
    typer.echo(f"sieve eval: {message}", err=True)
    return typer.Exit(2)


def read_source(path: Path, several: bool, sink) -> tuple[str, list]:
    """A ``--data`` source's name and readable records (standard input's as ``-``)."""
    if str(path) == "-":  # standard input, as sieve score and report read it: records are -:LINE
        return "-", _stdin_records(sink)
    if path.is_dir():
        raise fail(f"{path}: is a directory, not a JSONL file")
    if not path.exists():  # a pipe is fine: sieve eval --data <(zcat export.jsonl.gz)
        raise fail(f"{path}: no such file")
    label = _label(path, several)
    return label, datasets.read_data_file(path, sink, name=label)


_DESCRIPTOR_FOLDERS = ("/dev/fd", "/proc/self/fd")  # where a shell's <(command) opens its pipe


def _label(path: Path, several: bool) -> str:
    """How a ``--data`` file names its sets and records: its file name, or with several its path
    (d1/x.jsonl, d2/x.jsonl: two sets); ``fd:63`` for a process substitution's /dev/fd/63, whose
    file name alone (``63``) says nothing."""
    if str(path.parent) in _DESCRIPTOR_FOLDERS and path.name.isdigit():
        return f"fd:{path.name}"
    return well_formed(str(path) if several else path.name)


def _stdin_records(sink) -> list:
    """``read_data_file`` of standard input (gzip too), through a file read once and removed."""
    import shutil
    import tempfile

    if sys.stdin is None:  # closed: <&-
        raise fail("-: standard input is closed")
    with tempfile.NamedTemporaryFile(prefix="sieve-eval-", suffix=".stdin", delete=False) as copy:
        shutil.copyfileobj(sys.stdin.buffer, copy)
    try:
        return datasets.read_data_file(Path(copy.name), sink, name="-")  # read whole, then removed
    finally:
        os.unlink(copy.name)


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
