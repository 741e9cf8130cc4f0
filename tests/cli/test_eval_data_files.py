"""``sieve eval --data``: several files, where the ROC PNG goes, and the bands under ``--as-scored``."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import evaluate

AGENTS = [{"title": "Add retry helper " + "x" * n, "body": "Summary", "label": "ai_agent", "repo": "o/a"}
          for n in (100, 140, 180)]
PEOPLE = [{"title": "Fix flush " + "y" * n, "body": "z" * 300, "label": "human", "repo": "o/a"}
          for n in (0, 20, 60)]


def _app():
    app = typer.Typer()
    app.callback()(lambda: None)  # keep "eval" a sub-command, as in the real CLI
    evaluate.register(app)
    return app


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture
def scored_titles(monkeypatch):
    """Score = title length / 400; the titles of every call are kept."""
    calls: list[list[str]] = []

    def load(model, as_scored=False):
        def score(snaps):
            calls.append([s.title for s in snaps])
            return [min(1.0, len(s.title) / 400) for s in snaps]
        return score

    monkeypatch.setattr(evaluate, "load_scorer", load)
    return calls


def run(*args, **kwargs):
    return CliRunner().invoke(_app(), ["eval", *args], **kwargs)


# --- several --data files -------------------------------------------------------------------


def test_agents_in_one_file_and_people_in_another_are_also_evaluated_together(tmp_path, scored_titles):
    """Each file was its own set: one class each, no AUC, exit 0 (found by an outside review)."""
    agents, people = _write(tmp_path / "agents.jsonl", AGENTS), _write(tmp_path / "people.jsonl", PEOPLE)
    result = run("--data", str(agents), "--data", str(people), "--json", "--roc", str(tmp_path / "roc.png"))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    alone = [report["sets"][f"{path}:agent_vs_human"] for path in (agents, people)]
    assert [(s["n_pos"], s["n_neg"], s["auc"]) for s in alone] == [(3, 0, None), (0, 3, None)]
    pooled = report["sets"]["all:agent_vs_human"]
    assert (pooled["n_pos"], pooled["n_neg"], pooled["auc"]) == (3, 3, 1.0)
    assert report["roc_png"] == str(tmp_path / "roc.png")
    # the pooled set gives each PR its first score: nothing is scored twice
    titles = [t for call in scored_titles for t in call]
    assert sorted(titles) == sorted(r["title"] for r in AGENTS + PEOPLE)


def test_the_pooled_set_is_in_the_table(tmp_path, scored_titles):
    agents, people = _write(tmp_path / "agents.jsonl", AGENTS), _write(tmp_path / "people.jsonl", PEOPLE)
    result = run("--data", str(agents), "--data", str(people), "--roc", str(tmp_path / "roc.png"),
                 env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "all:agent_vs_human" in line)
    assert "3/3" in row and "1.000" in row


def test_one_data_file_has_no_pooled_set(tmp_path, scored_titles):
    both = _write(tmp_path / "both.jsonl", AGENTS + PEOPLE)
    result = run("--data", str(both), "--json", "--roc", str(tmp_path / "roc.png"))
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)["sets"]) == ["both.jsonl:agent_vs_human"]
