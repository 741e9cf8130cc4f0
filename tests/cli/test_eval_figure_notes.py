"""``sieve eval --data``: notes that say why a set's figures are missing or read otherwise than their
names say (found by an outside review)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import evaluate
from tests.eval_cli import eval_app as _app, write_jsonl as _write




@pytest.fixture(autouse=True)
def scored_by_title(monkeypatch):
    """Score = the number after '#' in the title / 1000."""
    monkeypatch.setattr(evaluate, "load_scorer",
                        lambda model, as_scored=False: lambda snaps: [int(s.title.split("#")[1]) / 1000
                                                                      for s in snaps])


def _rows(label: str, scores, **extra) -> list[dict]:
    return [{"title": f"Change #{s}", "body": "text", "label": label, **extra} for s in scores]


def run(tmp_path, *paths):
    args = [a for p in paths for a in ("--data", str(p))]
    result = CliRunner().invoke(_app(), ["eval", *args, "--json", "--roc", str(tmp_path / "roc.png")])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_one_class_set_says_why_it_has_no_auc(tmp_path):
    people = _write(tmp_path / "people.jsonl", _rows("human", [100, 200]))
    report = run(tmp_path, people)
    assert report["sets"]["people.jsonl:agent_vs_human"]["auc"] is None
    assert "people.jsonl:agent_vs_human: 0 ai_agent records: AUC and TPR@FPR undefined" in report["notes"]


def test_each_one_class_set_gets_its_note_and_a_two_class_set_none(tmp_path):
    agents = _write(tmp_path / "agents.jsonl",
                    _rows("ai_agent", [900, 800], outcome="merged"))  # low_effort: merged ones only
    people = _write(tmp_path / "people.jsonl", _rows("human", [100, 200]))
    notes = [n for n in run(tmp_path, agents, people)["notes"] if "undefined" in n]
    assert notes == [f"{agents}:agent_vs_human: 0 human records: AUC and TPR@FPR undefined",
                     f"{agents}:low_effort: 0 rejected records: AUC and TPR@FPR undefined",
                     f"{people}:agent_vs_human: 0 ai_agent records: AUC and TPR@FPR undefined"]


def test_too_few_negatives_for_tpr_at_1_and_5_percent_is_said(tmp_path):
    """With 17 negatives both figures are the TPR at FPR 0 (1/17 > 5 %), read at face value before."""
    rows = _rows("ai_agent", [900, 800, 50]) + _rows("human", range(100, 117))  # one agent below every human
    report = run(tmp_path, _write(tmp_path / "small.jsonl", rows))
    s = report["sets"]["small.jsonl:agent_vs_human"]
    assert s["n_neg"] == 17 and s["tpr_at_fpr1"] == s["tpr_at_fpr5"] == round(2 / 3, 4)
    assert report["notes"] == [
        "small.jsonl:agent_vs_human: n_neg=17: TPR@1% and TPR@5% are read at FPR 0 (no negative flagged), "
        "not at the FPR named: the smallest FPR above 0 is 1/17 = 5.9 %, and TPR@X% is the best TPR at an "
        "FPR of at most X %"]


def test_between_20_and_99_negatives_only_tpr_at_1_percent_is_read_at_fpr_0(tmp_path):
    rows = _rows("ai_agent", [900, 800]) + _rows("human", range(100, 140))
    notes = run(tmp_path, _write(tmp_path / "forty.jsonl", rows))["notes"]
    assert notes == ["forty.jsonl:agent_vs_human: n_neg=40: TPR@1% is read at FPR 0 (no negative flagged), "
                     "not at the FPR named: the smallest FPR above 0 is 1/40 = 2.5 %, and TPR@X% is the best "
                     "TPR at an FPR of at most X %"]


def test_100_negatives_give_both_figures_without_a_note(tmp_path):
    rows = _rows("ai_agent", [900, 800]) + _rows("human", range(100, 200))
    assert run(tmp_path, _write(tmp_path / "hundred.jsonl", rows))["notes"] == []
