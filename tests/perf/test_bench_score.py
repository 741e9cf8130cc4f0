"""``benchmarks/bench_score.py`` says which PRs it timed: without ../shared it falls back to one
example PR repeated, a different workload whose figures must not be compared with real ones."""

from __future__ import annotations

from tests.benchmark_scripts import load

bench = load("bench_score")


def test_without_shared_the_fallback_workload_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("SIEVE_SHARED_DIR", str(tmp_path / "missing"))
    assert bench.data_source() == "examples/low-effort-pr.json repeated (../shared not found)"
    snaps = bench._snapshots(3)
    assert len(snaps) == 3 and len({s.title for s in snaps}) == 1


def test_with_shared_real_prs_are_named(monkeypatch, tmp_path):
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("SIEVE_SHARED_DIR", str(tmp_path))
    assert bench.data_source() == f"real PRs from {tmp_path}/data"


def test_the_batch_is_timed_once_per_repeat(monkeypatch, tmp_path):
    from bot.model.persist import default_model_path

    monkeypatch.setenv("SIEVE_SHARED_DIR", str(tmp_path / "missing"))
    rates = bench._batch_rates(bench._snapshots(4), default_model_path(), repeat=3)
    assert len(rates) == 3 and all(r > 0 for r in rates)


def test_with_shared_the_timed_prs_are_training_split_records(shared):
    """Only records of the training split are timed: none of the AIDev file's evaluation repositories
    (and none left out by mistake: the records read carry their repository only in the raw row)."""
    from bot.evaluation.splits import is_eval_aidev_repo
    from bot.loaders.records import iter_records

    rows = list(bench._training(iter_records(shared / "data/aidev_pop/aidev_pop_agent_prs.jsonl")))
    assert len(rows) > 1000 and not any(is_eval_aidev_repo(r.raw["repo"]) for r in rows)
    assert len(bench._snapshots(30)) == 30
