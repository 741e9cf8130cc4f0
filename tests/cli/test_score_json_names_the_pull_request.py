"""``sieve score --json`` names the PR it scored, not only the line it was read from.

A dashboard joins the scores to PRs: ``ref`` is ``prs.jsonl:1`` or ``-``, so the repository and
number the input gives (``sieve report`` links them) are fields of their own, ``null`` when the
input has none, on every line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")

NAMED = {"repo": "gofiber/fiber", "pr_number": 4603, "title": "Fix race in span flush",
         "body": "Tested with go test -race."}
BARE = {"title": "Docs: fix a typo", "body": "One word."}


def test_each_line_carries_the_repository_and_number(tmp_path):
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(NAMED) + "\n" + json.dumps(BARE) + "\n")
    result = CliRunner().invoke(build_app(), ["score", "--json", str(data)])
    assert result.exit_code in (0, 1, 2), result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["ref"], r["repo"], r["number"]) for r in rows] == [
        ("prs.jsonl:1", "gofiber/fiber", 4603), ("prs.jsonl:2", None, None)]
    assert len({tuple(r) for r in rows}) == 1  # the same fields on every line


def test_a_bundle_names_its_pull_request(tmp_path):
    example = Path(__file__).resolve().parents[2] / "examples" / "low-effort-pr.json"
    result = CliRunner().invoke(build_app(), ["score", "--json", str(example)])
    row = json.loads(result.stdout)
    assert (row["ref"], row["repo"], row["number"]) == ("low-effort-pr.json", "example-org/widget-server", 1347)
