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


# --- the ROC PNG ----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"an older run's curves"


def test_without_roc_a_file_at_the_default_path_is_left_alone(tmp_path, monkeypatch, scored_titles):
    """A one-class file and no --roc removed out/roc.png in the working folder, whatever it held
    (found by an outside review)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    for held in (b"precious", PNG):
        (tmp_path / "out" / "roc.png").write_bytes(held)
        people = _write(tmp_path / "people.jsonl", PEOPLE)
        result = run("--data", str(people), "--json")
        assert result.exit_code == 0, result.output
        assert (tmp_path / "out" / "roc.png").read_bytes() == held
        assert json.loads(result.stdout)["notes"] == [
            "no ROC curve (no set has both labels); out/roc.png is not from this run (left as it was)"]


def test_a_named_roc_that_is_not_a_png_is_left_alone(tmp_path, scored_titles):
    roc = tmp_path / "roc.png"
    roc.write_bytes(b"precious")
    result = run("--data", str(_write(tmp_path / "people.jsonl", PEOPLE)), "--json", "--roc", str(roc))
    assert result.exit_code == 0, result.output
    assert roc.read_bytes() == b"precious"
    assert json.loads(result.stdout)["notes"] == [
        f"no ROC curve (no set has both labels); {roc} is not from this run (left as it was)"]


def test_a_named_roc_that_is_an_older_png_is_removed(tmp_path, scored_titles):
    roc = tmp_path / "roc.png"
    roc.write_bytes(PNG)
    result = run("--data", str(_write(tmp_path / "people.jsonl", PEOPLE)), "--json", "--roc", str(roc))
    assert result.exit_code == 0, result.output
    assert not roc.exists()
    assert json.loads(result.stdout)["notes"] == [f"no ROC curve (no set has both labels); the older {roc} was removed"]


def test_no_curve_creates_no_out_folder(tmp_path, monkeypatch, scored_titles):
    monkeypatch.chdir(tmp_path)
    result = run("--data", str(_write(tmp_path / "people.jsonl", PEOPLE)), "--json")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out").exists()


def test_a_curve_goes_to_out_roc_png_by_default(tmp_path, monkeypatch, scored_titles):
    monkeypatch.chdir(tmp_path)
    result = run("--data", str(_write(tmp_path / "both.jsonl", AGENTS + PEOPLE)), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["roc_png"] == "out/roc.png"
    assert (tmp_path / "out" / "roc.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
