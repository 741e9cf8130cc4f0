"""``sieve report`` ranks PRs by score in Markdown and neutralises their titles."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")

CAREFUL = {"title": "config: reload on rename events", "body": (
    "Editors that save through a rename emit RENAME + CREATE, so the reload never ran. "
    "This watches the directory and filters on the base name. Tested with "
    "`go test ./internal/config/... -count=50`."),
    "commit_messages": ["config: watch the directory so renames reload"],
    "files": [{"path": "internal/config/watch.go", "additions": 14, "deletions": 5},
              {"path": "internal/config/watch_test.go", "additions": 22, "deletions": 0}]}
HOSTILE = {"title": "@maintainers <img src=x onerror=alert(1)> [click](https://evil.example)",
           "body": "## 🚀 Summary\n\nThis PR introduces comprehensive, robust improvements.\n\n"
                   "## ✅ Testing\n\n- [x] Added unit tests\n- [x] All tests pass\n\nFixes #1",
           "commit_messages": ["Initial plan", "Update README.md"],
           "files": [{"path": "README.md", "additions": 1, "deletions": 1}]}


def test_report_ranks_by_score_and_neutralises_titles(tmp_path):
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(CAREFUL) + "\n" + json.dumps(HOSTILE) + "\n{broken\n")
    out = tmp_path / "report.md"
    result = CliRunner().invoke(build_app(), ["report", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| ") and "prs.jsonl" in line]
    assert [("prs.jsonl:2" in rows[0]), ("prs.jsonl:1" in rows[1])] == [True, True]
    assert "<img" not in text and "](https://evil" not in text
    assert "@maintainers" not in text  # no live mention
    assert "prs.jsonl:3" in result.output  # the broken line is named on stderr
