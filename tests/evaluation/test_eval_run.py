"""``benchmarks/eval_run.py``'s own pieces: which PRs it lists as misses, and band shares."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from bot.evaluation.datasets import Example
from bot.snapshot import PRSnapshot
from tests.benchmark_scripts import load


def test_misses_are_the_highest_negatives_and_lowest_positives():
    examples = [Example(PRSnapshot(title=f"pr {i}"), y, {"repo": "o/r"}) for i, y in enumerate([0, 0, 1, 1, 0])]
    y = np.array([e.y for e in examples])
    scores = np.array([0.9, 0.1, 0.2, 0.8, 0.5])
    worst = load("eval_run").misses(examples, y, scores, k=2)
    assert [m["title"] for m in worst["highest_negatives"]] == ["pr 0", "pr 4"]
    assert [m["title"] for m in worst["lowest_positives"]] == ["pr 2", "pr 3"]


def test_band_shares_count_high_and_medium_or_high():
    results = [SimpleNamespace(band=b) for b in ("high", "medium", "low", "low")]
    assert load("eval_run").band_shares(results, [0, 1, 2, 3]) == {"n": 4, "high": 0.25, "medium_or_high": 0.5}
    assert load("eval_run").band_shares(results, []) == {"n": 0, "high": 0.0, "medium_or_high": 0.0}


def test_each_band_is_applied_as_score_does(tmp_path):
    """A PR without a file list is read against the file-blind threshold (every E4 row): eval_run,
    which used the with-files one on every row, recorded E4's FPR at high at 9.5 %, sieve eval 0.1 %
    (review); both now take ``model_threshold`` for each band."""
    import json

    from bot.cli.evaluate import model_threshold
    from bot.evaluation.protocol import OperatingPoint
    from bot.model.persist import METADATA_FILE

    (tmp_path / METADATA_FILE).write_text(json.dumps({
        "band_probability_thresholds": {"high": 0.6, "medium": 0.4},
        "band_probability_thresholds_file_blind": {"high": 0.9, "medium": 0.77}}))
    model = tmp_path / "model.skops"
    assert model_threshold(model, "medium") == OperatingPoint(0.4, 0.77)
    assert model_threshold(model) == OperatingPoint(0.6, 0.9)


def test_data_rows_not_merged_with_unknown_likely_open_are_left_out():
    """The protocol's E3 rule is "likely_open = false"; a row that does not say is not a rejection."""
    from bot.evaluation.datasets import _outcome_y

    assert _outcome_y({"outcome": "not_merged", "likely_open": False}) == 1
    assert _outcome_y({"outcome": "not_merged"}) is None
    assert _outcome_y({"outcome": "not_merged", "likely_open": True}) is None
