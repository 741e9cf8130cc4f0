"""Snapshots from the JSONL record format of ``../shared/data`` (and ``sieve eval --data``).

Accepts the three record shapes found there: merged-PR records (``title``, ``body``,
``commit_messages``, ``files[{path, additions, deletions}]``), pull-ref records
(``title_proxy`` instead of ``title``) and AIDev / onlyrobots records (``files[{path, patch}]``).
Other exports are read where the meaning is unambiguous: a ``files`` entry may be a bare path or
carry GitHub's ``filename`` key instead of ``path``. ``patch_truncated: true`` (onlyrobots) marks a
patch cut by the export: signals that need the whole patch treat it as unknown. A line may also
be a GitHub REST bundle (``{"pull", "files", "commits"}``, ``bot.loaders.github_json``) or a bare
``pulls/get`` response, as an export made with ``gh api`` gives them, with ``label``/``outcome``
beside it.
Fields that carry the label (author, branch, ai_tools, label_source ...) are never read
into the snapshot unless ``keep_identity=True`` is asked for (the offline CLI on a user's own
export does; training and evaluation never do).
"""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from bot.loaders import LoadError, count_or_none, github_json
from bot.snapshot import Commit, FileChange, PRSnapshot


@dataclass(frozen=True)
class Record:
    """A loaded record: the snapshot plus the fields evaluation needs beside it."""

    snapshot: PRSnapshot
    raw: dict
    ref: str  # "<file>:<line>" for error messages and ids


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _file_change(entry) -> FileChange:
    """One ``files`` entry: a dict with ``path`` (GitHub's REST shape says ``filename``), or a bare
    path string as some exports write them."""
    if isinstance(entry, str) and entry:
        return FileChange(path=entry, status="modified", additions=0, deletions=0)
    path = entry.get("path", entry.get("filename")) if isinstance(entry, dict) else None
    if not isinstance(path, str) or not path:
        raise LoadError("a 'files' entry has no string 'path' (or 'filename')")
    return FileChange(path=path, status=_text(entry.get("status")) or "modified",
                      additions=count_or_none(entry.get("additions")) or 0,
                      deletions=count_or_none(entry.get("deletions")) or 0,
                      patch=entry.get("patch") if isinstance(entry.get("patch"), str) else None,
                      patch_truncated=entry.get("patch_truncated") is True,
                      previous_filename=_text(entry.get("previous_filename")) or None)


def _files(raw: dict) -> tuple[FileChange, ...]:
    files = raw.get("files") or []
    if not isinstance(files, list):
        raise LoadError("'files' is not a list")
    return tuple(_file_change(f) for f in files)


def snapshot_from_record(raw: dict, *, keep_identity: bool = False,
                         restore_removed: bool = False) -> PRSnapshot:
    """Build a snapshot from one record. ``restore_removed`` appends ``removed_lines`` back
    to the body (the E1+ protocol: attribution lines present as they would be on GitHub)."""
    if not isinstance(raw, dict):
        raise LoadError("record is not a JSON object")
    if github_json.is_bundle(raw):
        snapshot = github_json.snapshot_from_bundle(raw)
        return snapshot if keep_identity else anonymous(snapshot)
    title = _text(raw.get("title")) or _text(raw.get("title_proxy"))
    messages = raw.get("commit_messages") or []
    if not isinstance(messages, list):
        raise LoadError("'commit_messages' is not a list")
    body = _text(raw.get("body"))
    if not (title or body or any(map(_text, messages))):  # nothing left to score once read as text
        raise LoadError("record has no title, body or commit messages")
    commits = [_text(m) for m in messages]
    if restore_removed and raw.get("removed_lines"):
        body, commits = _restored(raw["removed_lines"], body, commits)
    files = _files(raw)
    return PRSnapshot(
        title=title, body=body,
        commits=tuple(Commit(message=m) for m in commits),
        files=files,
        files_changed=count_or_none(raw.get("files_changed")),
        additions=count_or_none(raw.get("additions")),
        deletions=count_or_none(raw.get("deletions")),
        repo=_text(raw.get("repo")) if keep_identity else "",
        number=count_or_none(raw.get("pr_number") or raw.get("number")),
        author_login=_text(raw.get("author_login")) if keep_identity else "",
        head_branch=_text(raw.get("branch")) if keep_identity else "",
    )


def _restored(removed, body: str, commits: list[str]) -> tuple[str, list[str]]:
    """``removed_lines`` appended back (the E1+ protocol: "to its body/commit messages"): to the
    description, or, for a record without one (a merge-style record, a pull ref), to its last
    commit message, where its trailers were: not as a description made only of trailers."""
    if not isinstance(removed, list):
        raise LoadError("'removed_lines' is not a list")
    lines = "\n".join(str(x) for x in removed)
    if body or not commits:
        return (body + "\n\n" + lines).strip(), commits
    return body, [*commits[:-1], (commits[-1] + "\n\n" + lines).strip()]


def anonymous(snapshot: PRSnapshot) -> PRSnapshot:
    """``snapshot`` without the fields that carry a label in evaluation data: who wrote it, from
    which branch, where (as ``snapshot_from_record`` reads a record unless asked to keep them)."""
    commits = tuple(Commit(message=c.message) for c in snapshot.commits)
    return replace(snapshot, author_login="", author_association="", author_is_bot=False, head_branch="",
                   repo="", commits=commits)


