"""``sieve check-config`` on a file the App cannot read lists only what the App applies: the
error and the ``enabled: false`` / ``shadow: true`` lines found (review of config loading). It
printed the defaults' labels, comments and exemptions after the error, as if in force."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app

DUP = "thresholds: {high: 80}\nthresholds: {high: 90}\n"


@pytest.mark.parametrize("first, shown", [
    ("shadow: true\n", "- Shadow mode:"),
    ("enabled: false\n", "- PR Sieve is turned off here"),
    ("", None),
])
def test_an_unreadable_file_shows_only_the_error_and_its_safe_side_lines(tmp_path, first, shown):
    path = tmp_path / "sieve.yml"
    path.write_text(first + DUP)
    result = CliRunner().invoke(build_app(), ["check-config", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- **Config error**: a file could not be read at all")
    assert lines[1:] == ([line for line in lines if line.startswith(shown)] if shown else [])
    assert "the defaults" not in result.stdout and "Labels" not in result.stdout


def test_a_broken_but_readable_file_still_shows_the_settings_in_force(tmp_path):
    path = tmp_path / "sieve.yml"
    path.write_text("bogus: 1\n")
    result = CliRunner().invoke(build_app(), ["check-config", str(path)])
    assert result.exit_code == 1 and "- Labels " in result.stdout and "- Comments: " in result.stdout
