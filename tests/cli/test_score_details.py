"""``sieve score`` on one PR names what to fix, in the words the PR comment would use."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.app.render import signal_ask
from bot.cli import build_app
from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def details(name: str) -> str:
    result = CliRunner().invoke(build_app(), ["score", str(EXAMPLES / name)], env={"COLUMNS": "400"})
    assert result.exit_code in (0, 1, 2), result.output
    return result.output


def test_a_low_effort_pr_gets_the_comments_requests():
    out = details("low-effort-pr.json")
    todo = [line.split("to do: ", 1)[1] for line in out.splitlines() if "to do: " in line]
    assert 1 <= len(todo) <= 3
    assert signal_ask("claims_tests_without_tests") in todo or signal_ask("template_weight") in todo


def test_a_careful_pr_gets_nothing_to_do():
    assert "to do:" not in details("careful-ai-pr.json")


def test_terminal_escapes_in_a_prs_text_never_reach_the_terminal(tmp_path):
    """A PR's text is the author's: an ESC sequence in a line shown as evidence cleared and
    recoloured the maintainer's terminal (found by review). Evidence is printable text only."""
    import json

    bundle = json.loads((EXAMPLES / "low-effort-pr.json").read_text())
    bundle["pull"]["body"] += "\n\nGenerated with Claude Code \x1b[2J\x1b[41mINJECTED\x07\n"
    path = tmp_path / "escapes.json"
    path.write_text(json.dumps(bundle))
    result = CliRunner().invoke(build_app(), ["score", str(path)], env={"COLUMNS": "400"})
    assert result.exit_code in (0, 1, 2), result.output
    assert "Generated with Claude Code" in result.output  # the line is shown as evidence...
    assert "\x1b" not in result.output and "\x07" not in result.output  # ...without its control characters


def test_a_narrow_score_table_folds_each_records_name_instead_of_cutting_it(tmp_path):
    """At 80 columns every row of a long-named export read "kubernetes-kub…": no telling which
    line got which score (found by review)."""
    import json

    record = {"title": json.loads((EXAMPLES / "low-effort-pr.json").read_text())["pull"]["title"], "body": "b"}
    path = tmp_path / "kubernetes-kubernetes-open-prs-2025-11-28.jsonl"
    path.write_text((json.dumps(record) + "\n") * 2)
    result = CliRunner().invoke(build_app(), ["score", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1, 2), result.output
    assert "…" not in result.stdout
    cells = "".join(line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│"))
    assert f"{path.name}:1" in cells and f"{path.name}:2" in cells