GZIP_MAGIC = b"\x1f\x8b"
# UTF-32 LE's mark begins with UTF-16 LE's: it is tested first
_WIDE_MARKS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
               (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def wide_unicode(head: bytes) -> str | None:
    """What a UTF-16 or UTF-32 byte order mark at the start of ``head`` says (PowerShell's ``>``
    writes UTF-16), or None. Read as UTF-8, such text is one bad byte and then NULs: every line
    would blame its JSON."""
    for mark, encoding in _WIDE_MARKS:
        if head.startswith(mark):
            return f"{encoding} text (byte order mark {mark.hex(' ').upper()}), not UTF-8: save it as UTF-8"
    return None


@contextmanager
def _open(path: Path):
    """The file's bytes, decompressed when its name ends in ``.gz`` or its first two bytes are
    gzip's (``gzip -c > prs.jsonl``); peeked, not read, so a pipe loses nothing."""
    with open(path, "rb") as raw:
        if path.suffix.lower() == ".gz" or raw.peek(2)[:2] == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:
                yield unpacked
        else:
            yield raw


def _lines(path: Path, name: str) -> Iterator[tuple[int, bytes | LoadError]]:
    """Numbered raw lines; a damaged gzip stream ends with one ``LoadError`` instead of a crash."""
    lineno = 0
    try:
        with _open(path) as fh:
            for lineno, line in enumerate(fh, 1):
                yield lineno, line
    except gzip.BadGzipFile as exc:
        yield lineno + 1, LoadError(f"{name}:{lineno + 1}: cannot read ({exc})" if lineno else
                                    f"{name}:1: cannot read: the name ends in .gz but the file is not "
                                    "gzip-compressed (rename it, or compress it)")
    except (OSError, EOFError, zlib.error) as exc:  # cut short, or damaged compressed data
        yield lineno + 1, LoadError(f"{name}:{lineno + 1}: cannot read ({exc})")


def iter_raw(path: Path | str, name: str | None = None) -> Iterator[tuple[str, dict | LoadError]]:
    """Yield ``(ref, record)`` per line, or ``(ref, LoadError)`` for a line that is not JSON. Refs
    are ``name:line``; ``name`` is the file's name unless given (two files of one name: their paths)."""
    path = Path(path)
    name = name or path.name
    return _parsed(name, _lines(path, name))


def _parsed(name: str, lines) -> Iterator[tuple[str, dict | LoadError]]:
    for lineno, line in lines:
        ref = f"{name}:{lineno}"
        if isinstance(line, LoadError):
            yield ref, line
            continue
        if lineno == 1:
            wide = wide_unicode(line)
            if wide:  # one error for the file, not one a line
                yield ref, LoadError(f"{name}: {wide}")
                return
            line = line.removeprefix(codecs.BOM_UTF8)  # Windows editors save one
        if not line.strip():
            continue
        try:  # without its line break: a line cut inside a string is "unterminated", as from a pipe
            yield ref, json.loads(line.rstrip(b"\r\n").decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield ref, LoadError(f"{ref}: not UTF-8 (byte {exc.start})")
        except json.JSONDecodeError as exc:  # "Unterminated string starting at" ends in "at" already
            yield ref, LoadError(f"{ref}: not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
        except RecursionError:
            yield ref, LoadError(f"{ref}: not valid JSON (nested too deeply)")
        except ValueError as exc:  # a number of more than 4300 digits: Python will not convert it
            yield ref, LoadError(f"{ref}: cannot read the JSON ({str(exc).split(':')[0]})")


def iter_records(path: Path | str, name: str | None = None, **kwargs) -> Iterator[Record | LoadError]:
    """Yield a ``Record`` per good line and a ``LoadError`` naming each bad one (``iter_raw``'s
    refs); never stops early."""
    return _records(iter_raw(path, name), kwargs)


def records_from_text(text: str, name: str, **kwargs) -> Iterator[Record | LoadError]:
    """``iter_records`` over JSONL already read (standard input); refs are ``name:line``. Lines end
    at ``\\n`` only, as in a file: a CR between a record's JSON tokens is not a line break."""
    data = text.encode("utf-8", "surrogateescape")
    lines = enumerate((line.removesuffix(b"\r") for line in data.split(b"\n")), 1)
    return _records(_parsed(name, lines), kwargs)


def record_from_value(raw, ref: str, **kwargs) -> Record | LoadError:
    """One record already parsed: a whole input that is one JSON value (perhaps pretty-printed
    over many lines); a ``LoadError`` naming ``ref`` when it is not a record."""
    return next(_records([(ref, raw)], kwargs))


def _records(raws, kwargs: dict) -> Iterator[Record | LoadError]:
    for ref, raw in raws:
        if isinstance(raw, LoadError):
            yield raw
            continue
        try:
            yield Record(snapshot=snapshot_from_record(raw, **kwargs), raw=raw, ref=ref)
        except LoadError as exc:
            yield LoadError(f"{ref}: {exc}")
