"""A PR the scorer cannot handle is named on one line; the rest of the batch is still scored."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import bot.signals
from bot.cli import build_app
from bot.paths import models_dir

from tests.cli.test_report import CAREFUL

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")


@pytest.fixture
def one_record_breaks_the_scorer(monkeypatch):
    real = bot.signals.run_signals

    def run_signals(snapshot):
        if snapshot.title == "boom":
            raise RuntimeError("a signal failed")
        return real(snapshot)

    monkeypatch.setattr(bot.signals, "run_signals", run_signals)


@pytest.mark.parametrize("command", ["score", "report"])
def test_the_other_records_are_scored_and_the_broken_one_is_named(tmp_path, one_record_breaks_the_scorer, command):
    data = tmp_path / "prs.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in (CAREFUL, dict(CAREFUL, title="boom"), CAREFUL)) + "\n")
    result = CliRunner().invoke(build_app(), [command, str(data), *(["--json"] if command == "score" else [])])
    assert result.stderr.strip() == (f"sieve {command}: prs.jsonl:2: could not be scored "
                                     "(RuntimeError: a signal failed)")
    if command == "score":
        assert result.exit_code == 0 and [json.loads(line)["ref"] for line in result.stdout.splitlines()] == [
            "prs.jsonl:1", "prs.jsonl:3"]
    else:
        assert result.exit_code == 0 and result.stdout.count("config: reload on rename events") == 2
        assert "1 record could be read but not scored" in result.stdout


def test_nothing_scored_is_an_error(tmp_path, one_record_breaks_the_scorer):
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(dict(CAREFUL, title="boom")) + "\n")
    result = CliRunner().invoke(build_app(), ["score", str(data)])
    assert result.exit_code == 3 and result.stderr.splitlines()[-1] == f"sieve score: {data}: no record could be scored"
