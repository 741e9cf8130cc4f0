"""``sieve check-config``: a .github/sieve.yml checked as the App reads it, before it is pushed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app


def run(*args: str):
    return CliRunner().invoke(build_app(), ["check-config", *args])


def test_a_good_file_prints_the_settings_it_gives(tmp_path):
    path = tmp_path / "sieve.yml"
    path.write_text("thresholds: {medium: 40, high: 80}\npaths: {ignore: ['vendor/**']}\n")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "**Settings this gives** (from" in result.stdout and "`medium` from a score of 40" in result.stdout
    assert "Files the signals and the comment leave out (the classifier reads the whole diff): ` vendor/** `" in result.stdout


def test_a_broken_file_exits_1_with_the_error_the_check_run_would_show(tmp_path):
    path = tmp_path / "sieve.yml"
    path.write_text("thresholds: {high: nope}\nlabels: {medium: {name: x}}\n")
    result = run(str(path))
    assert result.exit_code == 1
    assert f"sieve check-config: {path}: " in result.stderr and "thresholds.high" in result.stderr


@pytest.mark.parametrize("text, said, shown", [
    # the App keeps a broken file's valid ``exempt`` section (``brokenlayer.more_exempt``); the text said
    # only its ``enabled: false`` / ``shadow: true`` were kept, above "1 listed user"
    ("exempt: {users: [alice]}\nbogus: 1\n", "a valid `exempt` section in it exempts", "1 listed user and"),
    # and its ``comment: {enabled: false}`` (``brokenlayer.SAFE_SECTIONS``)
    ("comment: {enabled: false}\nbogus: 1\n", "`comment: {enabled: false}` in it", "- Comments: off."),
])
def test_what_a_broken_file_still_applies_is_said_and_shown(tmp_path, text, said, shown):
    path = tmp_path / "sieve.yml"
    path.write_text(text)
    result = run(str(path))
    assert result.exit_code == 1
    error_line = next(line for line in result.stdout.splitlines() if "**Config error**" in line)
    assert said in error_line and shown in result.stdout


def test_the_organisation_file_is_read_first_and_the_repositorys_wins(tmp_path):
    org, repo = tmp_path / "org.yml", tmp_path / "repo.yml"
    org.write_text("thresholds: {medium: 30, high: 90}\nshadow: true\n")
    repo.write_text("thresholds: {high: 70}\n")
    result = run(str(repo), "--org", str(org))
    assert result.exit_code == 0, result.output
    assert "`medium` from a score of 30, `high` from 70" in result.stdout and "Shadow mode" in result.stdout


def test_a_missing_file_is_a_one_line_error(tmp_path):
    result = run(str(tmp_path / "nope.yml"))
    assert result.exit_code == 2 and "cannot read" in result.stderr and "Traceback" not in result.output


def test_the_documented_example_config_passes():
    from pathlib import Path
    example = Path(__file__).resolve().parents[2] / "docs" / "sieve.example.yml"
    result = run(str(example))
    assert result.exit_code == 0, result.output
    assert "**Settings this gives** (from" in result.stdout
