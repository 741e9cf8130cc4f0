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
