"""``sieve eval --data`` on a file whose name is not UTF-8 (``pr\\xffs.jsonl``).

The set is named after the file. With the undecodable byte kept as ``\\udcff``, matplotlib
refused the ROC legend (a traceback, the report lost) and the JSON report carried the lone
surrogate escape ``"\\udcff"``, which strict parsers refuse.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from typer.testing import CliRunner

from bot.cli import evaluate
from tests.eval_cli import eval_app as _app

ROWS = [{"title": "Fix race in span flush", "body": "x" * 300, "label": "human", "repo": "o/a"},
        {"title": "Add a comprehensive helper module " * 3, "body": "Summary", "label": "ai_agent", "repo": "o/a"}]
LONE_SURROGATE_ESCAPE = re.compile(r"\\ud[89a-f][0-9a-f]{2}", re.IGNORECASE)



@pytest.fixture
def odd_name(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluate, "load_scorer",
                        lambda model, as_scored=False: lambda snaps: [min(1.0, len(s.title) / 400) for s in snaps])
    path = tmp_path / os.fsdecode(b"pr\xffs.jsonl")
    try:
        path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    return path


def test_the_report_and_the_roc_curves_are_written(odd_name, tmp_path):
    roc = tmp_path / "roc.png"
    result = CliRunner().invoke(_app(), ["eval", "--data", str(odd_name), "--json", "--roc", str(roc)])
    assert result.exit_code == 0, result.output
    assert roc.is_file()
    assert not LONE_SURROGATE_ESCAPE.search(result.stdout)
    report = json.loads(result.stdout)
    json.dumps(report, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
    assert list(report["sets"]) == ["pr\ufffds.jsonl:agent_vs_human"]
    assert report["sets"]["pr\ufffds.jsonl:agent_vs_human"]["auc"] == 1.0
