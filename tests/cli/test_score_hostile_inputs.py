"""``sieve score``/``report``/``eval --data`` on damaged inputs: a bad record is one line naming it
and the rest of the batch is still read; an input that is evidently one document is one error."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.cli.score import load_inputs
from bot.cli.score_inputs import stdin_inputs
from bot.loaders import LoadError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "low-effort-pr.json"
GOOD = b'{"title": "Fix bug in parser", "body": "This fixes the parser.", "commit_messages": ["fix parser"]}'


def _read(path: Path):
    errors = []
    inputs = load_inputs(path, None, Path("."), on_error=errors.append)
    return [ref for ref, _ in inputs], [str(e) for e in errors]


# 1. a .json file of JSONL whose first line is bad, or with U+2028 inside a string


def test_a_json_file_of_jsonl_with_a_bad_first_line_keeps_the_other_records(tmp_path):
    """It went to the bundle reader: "badfirst.json: not valid JSON (...)", and nothing scored."""
    (tmp_path / "badfirst.json").write_bytes(b'{"title": "cut\n' + GOOD + b"\n" + GOOD + b"\n")
    refs, errors = _read(tmp_path / "badfirst.json")
    assert refs == ["badfirst.json:2", "badfirst.json:3"]
    assert len(errors) == 1 and errors[0].startswith("badfirst.json:1: not valid JSON")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_jsonl_lines_end_at_newlines_only_in_a_json_file(tmp_path, separator):
    """JSON allows these raw in strings (``ensure_ascii=False``, jq); ``splitlines`` broke there."""
    first = json.dumps({"title": "Fix", "body": f"a{separator}b", "commit_messages": ["x"]}, ensure_ascii=False)
    (tmp_path / "u.json").write_bytes(first.encode() + b"\n" + GOOD + b"\n")
    assert _read(tmp_path / "u.json") == (["u.json:1", "u.json:2"], [])


# 2. truncated gzip under any name, and on standard input


def _cut_gzip() -> bytes:
    """Gzip data of 400 records, cut short half-way."""
    lines = b"".join(json.dumps({"title": f"Fix {i}", "body": hashlib.sha256(b"%d" % i).hexdigest()}).encode()
                     + b"\n" for i in range(400))
    data = gzip.compress(lines)
    return data[: len(data) // 2]


@pytest.mark.parametrize("name", ["prs.json.gz", "cut.gz", "cut.json", "63"])
def test_truncated_gzip_keeps_its_whole_lines_whatever_its_name(tmp_path, name):
    cut = _cut_gzip()
    (tmp_path / "cut.jsonl.gz").write_bytes(cut)
    (tmp_path / name).write_bytes(cut)
    want_refs, want_errors = _read(tmp_path / "cut.jsonl.gz")  # the stream reader's answer
    assert len(want_refs) > 50 and len(want_errors) == 1
    refs, errors = _read(tmp_path / name)
    assert refs == [ref.replace("cut.jsonl.gz", name) for ref in want_refs]
    assert errors == [want_errors[0].replace("cut.jsonl.gz", name)]
    assert errors[0].startswith(f"{name}:{len(refs) + 1}: cannot read (")


def test_truncated_gzip_on_standard_input_keeps_its_whole_lines():
    cut = _cut_gzip()
    errors = []
    refs = [ref for ref, _ in stdin_inputs(cut, errors.append)]
    assert len(refs) > 50 and refs == [f"-:{i}" for i in range(1, len(refs) + 1)]
    assert [str(e).split(": ")[0] for e in errors] == [f"-:{len(refs) + 1}"]


# 3. a pretty-printed bundle cut short or damaged: one error, not one a line


@pytest.mark.parametrize("damage", ["cut", "comma"])
def test_a_damaged_pretty_printed_bundle_on_standard_input_is_one_error(tmp_path, damage):
    text = EXAMPLE.read_bytes()
    data = text[:-50] if damage == "cut" else text.replace(b",\n", b"\n", 3)
    errors = []
    with pytest.raises(LoadError, match=r"^-: not valid JSON \(.*line \d+ column \d+") as raised:
        stdin_inputs(data, errors.append)
    assert errors == [] and "\n" not in str(raised.value)
    (tmp_path / "63").write_bytes(data)  # <(gh api ...) as /dev/fd/63
    with pytest.raises(LoadError, match=r"^63: not valid JSON"):
        load_inputs(tmp_path / "63", None, Path("."), on_error=errors.append)
    assert errors == []


def test_a_cut_bundle_on_standard_input_is_one_line_on_stderr():
    result = CliRunner().invoke(build_app(), ["score", "-"], input=EXAMPLE.read_bytes()[:-50])
    assert result.exit_code == 3 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("sieve score: -: not valid JSON (") and "cut short" in result.stderr


# 4. a bundle is what github_json.is_bundle says, as for a JSONL line


@pytest.mark.parametrize("record", [
    {"title": "Fix parser", "body": "fixes it", "head": "abc123", "pr_number": 3},
    {"title": "Fix parser", "body": "fixes it", "pull": None},
])
def test_a_record_with_a_head_or_pull_key_is_a_record_in_every_format(tmp_path, record):
    line = json.dumps(record).encode() + b"\n"
    (tmp_path / "one.jsonl").write_bytes(line)
    (tmp_path / "one.json").write_bytes(line)
    assert _read(tmp_path / "one.jsonl") == (["one.jsonl:1"], [])
    assert _read(tmp_path / "one.json") == (["one.json:1"], [])
    [(ref, snapshot)] = stdin_inputs(line)
    assert (ref, snapshot.title) == ("-:1", "Fix parser")


def test_a_bundle_whose_pull_is_damaged_still_says_so(tmp_path):
    bundle = json.loads(EXAMPLE.read_text())
    (tmp_path / "b.json").write_text(json.dumps({**bundle, "pull": [bundle["pull"]]}))
    with pytest.raises(LoadError, match=r"^b.json: pull is not a JSON object$"):
        load_inputs(tmp_path / "b.json", None, Path("."))


@pytest.mark.parametrize("damage", ["no number", "title null"])
def test_a_damaged_pulls_get_response_is_refused_not_scored_as_a_record(tmp_path, damage):
    """A ``gh api repos/O/R/pulls/N`` response with its head object but no number, or a null
    title, was read as a ../shared record and scored (found by review); it is a damaged bundle."""
    pull = dict(json.loads(EXAMPLE.read_text())["pull"])
    pull.pop("number") if damage == "no number" else pull.update(title=None)
    assert isinstance(pull.get("head"), dict)
    (tmp_path / "pull.json").write_text(json.dumps(pull))
    with pytest.raises(LoadError, match=r"^pull.json: "):
        load_inputs(tmp_path / "pull.json", None, Path("."))
    with pytest.raises(LoadError, match=r"^-: "):
        stdin_inputs(json.dumps(pull).encode())


# 5. closed standard input


SIEVE = str(Path(sys.executable).parent / "sieve")


@pytest.mark.parametrize("args, code", [
    (["score", "-"], 3),
    (["report", "-"], 3),
    (["score", "--git", "main..topic", "--body-file", "-"], 3),
    (["eval", "--data", "-"], 2),
])
def test_closed_standard_input_is_one_line_and_the_input_error_code(tmp_path, args, code):
    """``sieve score - <&-``: a traceback and exit 1, which says "high"."""
    result = subprocess.run(["sh", "-c", 'exec "$0" "$@" <&-', SIEVE, *args], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert (result.returncode, result.stdout) == (code, "")
    command = args[0]
    assert result.stderr == f"sieve {command}: -: standard input is closed\n"


# 7. UTF-16 and UTF-32 with a byte order mark


@pytest.mark.parametrize("encoding, mark", [("utf-16", None), ("utf-16-be", "FE FF"), ("utf-32", None)])
def test_utf16_or_utf32_input_is_one_clear_error(tmp_path, encoding, mark):
    text = (GOOD + b"\n" + GOOD + b"\n").decode()
    data = (text if encoding != "utf-16-be" else "\ufeff" + text).encode(encoding)
    name = "UTF-32" if encoding == "utf-32" else "UTF-16"
    (tmp_path / "x.jsonl").write_bytes(data)
    (tmp_path / "x.json").write_bytes(data)
    refs, errors = _read(tmp_path / "x.jsonl")
    assert refs == [] and len(errors) == 1
    assert errors[0].startswith(f"x.jsonl: {name} text (byte order mark ") and "not UTF-8" in errors[0]
    if mark:
        assert f"(byte order mark {mark})" in errors[0]
    with pytest.raises(LoadError, match=rf"^x.json: {name} text \(byte order mark .*not UTF-8"):
        load_inputs(tmp_path / "x.json", None, Path("."))
    with pytest.raises(LoadError, match=rf"^-: {name} text"):
        stdin_inputs(data)


def test_a_utf16_bundle_on_standard_input_is_one_line_on_stderr():
    result = CliRunner().invoke(build_app(), ["score", "-"], input=EXAMPLE.read_text().encode("utf-16"))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == ["sieve score: -: UTF-16 text (byte order mark FF FE), not UTF-8: "
                                          "save it as UTF-8"]


# 10. sieve eval --data X --data X


def test_eval_refuses_the_same_data_file_twice(tmp_path, monkeypatch):
    """Its per-file sets overwrote each other and ``all:`` counted every PR twice, with no note."""
    (tmp_path / "ev.jsonl").write_bytes(b'{"title": "t", "body": "b", "label": "human"}\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(build_app(), ["eval", "--data", "ev.jsonl", "--data", "./ev.jsonl", "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "sieve eval: ev.jsonl: given to --data twice\n"  # as typed (Path drops "./")


def test_eval_refuses_a_hard_link_or_standard_input_from_a_file_given_already(tmp_path):
    """A hard link, or ``--data -`` redirected from a file also named, counted its PRs twice (review)."""
    (tmp_path / "ev.jsonl").write_bytes(b'{"title": "t", "body": "b", "label": "human"}\n')
    (tmp_path / "same.jsonl").hardlink_to(tmp_path / "ev.jsonl")
    linked = subprocess.run([SIEVE, "eval", "--data", "ev.jsonl", "--data", "same.jsonl", "--json"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert (linked.returncode, linked.stderr) == (2, "sieve eval: same.jsonl: given to --data twice\n")
    with open(tmp_path / "ev.jsonl", "rb") as stdin:
        piped = subprocess.run([SIEVE, "eval", "--data", "ev.jsonl", "--data", "-", "--json"], stdin=stdin,
                               cwd=tmp_path, capture_output=True, text=True)
    assert piped.returncode == 2 and "standard input is read from a file given to --data already" in piped.stderr
    with open(tmp_path / "ev.jsonl", "rb") as stdin:  # a copy of that file is another file: read
        (tmp_path / "copy.jsonl").write_bytes((tmp_path / "ev.jsonl").read_bytes())
        other = subprocess.run([SIEVE, "eval", "--data", "copy.jsonl", "--data", "-", "--json"], stdin=stdin,
                               cwd=tmp_path, capture_output=True, text=True)
    assert "given to --data" not in other.stderr and "read from a file" not in other.stderr
