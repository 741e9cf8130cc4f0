"""``benchmarks/train_noise.py``: its comparison, and one small run end to end."""

from __future__ import annotations

import numpy as np

from tests.benchmark_scripts import load


def test_differences_reports_the_largest_and_typical_gap():
    got = load("train_noise").differences(np.array([0.1, 0.5, 0.9, 0.3]), np.array([0.1, 0.4, 0.95, 0.3]))
    assert got["n"] == 4 and got["identical_share"] == 0.5
    assert abs(got["max"] - 0.1) < 1e-12
    assert abs(got["median"] - 0.025) < 1e-12


def test_a_small_training_runs_in_a_fresh_interpreter(shared, tmp_path):
    script = load("train_noise")
    model = script.train_in_subprocess(tmp_path / "m", shared, ["--small"], script.NO_FMA)
    summary = script.summary(model)
    assert summary["model_version"].endswith("-small")
    assert 0 < summary["thresholds"]["medium"] <= summary["thresholds"]["high"] < 1
