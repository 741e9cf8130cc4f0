"""``sieve eval --data`` files: what ``data_file_sets`` reads beside the snapshot (found by an outside review)."""

from __future__ import annotations

import json

from bot.evaluation import datasets


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _pull(number: int, body) -> dict:
    return {"number": number, "title": f"Update README {number}", "body": body, "head": {"ref": "patch-1"},
            "base": {"repo": {"full_name": "octo/hello"}}, "user": {"login": "someone"}}


def test_a_bundles_null_body_is_an_empty_description_in_the_short_body_slice(tmp_path):
    """GitHub's ``body: null`` means the author wrote nothing: it was counted as an unknown body."""
    path = _write(tmp_path / "bundles.jsonl", [
        {"pull": _pull(1, None), "files": [], "commits": [], "label": "human"},  # REST bundle
        {**_pull(2, None), "label": "human"},  # a bare pulls/get response
        {"pull": _pull(3, "z" * 300), "files": [], "commits": [], "label": "human"},
    ])
    examples = datasets.data_file_sets(path, lambda e: None, lambda n: None)["agent_vs_human"]
    assert [e.meta["short_body"] for e in examples] == [True, True, False]


def test_a_data_record_without_a_body_key_has_an_unknown_body(tmp_path):
    path = _write(tmp_path / "records.jsonl", [
        {"title": "Fix a", "label": "human"},  # no body key (a pull ref has none): unknown
        {"title": "Fix b", "body": None, "label": "human"},
        {"title": "Fix c", "body": "", "label": "human"},
    ])
    examples = datasets.data_file_sets(path, lambda e: None, lambda n: None)["agent_vs_human"]
    assert [e.meta["short_body"] for e in examples] == [None, True, True]


def test_a_missing_or_null_label_is_named_no_label_in_the_note(tmp_path):
    """It was printed as 'None', which reads like a label string "None"."""
    path = _write(tmp_path / "labels.jsonl", [
        {"title": "Fix a", "label": "human"}, {"title": "Fix b"}, {"title": "Fix c", "label": None},
        {"title": "Fix d", "label": "bot"}, {"title": "Fix e", "label": "None"},
    ])
    notes: list[str] = []
    datasets.data_file_sets(path, lambda e: None, notes.append)
    assert notes == ["labels.jsonl: 4 records are not compared: labels other than 'ai_agent' and 'human' "
                     "('None' x1, 'bot' x1, no label x2)"]


def test_records_that_repeat_an_earlier_id_or_pull_request_are_named_in_one_note(tmp_path):
    """Two overlapping exports concatenated were counted twice with no word (found by an outside review)."""
    rows = [{"id": "a1", "title": "Fix a", "label": "human"},
            {"repo": "o/r", "number": 7, "title": "Fix b", "label": "ai_agent"},
            {"pull": {**_pull(8, "text"), "id": 808}, "files": [], "commits": [], "label": "human"}]
    path = _write(tmp_path / "dup.jsonl", rows + [
        {"id": "a1", "title": "Fix a again", "label": "human"},  # same id
        {"repo": "o/r", "number": 7, "title": "Fix b again", "label": "ai_agent"},  # same repo#number
        {"pull": _pull(8, "text"), "files": [], "commits": [], "label": "human"},  # same octo/hello#8
        {"id": "a1", "title": "Fix a, labelled otherwise", "label": "bot"},  # not compared: not counted
        {"id": "a2", "repo": "o/r", "number": 9, "title": "Fix c", "label": "human"},  # new
    ])
    notes: list[str] = []
    sets = datasets.data_file_sets(path, lambda e: None, notes.append)
    assert len(sets["agent_vs_human"]) == 7  # still counted, as before
    assert [n for n in notes if "repeat" in n] == [
        "dup.jsonl: 3 records repeat an earlier record's id or repo#number; each is counted again in "
        "the figures (remove repeats to count each PR once)"]


def test_a_file_without_repeats_has_no_repeat_note(tmp_path):
    path = _write(tmp_path / "ok.jsonl", [{"id": 1, "title": "Fix a", "label": "human"},
                                          {"id": 2, "repo": "o/r", "number": 1, "title": "Fix b", "label": "human"},
                                          {"id": 3, "repo": "o/s", "number": 1, "title": "Fix c", "label": "human"}])
    notes: list[str] = []
    datasets.data_file_sets(path, lambda e: None, notes.append)
    assert notes == []
