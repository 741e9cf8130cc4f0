"""``sieve eval --data``: ``ai_agent`` rows whose outcome the low-effort rule does not read as rejected
or merged are left out of ``low_effort`` with a note, as other labels are (review-eval #5: an export with
GitHub's ``outcome: "closed"`` got a smaller low-effort set, or none, and nothing said why)."""

from __future__ import annotations

import json

from bot.evaluation import datasets


def _sets(tmp_path, rows):
    path = tmp_path / "agents.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    notes: list[str] = []
    return datasets.data_file_sets(path, lambda e: None, notes.append), notes


def _agent(n, **extra):
    return {"title": f"Fix {n}", "label": "ai_agent", "repo": "o/r", **extra}


def test_agent_rows_with_an_outcome_the_rule_does_not_read_are_counted_in_a_note(tmp_path):
    sets, notes = _sets(tmp_path, [
        _agent(1, outcome="merged"), _agent(2, outcome="closed_unmerged"),
        _agent(3, outcome="closed"), _agent(4, outcome="closed"), _agent(5, outcome="open"),
        _agent(6, outcome="not_merged"), _agent(7), _agent(8, outcome=None),
        {"title": "Fix 9", "label": "human", "repo": "o/r", "outcome": "closed"},  # not an agent row: no set reads it
    ])
    assert [e.snapshot.title for e in sets["low_effort"]] == ["Fix 1", "Fix 2"]
    assert notes == ["agents.jsonl: 6 ai_agent records are not in the low-effort set: outcomes it reads as "
                     "neither rejected (closed_unmerged; not_merged with likely_open false) nor merged "
                     "(merged, merged_squash) ('closed' x2, 'not_merged' without likely_open false x1, "
                     "'open' x1, no outcome x2)"]


def test_one_such_row_is_named_in_the_singular(tmp_path):
    _, notes = _sets(tmp_path, [_agent(1, outcome="merged"), _agent(2, outcome="open")])
    assert notes == ["agents.jsonl: 1 ai_agent record is not in the low-effort set: outcomes it reads as "
                     "neither rejected (closed_unmerged; not_merged with likely_open false) nor merged "
                     "(merged, merged_squash) ('open' x1)"]


def test_a_file_whose_agent_rows_carry_no_outcome_has_no_note(tmp_path):
    sets, notes = _sets(tmp_path, [_agent(1), _agent(2, outcome=None),
                                   {"title": "Fix 3", "label": "human", "repo": "o/r"}])
    assert "low_effort" not in sets and notes == []
