"""People's PRs with their first commit's body as the description: the copies and their report."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from bot.model import commitbody, data, lessons, metadata, train
from bot.model.data import Example
from bot.model.features import texts_of
from bot.snapshot import Commit, FileChange, PRSnapshot

BODY = "Right now each favicon response sets Cache-Control to one year; this lets the app choose."


def test_the_copy_body_is_the_first_commits_body_without_its_subject():
    messages = [f"Add favicon cache option\n\n{BODY}\n\nSigned-off-by: A <a@example.org>", "fix lint"]
    assert commitbody.copy_body(messages) == f"{BODY}\n\nSigned-off-by: A <a@example.org>"  # as GitHub fills it


def test_no_copy_without_a_description_worth_reading():
    assert commitbody.copy_body([]) is None
    assert commitbody.copy_body(["Fix typo"]) is None  # no body
    assert commitbody.copy_body(["Fix typo\n\nSigned-off-by: Ann Example <ann@example.org>"]) is None  # a sign-off
    assert commitbody.copy_body(["Squash\n\n* first commit subject here\n* second commit subject here too"]) is None
    assert commitbody.copy_body([f"Docs\n\n## Summary\n\n{BODY}"]) is None


def test_no_copy_of_a_commit_merged_upstream_before_the_branch():
    assert commitbody.copy_body([f"replace all imports to use the new org (#5)\n\n{BODY}", "my change"]) is None
    assert commitbody.copy_body([f"Merge branch 'main' into fix\n\n{BODY}"]) is None


def _human(rid: str, body: str, first: str, source: str = "git_prs", weight: float = 1.0, label: int = 0) -> Example:
    snap = PRSnapshot(title="Add favicon cache option", body=body, commits=(Commit(first), Commit("fix lint")),
                      files=(FileChange("favicon.go", additions=3, deletions=1),), additions=3, deletions=1)
    return Example(snap, label, weight, "fiber", source, rid)


def test_copies_are_made_of_people_without_a_description_of_their_own():
    with_body = f"Add favicon cache option\n\n{BODY}"
    rows = [_human("a", "", with_body), _human("b", "* one\n* two", with_body, source="git_pull_refs"),
            _human("c", "A description of my own, long enough to be one.", with_body),  # has one: no copy
            _human("d", "", "Add favicon cache option"),  # the commit has no body
            _human("e", "", with_body, weight=0.3),  # an unlabeled row
            _human("f", "", with_body, label=1)]  # an agent
    copies = list(lessons.bodied_copies(rows, 4.0))
    assert [c.record_id for c in copies] == [f"{data.BODIED}:a", f"{data.BODIED}:b"]
    assert [c.source for c in copies] == ["git_prs" + data.BODIED, "git_pull_refs" + data.BODIED]
    for copy, original in zip(copies, rows):
        assert copy.snapshot.body == BODY and texts_of(copy.snapshot).body == BODY
        assert (copy.snapshot.commits, copy.snapshot.files, copy.group) == (original.snapshot.commits,
                                                                             original.snapshot.files, "fiber")
        assert (copy.label, copy.weight, copy.fit_weight) == (0, 1.0, 4.0)
        assert data.is_copy(copy) and data.record_key(copy) == original.record_id


def test_with_a_line_limit_only_the_small_copies_are_fitted_and_the_rest_are_scored():
    with_body = f"Add favicon cache option\n\n{BODY}"
    small, big = _human("small", "", with_body), _human("big", "", with_body)
    big = Example(replace(big.snapshot, additions=30, deletions=1), 0, 1.0, "fiber", "git_prs", "big")
    limited = {c.record_id: c.fit_weight for c in lessons.bodied_copies([small, big], 4.0, max_lines=20)}
    assert limited == {f"{data.BODIED}:small": 4.0, f"{data.BODIED}:big": 0.0}
    every = {c.record_id: c.fit_weight for c in lessons.bodied_copies([small, big], 4.0)}
    assert every == {f"{data.BODIED}:small": 4.0, f"{data.BODIED}:big": 4.0}


def test_the_line_limit_is_written_in_the_metadata_and_the_version_only_when_set(tmp_path):
    shared = tmp_path
    options = train.TrainOptions(out_dir=shared, shared=shared, bodied_weight=4.0, bodied_max_lines=20)
    assert metadata._bodied(options) == {"commit_body_human_copies": 4.0, "commit_body_copies_max_lines": 20}
    assert metadata._bodied_tag(options) == "-bodied20"
    unlimited = train.TrainOptions(out_dir=shared, shared=shared, bodied_weight=4.0, bodied_max_lines=None)
    assert metadata._bodied(unlimited) == {"commit_body_human_copies": 4.0} and metadata._bodied_tag(unlimited) == "-bodied"
    none_fitted = train.TrainOptions(out_dir=shared, shared=shared, bodied_weight=0.0)  # v9's design
    assert metadata._bodied_tag(none_fitted) == "" and metadata._bodied(none_fitted) == {"commit_body_human_copies": 0.0}
    assert metadata._bodied_tag(train.TrainOptions(out_dir=shared, shared=shared, bodied_weight=None)) == ""


def test_training_builds_copies_only_when_asked_and_leaves_them_out_of_the_length_balance(shared):
    plain = data.training_examples(shared, small=True)
    with_copies = data.training_examples(shared, small=True, bodied_weight=0.0)
    copies = [e for e in with_copies if e.source.endswith(data.BODIED)]
    assert copies and all(e.fit_weight == 0.0 for e in copies)
    assert [e for e in with_copies if not data.is_copy(e)] == plain
    assert data.dataset_id(with_copies) == data.dataset_id(plain)
    assert all(e.source.endswith(data.LESSONS) for e in copies)
    v10 = train.TrainOptions(out_dir=shared, shared=shared)
    assert (v10.bodied_weight, v10.bodied_max_lines) == (4.0, 20)  # v10 fits the small ones; v9 fitted none


def test_the_cv_report_gives_the_copies_beside_their_records_and_the_small_ones_apart():
    rows = [_human(f"h{i}", "", f"Subject\n\n{BODY}") for i in range(40)] + [
        _human(f"a{i}", BODY, "Subject", label=1) for i in range(10)]
    copies = list(lessons.bodied_copies(rows, 1.0))
    big = Example(PRSnapshot(title="t", additions=400, deletions=0), 0, 1.0, "fiber", "git_prs" + data.BODIED,
                  f"{data.BODIED}:h0")
    examples = rows + copies + [big]
    p = np.array([0.1] * 40 + [0.9] * 10 + [0.95] * len(copies) + [0.05])
    report = metadata.cv_report(examples, p, np.ones(len(examples), bool))["commit_body_copies"]
    assert report["all"]["n"] == 41 and report["small"]["n"] == 40
    assert report["small"]["above_high"] == 1.0 and report["small"]["as_written_above_high"] == 0.0
    assert report["all"]["above_medium"] == round(40 / 41, 4)
