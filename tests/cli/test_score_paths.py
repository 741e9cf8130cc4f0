"""``sieve score PATH`` on paths that are not plain files: a directory, a pipe, nothing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from bot.cli.score import load_inputs
from bot.loaders import LoadError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "low-effort-pr.json"


def test_a_directory_is_named_as_a_directory(tmp_path):
    folder = tmp_path / "exports.jsonl"
    folder.mkdir()
    with pytest.raises(LoadError, match=r"exports.jsonl: is a directory, not a file$"):
        load_inputs(folder, None, Path("."))
    with pytest.raises(LoadError, match=r"absent.json: no such file$"):
        load_inputs(tmp_path / "absent.json", None, Path("."))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_read_like_a_file(tmp_path):
    """``sieve score <(gh api repos/O/R/pulls/N)`` hands over /dev/fd/N, a pipe."""
    pipe = tmp_path / "pr"
    os.mkfifo(pipe)
    writer = threading.Thread(target=_feed, args=(pipe,), daemon=True)
    writer.start()
    try:
        [(ref, snapshot)] = load_inputs(pipe, None, Path("."))
    finally:
        if writer.is_alive():  # nothing read the pipe: let the writer go
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(5)
    assert (ref, snapshot.title) == ("pr", "Enhance config loader with comprehensive error handling")


def _feed(pipe: Path) -> None:
    try:
        pipe.write_bytes(EXAMPLE.read_bytes())
    except BrokenPipeError:
        pass


def test_a_number_too_long_for_python_on_standard_input_is_one_bad_record():
    from bot.cli.score_inputs import stdin_inputs

    good = b'{"title": "Fix flush", "body": "b"}'
    errors = []
    inputs = stdin_inputs(good + b"\n" + b'{"title": "x", "additions": ' + b"9" * 5000 + b"}\n" + good, errors.append)
    assert [ref for ref, _ in inputs] == ["-:1", "-:3"]
    assert [str(e).split(":")[:2] for e in errors] == [["-", "2"]]


@pytest.mark.parametrize("command", ["score", "report"])
def test_a_file_and_a_git_range_together_are_a_usage_error(command):
    from typer.testing import CliRunner

    from bot.cli import build_app

    result = CliRunner().invoke(build_app(), [command, str(EXAMPLE), "--git", "main..HEAD"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "give a FILE or --git RANGE, not both" in result.stderr


@pytest.mark.parametrize("args, words", [
    (["score"], "give a bundle .json file"),
    (["report"], "give a bundle .json file"),
])
def test_no_input_is_a_usage_error_as_the_readme_says(args, words):
    """Exit 2, as every usage error's; they exited 3, the code for "nothing could be scored"."""
    from typer.testing import CliRunner

    from bot.cli import build_app

    result = CliRunner().invoke(build_app(), args)
    assert result.exit_code == 2 and result.stdout == ""
    assert words in " ".join(result.stderr.replace("│", " ").split())


def test_one_pretty_printed_record_on_standard_input_is_one_record():
    import json

    from bot.cli.score_inputs import stdin_inputs

    record = {"title": "Fix flush", "body": "Tested with go test.", "files": [{"path": "a.go", "additions": 1}]}
    errors = []
    [(ref, snapshot)] = stdin_inputs(json.dumps(record, indent=2).encode(), errors.append)
    assert (ref, snapshot.title, errors) == ("-:1", "Fix flush", [])
    assert stdin_inputs(json.dumps([record], indent=2).encode(), errors.append) == []
    assert [str(e) for e in errors] == ["-:1: record is not a JSON object"]  # one line, not one a line


def test_jsonl_suffixes_in_any_case_and_files_without_a_suffix_are_read(tmp_path):
    import gzip

    lines = b'{"title": "Fix flush", "body": "b"}\n{"title": "Add cache", "body": "c"}\n'
    (tmp_path / "GOOD.JSONL").write_bytes(lines)
    (tmp_path / "Export.NDJSON.GZ").write_bytes(gzip.compress(lines))
    (tmp_path / "63").write_bytes(lines)  # as <(cat x.jsonl) hands it over: /dev/fd/63
    (tmp_path / "62").write_bytes(EXAMPLE.read_bytes())
    for name in ("GOOD.JSONL", "Export.NDJSON.GZ", "63"):
        assert [ref for ref, _ in load_inputs(tmp_path / name, None, Path("."))] == [f"{name}:1", f"{name}:2"]
    [(ref, snapshot)] = load_inputs(tmp_path / "62", None, Path("."))
    assert (ref, snapshot.title) == ("62", "Enhance config loader with comprehensive error handling")


def test_standard_input_splits_records_at_newlines_only():
    from bot.cli.score_inputs import stdin_inputs

    first = b'{"title": "Fix flush",\r"body": "b"}'  # a CR between JSON tokens is whitespace
    errors = []
    inputs = stdin_inputs(first + b"\r\n" + b'{"title": "Add cache", "body": "c"}\r\n\n', errors.append)
    assert [ref for ref, _ in inputs] == ["-:1", "-:2"] and errors == []


