"""The E1+-like reading of the training CV (``bot.model.markersback``): merged records with their
removed attribution lines put back, scored out of fold by the same fold models."""

from __future__ import annotations

import json

import numpy as np
import scipy.sparse as sp

from bot.model import data, markersback
from bot.model.data import Example
from bot.model.persist import METADATA_FILE
from bot.snapshot import PRSnapshot


def test_with_rows_replaces_exactly_the_named_rows_in_order():
    X = sp.csr_matrix(np.arange(12, dtype=float).reshape(4, 3))
    R = sp.csr_matrix(np.array([[100.0, 0, 1], [0, 200.0, 0]]))
    out = markersback.with_rows(X, [3, 1], R).toarray()
    assert out.tolist() == [[0, 1, 2], [0, 200, 0], [6, 7, 8], [100, 0, 1]]


def test_every_training_reports_its_e1_plus_like_figures(small_model):
    cv = json.loads((small_model.parent / METADATA_FILE).read_text())["cv"]
    back = cv["markers_back"]
    assert 0.0 < back["E1_like"]["auc"] <= 1.0
    assert set(back["per_repo_E1_like_auc"]) == set(cv["per_repo"])
    known = [a for a in back["per_repo_E1_like_auc"].values() if a is not None]
    assert back["mean_per_repo_E1_like"] == round(float(np.mean(known)), 4)


def test_the_view_reads_only_git_merged_records_with_their_lines_put_back(monkeypatch, tmp_path):
    merged = Example(PRSnapshot(title="Fix"), 1, 1.0, "fiber", "git_prs", "git_prs:a#1:x")
    copy = Example(PRSnapshot(title="Fix"), 0, 1.0, "fiber", "git_prs_headed", "git_prs:a#1:x")
    other = Example(PRSnapshot(title="Other"), 0, 1.0, "fiber", "git_prs", "git_prs:a#2:y")
    trailer = PRSnapshot(title="Fix", body="Co-Authored-By: Claude <noreply@anthropic.com>")
    monkeypatch.setattr(data, "merged_with_markers", lambda shared, small=False: {"git_prs:a#1:x": trailer})
    seen = []

    def featurise(_feats, examples):
        seen.extend(e.snapshot for e in examples)
        return sp.csr_matrix(np.full((len(examples), 2), 9.0))

    X = sp.csr_matrix(np.ones((3, 2)))
    out = markersback.view(X, None, [merged, copy, other], tmp_path, as_features=featurise).toarray()
    assert seen == [trailer] and out.tolist() == [[9, 9], [1, 1], [1, 1]]
