"""What the CLI prints from files and PRs is text, never rich markup: brackets in a file name or
in a PR's words are shown as they are, and never stop the command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")

BODY = "Added unit tests for [/link] and [bold]x[/bold]."
BUNDLE = {"pull": {"title": "Fix the [/x] crash", "body": BODY, "number": 3, "user": {"login": "a"},
                   "head": {"ref": "b", "sha": "abc"}, "base": {"repo": {"full_name": "o/r"}}},
          "files": [{"filename": "src/parse.py", "status": "modified", "additions": 1, "deletions": 1,
                     "patch": "@@ -1 +1 @@\n-a\n+b"}],
          "commits": [{"commit": {"message": "Update parse", "author": {"name": "a", "email": "a@b"}}}]}


def test_sieve_score_shows_bracketed_names_and_evidence_verbatim(tmp_path):
    path = tmp_path / "[red]pr.json"
    path.write_text(json.dumps(BUNDLE))
    result = CliRunner().invoke(build_app(), ["score", str(path)], env={"COLUMNS": "300"})
    assert result.exit_code in (0, 1, 2), result.output  # a band, not a crash
    assert "[red]pr.json" in result.output and "[/link] and [bold]x[/bold]" in result.output


def test_sieve_eval_shows_a_bracketed_file_name_verbatim(tmp_path):
    rows = [{"title": f"t{i}", "body": "b", "label": "ai_agent" if i % 2 else "human", "repo": f"o/[/r{i % 3}]",
             "commit_messages": ["m"], "files": [{"path": "x.py", "additions": 1, "deletions": 0}]}
            for i in range(12)]
    path = tmp_path / "[bold]set.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = CliRunner().invoke(build_app(), ["eval", "--data", str(path), "--roc", str(tmp_path / "roc.png")],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "[bold]set.jsonl" in result.output
