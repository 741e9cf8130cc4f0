"""The protocol's merged records: a record without an author or a date has an unknown first-time flag
(None, left out of the slice: "first-time contributors where known"), not False (review-eval #5)."""

from __future__ import annotations

import json

from bot.evaluation import datasets


def test_a_merged_record_without_author_or_date_is_unknown_not_first_time(tmp_path):
    (tmp_path / "git_prs").mkdir()
    rows = [{"repo": "x/jaeger", "date": "2020-01-01T00:00:00Z", "title": "no author", "body": "b", "label": "human"},
            {"repo": "x/jaeger", "author_email": "a@x", "title": "no date", "body": "b", "label": "human"},
            {"repo": "x/jaeger", "author_email": "a@x", "date": "not a date", "title": "bad date", "body": "b",
             "label": "human"},
            {"repo": "x/jaeger", "author_email": "a@x", "date": "2021-01-01T00:00:00Z", "title": "dated",
             "body": "b", "label": "human"},
            {"repo": "x/jaeger", "author_email": "a@x", "date": "2022-01-01T00:00:00Z", "title": "later",
             "body": "b", "label": "human"}]
    (tmp_path / "git_prs" / "jaeger.prs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    flags = {rec.snapshot.title: meta["first_time"] for rec, meta in datasets.merged_records(tmp_path, "jaeger")}
    assert flags == {"no author": None, "no date": None, "bad date": None, "dated": True, "later": False}
