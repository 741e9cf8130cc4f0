"""Benchmark the scorer: per-PR latency of score(), batch throughput, model load time and size.

Run: ``.venv/bin/python benchmarks/bench_score.py [--model PATH] [--n 2000] [--repeat 5]``. Uses
real training-split records from ../shared when present (otherwise the bundled example PR), pins
the process to one core where the OS allows it, and prints one line per figure plus JSON. The
batch is timed ``--repeat`` times and its median reported with the range: one batch on this
kind of shared machine varies by a quarter from run to run. The scorer timed is this checkout's
``bot`` (put first on the import path and printed), not whichever one the virtualenv installed,
so a run from a git worktree of older code times that code.
Targets: median <= 2 ms, >= 2,000 PRs/s batch, model <= 5 MB, load <= 0.5 s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _one_core() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return "pinned to one core"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def data_source() -> str:
    """What ``_snapshots`` scores: real PRs from ../shared, or one example PR over and over (a
    different workload: its figures do not compare with the real ones)."""
    from bot.paths import shared_dir

    shared = shared_dir()
    return f"real PRs from {shared}/data" if shared else "examples/low-effort-pr.json repeated (../shared not found)"


def _snapshots(n: int) -> list:
    from bot.loaders.github_json import load_bundle
    from bot.loaders.records import iter_records
    from bot.paths import shared_dir

    shared = shared_dir()
    if shared is None:
        example = Path(__file__).resolve().parents[1] / "examples" / "low-effort-pr.json"
        return [load_bundle(example)] * n
    paths = [shared / "data/git_prs/fiber.prs.jsonl", shared / "data/git_prs/sentry-python.prs.jsonl",
             shared / "data/aidev_pop/aidev_pop_agent_prs.jsonl"]
    records = (r for p in paths for r in itertools.islice(_training(iter_records(p)), n // len(paths) + 1))
    snaps = [r.snapshot for r in records]
    return list(itertools.islice(itertools.cycle(snaps), n))


def _training(records):
    """The records of the training split: the AIDev file's evaluation repositories are left out."""
    from bot.evaluation.splits import is_eval_aidev_repo
    from bot.loaders import LoadError

    return (r for r in records
            if not isinstance(r, LoadError) and not is_eval_aidev_repo(str(r.raw.get("repo") or "")))


def machine_loop_s() -> float:
    """Seconds for 10 M pure-Python additions (best of 3): a rough gauge of the machine's speed at
    the time of the run. It does not capture everything: regex and hashing work slowed 2x more
    than this loop between two sessions' machines."""
    best = float("inf")
    for _ in range(3):
        start, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def _cold_start(path: Path) -> float:
    """Seconds for a fresh interpreter to import everything and load the model."""
    code = ("import time; t = time.perf_counter(); from bot.model.persist import load_model; "
            f"load_model({str(path)!r}); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _batch_rates(snaps: list, path: Path, repeat: int) -> list[float]:
    """PRs per second of ``batch_score`` over ``snaps``, once per repeat."""
    from bot.scoring import batch_score

    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        batch_score(snaps, model_path=str(path))
        rates.append(len(snaps) / (time.perf_counter() - t0))
    return rates


def bench(model_path: str | None, n: int, repeat: int = 5) -> dict:
    from bot.model import machine
    from bot.model.persist import default_model_path, load_model
    from bot.scoring import ScoreConfig, _model, score

    path = Path(model_path) if model_path else default_model_path()
    cold_s = _cold_start(path)
    import sklearn.ensemble  # noqa: F401  library imports are not the model's load time
    import skops.io  # noqa: F401

    start = time.perf_counter()
    load_model(path)
    load_s = time.perf_counter() - start
    config = ScoreConfig(model_path=str(path))
    snaps = _snapshots(n)
    _model(str(path))
    score(snaps[0], config)  # warm-up: first call pays for lazy imports
    times = []
    for snap in snaps:
        t0 = time.perf_counter()
        score(snap, config)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    rates = _batch_rates(snaps, path, repeat)
    return {"prs": n, "score_median_ms": round(statistics.median(times), 3),
            "score_p99_ms": round(times[int(0.99 * (len(times) - 1))], 3),
            "batch_prs_per_s": round(statistics.median(rates), 1),
            "batch_prs_per_s_runs": [round(r, 1) for r in rates], "model_load_s": round(load_s, 3),
            "cold_start_s": round(cold_s, 3), "machine_loop_s": round(machine_loop_s(), 3),
            "cpu": machine.cpu_model(),
            "model_mb": round(path.stat().st_size / 1e6, 3), "model": str(path), "data": data_source(),
            "code": str(Path(sys.modules["bot"].__file__).parent)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5, help="batch runs (their median is reported)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # this checkout's scorer, not the one the virtualenv installed
    core = _one_core()
    result = bench(args.model, args.n, max(args.repeat, 1))
    runs = result["batch_prs_per_s_runs"]
    print(f"({core}; {result['prs']} PRs: {result['data']}; model {result['model']}; code {result['code']})")
    print(f"score() median      {result['score_median_ms']:8.3f} ms   (target <= 2 ms)")
    print(f"score() p99         {result['score_p99_ms']:8.3f} ms")
    print(f"batch_score         {result['batch_prs_per_s']:8.1f} PRs/s (target >= 2000; median of {len(runs)}, "
          f"{min(runs):.0f}-{max(runs):.0f})")
    print(f"model load          {result['model_load_s']:8.3f} s    (target <= 0.5 s; libraries already imported)")
    print(f"cold start          {result['cold_start_s']:8.3f} s    (fresh interpreter: imports + load)")
    print(f"model file          {result['model_mb']:8.3f} MB   (target <= 5 MB)")
    print(f"machine             {result['machine_loop_s']:8.3f} s    (10 M-addition loop; {result['cpu']})")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
