"""How ``sieve score`` and ``sieve report`` read a file or standard input into ``[(ref, snapshot)]``.

A JSONL name (``.jsonl``, ``.ndjson``, gzipped or not) is streamed line by line. Anything else
(``.json``, ``.gz``, ``/dev/fd/N``, ``-``) is read by its content: gzip by its first two bytes,
then one JSON value (a bundle, a bare ``pulls/get`` response or one record, perhaps pretty-printed)
or else JSONL records, one a line. A bad record is one line on stderr naming ``name:line``; the
others are kept. A document that is evidently one value, but damaged or cut short, is one error.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from pathlib import Path

import typer

from bot.loaders import LoadError
from bot.loaders.records import GZIP_MAGIC, wide_unicode

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")  # matched in lower case


def print_skipped(error: LoadError) -> None:
    """Default sink for a record that cannot be read: one line on stderr."""
    typer.echo(f"sieve score: {error}", err=True)


def jsonl_snapshots(records, on_error=print_skipped) -> list[tuple[str, object]]:
    out = []
    for rec in records:
        if isinstance(rec, LoadError):
            on_error(rec)
        else:
            out.append((rec.ref, rec.snapshot))
    return out


def stdin_bytes(name: str = "-") -> bytes:
    """All of standard input; a ``LoadError`` when it is closed (``<&-``: ``sys.stdin`` is None)."""
    if sys.stdin is None:
        raise LoadError(f"{name}: standard input is closed")
    try:
        return sys.stdin.buffer.read()
    except OSError as exc:
        raise LoadError(f"{name}: cannot read standard input ({exc.strerror or exc})") from None


def stdin_inputs(data: bytes, on_error=print_skipped) -> list[tuple[str, object]]:
    """Standard input: see ``content_inputs``; records are named ``-:LINE``."""
    if not data.strip():
        raise LoadError("-: standard input is empty")
    return content_inputs(data, "-", on_error)


def file_inputs(path: Path, on_error=print_skipped) -> list[tuple[str, object]]:
    """By suffix, in any case (``.JSONL`` too): JSONL records; any other name (a ``.json`` bundle,
    a ``.json`` file of JSONL from ``sieve fetch -o prs.json``, ``<(gh api ...)``'s /dev/fd/N) is
    read by its content, as standard input is."""
    if path.is_dir():
        raise LoadError(f"{path}: is a directory, not a file")
    if not path.exists():
        raise LoadError(f"{path}: no such file")
    if path.name.lower().endswith(JSONL_SUFFIXES):
        from bot.loaders.records import iter_records

        return jsonl_snapshots(iter_records(path, keep_identity=True), on_error)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return content_inputs(data, path.name, on_error)


def content_inputs(data: bytes, name: str, on_error=print_skipped) -> list[tuple[str, object]]:
    """One JSON value (a bundle or a bare ``pulls/get`` response, as ``gh api
    repos/OWNER/REPO/pulls/N`` prints it; else one record), or else JSONL records. Damaged gzip
    keeps the records before the damage, then one error naming the first line it cut."""
    from bot.loaders.records import records_from_text

    data, damage = _gunzipped(data)
    damaged = LoadError(f"{name}: damaged gzip data ({damage[1]})") if damage else None
    if not data.strip():
        raise damaged or LoadError(f"{name}: is empty")
    wide = wide_unicode(data)
    if wide:
        raise LoadError(f"{name}: {wide}")
    text = data.decode("utf-8-sig", "surrogateescape")  # bad bytes stay put for the error
    parsed = _parse(text)
    if not isinstance(parsed, Exception):
        found = _one_value(parsed[0], data, text, name, on_error)
    elif _one_document(text):  # a bundle cut short: one error, not one for each of its lines
        raise damaged or _not_json(name, text, parsed)
    else:
        found = jsonl_snapshots(records_from_text(text, name, keep_identity=True), on_error)
    if damage:
        on_error(LoadError(f"{name}:{damage[0]}: cannot read ({damage[1]})"))
    return found


def _one_value(value, data: bytes, text: str, name: str, on_error) -> list[tuple[str, object]]:
    """The whole input as one JSON value: a bundle (as ``github_json.is_bundle`` tells them, the
    test a JSONL line gets), else one record, perhaps pretty-printed (one error, not one a line)."""
    from bot.loaders.github_json import is_bundle
    from bot.loaders.records import record_from_value, records_from_text

    if isinstance(value, dict) and (is_bundle(value) or isinstance(value.get("head"), dict)):
        return [(name, _bundle(value, data, name))]  # a head object: a pulls/get response, damaged or not
    if not _is_utf8(data):  # a line at a time, so that the bad byte is named
        return jsonl_snapshots(records_from_text(text, name, keep_identity=True), on_error)
    record = record_from_value(value, f"{name}:1", keep_identity=True)
    if isinstance(record, LoadError) and isinstance(value, dict) and "pull" in value:
        return [(name, _bundle(value, data, name))]  # a damaged bundle: say what its pull lacks
    return jsonl_snapshots([record], on_error)


def _gunzipped(data: bytes) -> tuple[bytes, tuple[int, Exception] | None]:
    """``data`` decompressed when it is gzip (``prs.json.gz``, a compressed pipe), a line at a time
    as a ``.jsonl.gz`` file is read: a stream cut short keeps its whole lines, and says which line
    it could not read and why."""
    if not data.startswith(GZIP_MAGIC):
        return data, None
    lines: list[bytes] = []
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as unpacked:
            for line in unpacked:
                lines.append(line)
    except (OSError, EOFError, zlib.error) as exc:
        return b"".join(lines), (len(lines) + 1, exc)
    return b"".join(lines), None


def _parse(text: str) -> tuple[object] | Exception:
    """``(value,)`` when ``text`` is one JSON value, else the parser's exception."""
    try:
        return (json.loads(text),)
    except (ValueError, RecursionError) as exc:  # ValueError: also a number Python will not convert
        return exc


def _one_document(text: str) -> bool:
    """Text that is not valid JSON, and evidently one document rather than JSONL: none of its lines
    (ending at ``\\n`` only, as JSONL's do) is a JSON object. A JSONL file whose first line is
    damaged still has good lines after it; a pretty-printed bundle cut short has none."""
    return not any(_is_object(line) for line in text.split("\n"))


def _is_object(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    parsed = _parse(line)
    return not isinstance(parsed, Exception) and isinstance(parsed[0], dict)


def _not_json(name: str, text: str, exc: Exception) -> LoadError:
    if isinstance(exc, RecursionError):
        return LoadError(f"{name}: not valid JSON (nested too deeply)")
    cut = isinstance(exc, json.JSONDecodeError) and (exc.msg.startswith("Unterminated string")
                                                     or exc.pos >= len(text.rstrip()))
    return LoadError(f"{name}: not valid JSON ({exc})" + ("; it ends early: was it cut short?" if cut else ""))


def _bundle(whole: dict, data: bytes, name: str):
    from bot.loaders.github_json import snapshot_from_bundle

    try:
        data.decode("utf-8-sig")
        return snapshot_from_bundle(whole)
    except UnicodeDecodeError as exc:
        raise LoadError(f"{name}: not UTF-8 (byte {exc.start})") from None
    except LoadError as exc:
        raise LoadError(f"{name}: {exc}") from exc


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True
