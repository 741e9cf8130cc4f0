"""A PR the scorer cannot handle is named on one line; the rest of the batch is still scored."""

from __future__ import annotations

import json
import shutil

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
    assert result.exit_code == 3  # the other two are printed, but they are not the whole file
    if command == "score":
        assert [json.loads(line)["ref"] for line in result.stdout.splitlines()] == ["prs.jsonl:1", "prs.jsonl:3"]
    else:
        assert result.stdout.count("config: reload on rename events") == 2
        assert "1 record could be read but not scored" in result.stdout


@pytest.mark.parametrize("args", [["score", "--json"], ["score"], ["report"]])
def test_a_record_that_cannot_be_read_makes_the_exit_3_and_the_rest_are_printed(tmp_path, args):
    """``sieve score`` exited with the band of the records it could read (0 for a low one), and
    ``sieve report`` with 0: a script could not tell the output left records out."""
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(CAREFUL) + "\n{broken\n")
    result = CliRunner().invoke(build_app(), [*args[:1], str(data), *args[1:]])
    assert result.exit_code == 3, result.output
    assert result.stderr.strip() == f"sieve {args[0]}: prs.jsonl:2: not valid JSON (Expecting property name " \
                                    "enclosed in double quotes at column 2)"
    assert "prs.jsonl:1" in result.stdout
    data.write_text(json.dumps(CAREFUL) + "\n")  # every record read: the band's exit, or 0
    whole = CliRunner().invoke(build_app(), [*args[:1], str(data), *args[1:]])
    assert whole.exit_code in ((0, 1, 2) if args[0] == "score" else (0,)), whole.output


def test_nothing_scored_is_an_error(tmp_path, one_record_breaks_the_scorer):
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(dict(CAREFUL, title="boom")) + "\n")
    result = CliRunner().invoke(build_app(), ["score", str(data)])
    assert result.exit_code == 3 and result.stderr.splitlines()[-1] == f"sieve score: {data}: no record could be scored"


@pytest.mark.skipif(shutil.which("git") is None, reason="git executable not found")
@pytest.mark.parametrize("command", ["score", "report"])
def test_a_git_range_that_cannot_be_scored_is_named(tmp_path, one_record_breaks_the_scorer, command):
    from tests.gitrepo import commit, git

    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "initial")
    git(tmp_path, "checkout", "-q", "-b", "topic")
    (tmp_path / "a.txt").write_text("x\n")
    commit(tmp_path, "boom")
    result = CliRunner().invoke(build_app(), [command, "--git", "main..topic", "--repo", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1] == f"sieve {command}: main..topic: no record could be scored"
