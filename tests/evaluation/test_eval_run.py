"""``benchmarks/eval_run.py``'s own pieces: the summary it keeps, and band shares."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from bot.evaluation.datasets import Example
from bot.snapshot import PRSnapshot
from tests.benchmark_scripts import load


def test_the_summary_names_no_pr_of_the_evaluation_split():
    """It stored the worst-ranked E1 and E2 PRs (titles, repositories, scores) as ``misses``: the protocol
    forbids design decisions on the evaluation split, so new metadata keeps figures only (review-eval)."""
    import json

    y = [0, 0, 1, 1, 0, 1]
    examples = [Example(PRSnapshot(title=f"secret title {i}"), label, {"repo": f"o/r{i % 2}", "ref": f"e.jsonl:{i}",
                                                                     "first_time": i == 0, "short_body": True})
                for i, label in enumerate(y)]
    sets = {name: examples for name in ("E1", "E2")}
    scored = {name: (np.array(y), np.array([0.9, 0.1, 0.2, 0.8, 0.5, 0.7])) for name in sets}
    summary = load("eval_run").summarize(sets, scored, 0.6, 0.4, "2030-01-01T00:00:00+00:00")
    assert "misses" not in summary and summary["sets"]["E1"]["auc"] == 0.5556
    text = json.dumps(summary)
    assert "secret title" not in text and "e.jsonl" not in text


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
