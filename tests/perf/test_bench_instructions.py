"""``benchmarks/bench_instructions.py`` reads callgrind's count and turns two runs into a per-PR figure."""

from __future__ import annotations

import pytest

from tests.benchmark_scripts import load

bench = load("bench_instructions")


def test_reads_the_collected_line_of_callgrind():
    output = "==6386== Events    : Ir\n==6386== Collected : 13324834379\n==6386== I   refs:      13,324,834,379\n"
    assert bench.collected(output) == 13_324_834_379


def test_a_run_without_a_count_is_an_error_that_shows_the_output():
    with pytest.raises(RuntimeError, match="(?s)no 'Collected' line.*valgrind: not found"):
        bench.collected("valgrind: not found")


def test_the_figure_is_the_difference_per_pr_scored():
    assert bench.per_pr(setup=8_870_000_000, with_batches=13_300_000_000, prs=300, batches=2) == pytest.approx(7_383_333.33)


def test_the_workload_scores_the_batches_asked_for():
    cmd = bench.command(prs=12, batches=3)
    assert cmd[:2] == ["valgrind", "--tool=callgrind"] and "_snapshots(12)" in cmd[-1] and "range(3)" in cmd[-1]