def test_a_json_file_of_jsonl_or_of_one_record_is_read_by_its_content(tmp_path):
    """``sieve fetch -o prs.json`` writes JSONL under a .json name: every PR of it was lost to one
    "not valid JSON (Extra data ...)" error; a pretty-printed record was "bundle has no 'pull'"."""
    import json

    lines = b'{"title": "Fix flush", "body": "b"}\n{"title": "Add cache", "body": "c"}\n'
    (tmp_path / "prs.json").write_bytes(lines)
    (tmp_path / "one.json").write_text(json.dumps({"title": "Fix flush", "body": "b"}, indent=2))
    (tmp_path / "broken.json").write_text('{"pull": ')
    assert [ref for ref, _ in load_inputs(tmp_path / "prs.json", None, Path("."))] == ["prs.json:1", "prs.json:2"]
    assert [ref for ref, _ in load_inputs(tmp_path / "one.json", None, Path("."))] == ["one.json:1"]
    [(ref, snapshot)] = load_inputs(EXAMPLE, None, Path("."))  # a bundle is still a bundle
    assert ref == "low-effort-pr.json" and snapshot.files
    with pytest.raises(LoadError, match=r"broken.json: not valid JSON"):
        load_inputs(tmp_path / "broken.json", None, Path("."))


def test_gzip_data_is_read_whatever_its_name(tmp_path):
    """``eval`` read any .gz; ``score`` said "not UTF-8 (byte 1)" for prs.json.gz or a gzip pipe."""
    import gzip

    from bot.cli.score_inputs import stdin_inputs

    lines = b'{"title": "Fix flush", "body": "b"}\n{"title": "Add cache", "body": "c"}\n'
    (tmp_path / "prs.json.gz").write_bytes(gzip.compress(lines))
    (tmp_path / "cut.gz").write_bytes(gzip.compress(lines)[:20])
    assert [ref for ref, _ in load_inputs(tmp_path / "prs.json.gz", None, Path("."))] == ["prs.json.gz:1", "prs.json.gz:2"]
    assert [ref for ref, _ in stdin_inputs(gzip.compress(lines))] == ["-:1", "-:2"]
    with pytest.raises(LoadError, match=r"^cut.gz: damaged gzip data"):
        load_inputs(tmp_path / "cut.gz", None, Path("."))


@pytest.mark.parametrize("name", ["prs.json", "prs.jsonl", "prs.NDJSON", "63"])
def test_gzip_data_under_a_name_without_gz_is_read_by_its_bytes(tmp_path, name):
    """``gzip -c export.jsonl > prs.json``: a .json name sent it to the bundle reader ("not valid
    JSON ('utf-8' codec can't decode byte 0x8b ...)", exit 3), a .jsonl name gave one "not UTF-8"
    error a line; the first two bytes (1f 8b) say it is gzip whatever the name."""
    import gzip

    lines = b'{"title": "Fix flush", "body": "b"}\n{"title": "Add cache", "body": "c"}\n'
    (tmp_path / name).write_bytes(gzip.compress(lines))
    errors = []
    inputs = load_inputs(tmp_path / name, None, Path("."), on_error=errors.append)
    assert [ref for ref, _ in inputs] == [f"{name}:1", f"{name}:2"] and errors == []
    assert [snapshot.title for _, snapshot in inputs] == ["Fix flush", "Add cache"]


def test_a_gzip_bundle_under_a_json_name_is_read_as_a_bundle(tmp_path):
    import gzip

    (tmp_path / "pr.json").write_bytes(gzip.compress(EXAMPLE.read_bytes()))
    [(ref, snapshot)] = load_inputs(tmp_path / "pr.json", None, Path("."))
    assert (ref, snapshot.title) == ("pr.json", "Enhance config loader with comprehensive error handling")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_gzip_data_from_a_pipe_named_jsonl_is_read(tmp_path):
    """``sieve eval --data`` and ``score`` on a FIFO: the gzip test peeks, so no byte is lost."""
    import gzip

    pipe = tmp_path / "prs.jsonl"
    os.mkfifo(pipe)
    lines = b'{"title": "Fix flush", "body": "b"}\n{"title": "Add cache", "body": "c"}\n'
    writer = threading.Thread(target=lambda: pipe.write_bytes(gzip.compress(lines)))
    writer.start()
    try:
        inputs = load_inputs(pipe, None, Path("."))
    finally:
        writer.join(5)
    assert [snapshot.title for _, snapshot in inputs] == ["Fix flush", "Add cache"]


def test_a_line_cut_inside_a_string_reads_alike_from_a_file_and_a_pipe(tmp_path):
    from bot.cli.score_inputs import stdin_inputs

    data = b'{"title": "ok", "body": "b"}\n{"title": "trunc\n'
    (tmp_path / "cut.jsonl").write_bytes(data)
    file_errors, pipe_errors = [], []
    load_inputs(tmp_path / "cut.jsonl", None, Path("."), on_error=file_errors.append)
    stdin_inputs(data, pipe_errors.append)
    assert [str(e) for e in file_errors] == ["cut.jsonl:2: not valid JSON (Unterminated string starting at column 11)"]
    assert [str(e) for e in pipe_errors] == ["-:2: not valid JSON (Unterminated string starting at column 11)"]
