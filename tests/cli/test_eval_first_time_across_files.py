"""``sieve eval --data`` with several files of one repository: the first-time slice is each author's
earliest record per repository over every file given, not per file (review-eval #2: an export per
year or per class flagged an author's earliest record in each file as first-time, and the pooled
``all:`` set counted that author as first-time again)."""

from __future__ import annotations

from bot.cli import evaluate
from tests.eval_cli import write_jsonl


def _row(title, label, author, date, repo="o/r", **extra):
    return {"title": title, "label": label, "repo": repo, "author_email": author,
            "date": f"{date}T00:00:00+00:00", **extra}


def _flags(sets, name):
    return {e.snapshot.title: e.meta["first_time"] for e in sets[name]}


def _sets(tmp_path):
    early = write_jsonl(tmp_path / "y2020.jsonl", [
        _row("p 2020", "human", "p@x", "2020-05-01"),
        _row("u 2020", "unlabeled", "u@x", "2020-06-01"),  # compared nowhere, but earlier
    ])
    late = write_jsonl(tmp_path / "y2021.jsonl", [
        _row("p 2021", "human", "p@x", "2021-05-01"),
        _row("u 2021", "ai_agent", "u@x", "2021-06-01"),
        _row("q 2021", "human", "q@x", "2021-07-01"),
        _row("p elsewhere", "human", "p@x", "2021-08-01", repo="o/other"),
    ])
    return evaluate._build_sets([early, late], lambda e: None, lambda n: None)


def test_an_authors_earlier_record_in_another_file_makes_the_later_one_not_first_time(tmp_path):
    sets = _sets(tmp_path)
    late = next(name for name in sets if name.endswith("y2021.jsonl:agent_vs_human"))
    assert _flags(sets, late) == {"p 2021": False, "u 2021": False, "q 2021": True, "p elsewhere": True}


def test_the_pooled_set_reads_the_same_flags_as_the_files(tmp_path):
    flags = _flags(_sets(tmp_path), "all:agent_vs_human")
    assert flags == {"p 2020": True, "p 2021": False, "u 2021": False, "q 2021": True, "p elsewhere": True}


def test_one_file_alone_still_flags_its_own_earliest_records(tmp_path):
    late = write_jsonl(tmp_path / "y2021.jsonl", [_row("p 2021", "human", "p@x", "2021-05-01"),
                                                  _row("p 2022", "human", "p@x", "2022-05-01")])
    sets = evaluate._build_sets([late], lambda e: None, lambda n: None)
    assert _flags(sets, "y2021.jsonl:agent_vs_human") == {"p 2021": True, "p 2022": False}
