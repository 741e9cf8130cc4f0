"""How far training alone moves the model: one design trained twice on this machine, the second
time with glibc's FMA code paths switched off, and the two models compared.

Run: ``.venv/bin/python benchmarks/train_noise.py [--converged-solvers] [--small] [--n 3000]
[--shared ../shared]`` (about 5 minutes on 2 cores; ``--small``: seconds). Each training is a
``sieve train`` in a fresh interpreter; the second one runs with
``GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA``, which changes the last bits of ``exp``/``log``
as another CPU would. Prints, as JSON, the two models' probability differences on ``n``
training-split PRs and both CV reports and thresholds. The evaluation split is not read.
``models/HISTORY.md``, "Numerical noise", has the figures: with the default solvers the two models
differ by up to 0.16 in probability; with ``--converged-solvers`` by about 1e-10.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NO_FMA = "glibc.cpu.hwcaps=-AVX2,-FMA"


def train_in_subprocess(out: Path, shared: Path, flags: list[str], glibc_tunables: str | None) -> Path:
    from bot.model.persist import MODEL_FILE

    env = dict(os.environ)
    env.pop("GLIBC_TUNABLES", None)
    if glibc_tunables:
        env["GLIBC_TUNABLES"] = glibc_tunables
    command = [sys.executable, "-c", "from bot.cli import main; main()", "train", "--out", str(out),
               "--shared", str(shared), *flags]
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return out / MODEL_FILE


def differences(p: np.ndarray, q: np.ndarray) -> dict:
    d = np.abs(np.asarray(p, dtype=np.float64) - np.asarray(q, dtype=np.float64))
    return {"n": int(d.size), "max": float(d.max()), "median": float(np.median(d)),
            "identical_share": round(float((d == 0).mean()), 4)}


def summary(model_path: Path) -> dict:
    from bot.model.persist import read_metadata

    meta = read_metadata(model_path)
    cv = meta["cv"]
    return {"model_version": meta["model_version"], "thresholds": meta["band_probability_thresholds"],
            "E1_like": cv["E1_like"]["auc"], "E2_like": cv["E2_like_auc"], "E3_like": cv["E3_like_auc"],
            "E4_like": cv["E4_like_auc"], "per_repo": cv["per_repo"]}


def sample(shared: Path, n: int) -> list:
    """The first ``n`` training-split examples' snapshots (the training split only)."""
    from bot.model import data

    return [e.snapshot for e in data.training_examples(shared)[:n]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--converged-solvers", action="store_true")
    args = parser.parse_args()
    flags = ["--small"] * args.small + ["--converged-solvers"] * args.converged_solvers
    from bot.scoring import batch_score

    with tempfile.TemporaryDirectory() as tmp:
        models = [train_in_subprocess(Path(tmp) / name, args.shared, flags, tunables)
                  for name, tunables in (("default", None), ("no-fma", NO_FMA))]
        snapshots = sample(args.shared, args.n)
        p, q = (batch_score(snapshots, model_path=str(m)) for m in models)
        print(json.dumps({"flags": flags, "probability_difference": differences(p, q),
                          "default": summary(models[0]), "no_fma": summary(models[1])}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
