"""``sieve score -`` and ``--body-file -`` on awkward bytes: each bad record is named, none crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "low-effort-pr.json"
GOOD = json.dumps({"title": "Fix race in span flush", "body": "Tested with go test -race.",
                   "files": [{"path": "flush.go", "additions": 4, "deletions": 2}]}).encode()


def _score_stdin(data: bytes):
    return CliRunner().invoke(build_app(), ["score", "-", "--json"], input=data)


def _refs(result) -> list[str]:
    return [json.loads(line)["ref"] for line in result.stdout.splitlines()]


def test_a_non_utf8_line_on_standard_input_is_named_and_the_rest_scored():
    result = _score_stdin(GOOD + b"\n" + b'{"title": "caf\xe9"}\n' + GOOD + b"\n")
    assert _refs(result) == ["-:1", "-:3"]
    assert "-:2: not UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_a_bundle_with_a_non_utf8_byte_on_standard_input_is_one_clear_error():
    result = _score_stdin(EXAMPLE.read_bytes().replace(b"Enhance", b"Enh\xe9nce", 1))
    assert result.exit_code == 3 and result.stdout == ""  # a crash would exit 1
    assert result.stderr.startswith("sieve score: -: not UTF-8 (byte ")
    assert len(result.stderr.splitlines()) == 1


def test_deeply_nested_json_on_standard_input_is_one_bad_record():
    deep = b'{"title": "x", "body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    result = _score_stdin(deep + b"\n" + GOOD + b"\n")
    assert _refs(result) == ["-:2"]
    assert "-:1: not valid JSON (nested too deeply)" in result.stderr


def test_a_bundle_with_a_utf8_bom_on_standard_input_is_scored_as_a_bundle():
    result = _score_stdin(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert _refs(result) == ["-"]


def test_a_draft_description_with_a_bom_or_a_bad_byte(tmp_path):
    from bot.cli.score import read_description

    saved = tmp_path / "draft.md"
    saved.write_bytes(b"\xef\xbb\xbf## Summary\nThis PR enhances things.\n")
    assert read_description(saved).startswith("## Summary")  # the heading is still a heading
    result = CliRunner().invoke(build_app(), ["score", "--git", "main..topic", "--repo", str(tmp_path),
                                              "--body-file", "-"], input=b"caf\xe9\n")
    assert result.exit_code == 3
    assert "-: cannot read the description (UnicodeDecodeError)" in result.stderr
