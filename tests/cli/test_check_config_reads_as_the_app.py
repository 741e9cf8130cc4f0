"""``sieve check-config`` reads a file's bytes as the App reads them from GitHub (review of config
loading): the same file must not pass here and fail there."""

from __future__ import annotations

from typer.testing import CliRunner

from bot.app import config as cfg
from bot.cli import build_app

DUP = b"thresholds: {high: 80}\r\nthresholds: {high: 90}\r\n"  # a duplicate key: the file cannot be read


def run(*args: str):
    return CliRunner().invoke(build_app(), ["check-config", *args])


def test_a_crlf_file_is_read_with_its_line_endings_as_the_app_reads_it(tmp_path):
    """``read_text`` turned CRLF into LF, so check-config found an ``enabled: false`` line the
    App (reading the same bytes) missed."""
    path = tmp_path / "sieve.yml"
    path.write_bytes(b"enabled: false\r\n" + DUP)
    app = cfg.build([(str(path), path.read_bytes().decode("utf-8"))])  # as the GitHub adapter decodes it
    result = run(str(path))
    assert result.exit_code == 1 and app.unreadable
    said_off = "PR Sieve is turned off here" in result.stdout
    assert said_off is (not app.config.enabled) is True
