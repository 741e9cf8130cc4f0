"""Instructions per batch-scored PR, counted by valgrind: a figure that does not move with the machine.

Run: ``.venv/bin/python benchmarks/bench_instructions.py [--prs 300] [--code DIR]`` (about three
minutes; needs valgrind). Wall-clock batch throughput on these shared 2-core machines varies by
up to 40 % between runs and by 2x between machines, so it cannot show a 3 % change or tell a
slower machine from slower code. ``valgrind --tool=callgrind`` counts executed instructions,
which move by less than 0.5 % between runs (string hashing is fixed by ``PYTHONHASHSEED=0``). The script scores real training-split PRs (those of
``bench_score.py``) in two processes run side by side under callgrind: one only loads and
warms up, the other also scores two batches; the difference, divided by the PRs scored, is
the figure. ``--code`` measures another checkout (for example a ``git worktree`` of an older
commit) with this repository's virtual environment.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCHES = 2
_WORKLOAD = """
import sys
sys.path.insert(0, "benchmarks")
from bench_score import _snapshots
from bot.scoring import batch_score
snaps = _snapshots({prs})
batch_score(snaps[:20])
for _ in range({batches}):
    batch_score(snaps)
"""
_COLLECTED = re.compile(r"==\d+== Collected : (\d+)")


def collected(valgrind_output: str) -> int:
    """The instruction count in callgrind's summary (``==PID== Collected : N``)."""
    found = _COLLECTED.findall(valgrind_output)
    if not found:
        raise RuntimeError("callgrind printed no 'Collected' line:\n" + valgrind_output[-2000:])
    return int(found[-1])


def command(prs: int, batches: int) -> list[str]:
    code = _WORKLOAD.format(prs=prs, batches=batches)
    return ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code]


def count(code_dir: Path, prs: int, batches: int) -> int:
    env = {**os.environ, "PYTHONPATH": str(code_dir), "PYTHONHASHSEED": "0"}
    done = subprocess.run(command(prs, batches), cwd=code_dir, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"valgrind run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return collected(done.stderr)


def per_pr(setup: int, with_batches: int, prs: int, batches: int) -> float:
    return (with_batches - setup) / (prs * batches)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prs", type=int, default=300)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    args = parser.parse_args()
    code_dir = args.code.resolve()
    with ThreadPoolExecutor(max_workers=2) as pool:
        setup, full = pool.map(lambda n: count(code_dir, args.prs, n), (0, BATCHES))
    figure = per_pr(setup, full, args.prs, BATCHES)
    print(f"instructions per batch-scored PR  {figure / 1e6:.2f} M   ({code_dir}, {args.prs} PRs x {BATCHES})")
    print(json.dumps({"code": str(code_dir), "prs": args.prs, "batches": BATCHES,
                      "instructions_per_pr": round(figure), "setup": setup, "with_batches": full}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
