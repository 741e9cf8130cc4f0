"""The protocol sets built from ../shared/data match the counts its READMEs publish."""

import json
from collections import Counter
from datetime import datetime, timezone

import pytest

from bot.evaluation import datasets, splits


@pytest.fixture
def sets(shared_sets):
    out, errors = shared_sets
    assert errors == []  # the shared data is clean
    return out


def _by_repo(examples):
    return Counter((e.meta["repo"].rsplit("/", 1)[-1], e.y) for e in examples)


def test_e1_counts_match_the_git_prs_table(sets):
    # git_prs/README.md counts: jaeger 252 ai_agent / 1331 human, gluesql 40 / 225
    expected = {("jaeger", 1): 252, ("jaeger", 0): 1331, ("gluesql", 1): 40, ("gluesql", 0): 225}
    assert _by_repo(sets["E1"]) == expected
    assert _by_repo(sets["E1+"]) == expected


def test_e1_plus_restores_removed_lines_only_there(sets):
    restored = [(a, b) for a, b in zip(sets["E1"], sets["E1+"]) if a.snapshot != b.snapshot]
    assert restored, "some eval records have removed_lines"
    for plain, full in restored:
        if plain.snapshot.body or not plain.snapshot.commits:  # to the description (or as one: nowhere else)
            assert full.snapshot.body.startswith(plain.snapshot.body)
            assert len(full.snapshot.body) > len(plain.snapshot.body)
        else:  # none (a merge-style record): to the last commit message, where its trailers were
            assert full.snapshot.body == "" and full.snapshot.commits[:-1] == plain.snapshot.commits[:-1]
            assert full.snapshot.commits[-1].message.startswith(plain.snapshot.commits[-1].message)
    assert any(not p.snapshot.body and p.snapshot.commits for p, _ in restored)  # "body/commit messages"


def test_snapshots_never_carry_identity(sets):
    for examples in sets.values():
        for e in examples:
            assert (e.snapshot.author_login, e.snapshot.head_branch, e.snapshot.repo) == ("", "", "")


def test_e2_is_same_era_agent_vs_unlabeled(sets):
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert {e.meta["label"] for e in sets["E2"]} == {"ai_agent", "unlabeled"}
    assert all(datetime.fromisoformat(e.meta["date"]) >= start for e in sets["E2"])
    # every eval ai_agent merged record is from 2025 on, so E2 keeps all 292
    assert sum(e.y for e in sets["E2"]) == 292


def test_e3_outcomes(sets):
    aidev = [e for e in sets["E3"] if e.meta["source"] == "aidev"]
    refs = [e for e in sets["E3"] if e.meta["source"] == "git_pull_refs"]
    assert all(splits.is_eval_aidev_repo(e.meta["repo"]) for e in aidev)
    assert {(e.meta["outcome"], e.y) for e in aidev} == {("closed_unmerged", 1), ("merged", 0)}
    # README: ai_agent merged_squash jaeger 200, gluesql 35; not_merged 38 / 19 before likely_open
    refs_by_repo = _by_repo(refs)
    assert (refs_by_repo[("jaeger", 0)], refs_by_repo[("gluesql", 0)]) == (200, 35)
    assert 0 < refs_by_repo[("jaeger", 1)] <= 38 and 0 < refs_by_repo[("gluesql", 1)] <= 19


def test_e4_counts_match_the_protocol(sets):
    agents = [e for e in sets["E4"] if e.y == 1]
    humans = [e for e in sets["E4"] if e.y == 0]
    # data/README.md: 1,636 eval AIDev rows in 205 repositories; 1,333 human titles
    assert len(agents) == 1636 and len({e.meta["repo"] for e in agents}) == 205
    assert len(humans) == 1333
    assert all(e.snapshot.body == "" and not e.snapshot.commits for e in sets["E4"])


def test_smoke_set_is_stripped_of_attribution(sets):
    smoke = sets["smoke"]
    assert Counter(e.y for e in smoke) == {1: 12, 0: 3}
    text = " ".join(e.snapshot.body + " ".join(e.snapshot.commit_messages) for e in smoke)
    assert "Generated with [Claude Code]" not in text and "Co-Authored-By" not in text


def test_bad_lines_are_reported_and_skipped(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"title": "Fix", "label": "human", "repo": "o/r"}\n'
                    "{oops\n"
                    '{"title": "Add", "label": "ai_agent", "repo": "o/r", "outcome": "merged"}\n'
                    '{"label": "human"}\n')
    errors = []
    sets = datasets.data_file_sets(path, errors.append)
    assert [str(e).split(":")[:2] for e in errors] == [["mine.jsonl", "2"], ["mine.jsonl", "4"]]
    assert [e.y for e in sets["agent_vs_human"]] == [0, 1]
    assert [e.y for e in sets["low_effort"]] == [0]


def test_data_file_first_time_from_authors_and_dates_when_no_association(tmp_path):
    rows = [
        {"title": "Later fix", "label": "human", "repo": "o/r", "author_email": "a@x", "date": "2021-03-01T00:00:00+00:00"},
        {"title": "First fix", "label": "human", "repo": "o/r", "author_email": "A@x", "date": "2021-01-01T00:00:00+00:00"},
        {"title": "Elsewhere", "label": "human", "repo": "o/other", "author_email": "a@x", "date": "2021-06-01T00:00:00+00:00"},
        {"title": "Agent", "label": "ai_agent", "repo": "o/r", "author_email": "b@x", "date": "2025-01-01T00:00:00+00:00"},
        {"title": "Said so", "label": "human", "repo": "o/r", "author_association": "MEMBER", "author_email": "c@x",
         "date": "2020-01-01T00:00:00+00:00"},
        {"title": "Undated", "label": "human", "repo": "o/r", "author_email": "d@x"},
    ]
    path = tmp_path / "other.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    sets = datasets.data_file_sets(path, lambda e: None)
    flags = {e.snapshot.title: e.meta["first_time"] for e in sets["agent_vs_human"]}
    assert flags == {"Later fix": False, "First fix": True, "Elsewhere": True, "Agent": True,
                     "Said so": False, "Undated": None}


def test_commit_authors_that_are_not_a_list_fall_back_to_the_author(tmp_path):
    rows = [{"title": "Merge one", "label": "human", "repo": "o/r", "merge_style": "merge", "commit_authors": odd,
             "author_email": "a@x", "date": f"2021-0{i + 1}-01T00:00:00+00:00"}
            for i, odd in enumerate([{"a": 1}, "Ada <b@x>", [], ["Ada <a@x>"]])]
    path = tmp_path / "merges.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    sets = datasets.data_file_sets(path, lambda e: None)
    assert [e.meta["first_time"] for e in sets["agent_vs_human"]] == [True, False, False, False]
