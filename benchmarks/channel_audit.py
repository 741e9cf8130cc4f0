"""Which model inputs tell the data's channels apart rather than agents from humans.

Run: ``.venv/bin/python benchmarks/channel_audit.py [--n 3000] [--top 25] [--shared ../shared]``
(about a minute). The training split's agent PRs come from two channels: AIDev rows (GitHub PR
descriptions, no file list) and git rows (merge or squash bodies, files). Its human PRs come
from git only. So an input that separates AIDev agent rows from git agent rows (same label,
different channel) can pass for an agent marker while it only says where a row came from. For
every structural feature and signal value this prints two ROC-AUCs on training-split rows:

- **channel**: AIDev agent rows against git ``ai_agent`` rows (0.5: the channels look alike);
- **label (git)**: git ``ai_agent`` rows against git ``human`` rows (within one channel).

An input far from 0.5 on the first and near 0.5 on the second is a channel artefact in this
data. The evaluation split is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def groups(examples, n: int) -> dict[str, list]:
    """Up to ``n`` snapshots each of AIDev agent rows, git agent rows and git human rows."""
    out: dict[str, list] = {"aidev_agent": [], "git_agent": [], "git_human": []}
    for e in examples:
        key = ("aidev_agent" if e.source == "aidev_agent" else
               "git_agent" if e.source == "git_prs" and e.label == 1 else
               "git_human" if e.source == "git_prs" and e.label == 0 and e.weight == 1.0 else None)
        if key and len(out[key]) < n:
            out[key].append(e.snapshot)
    return out


def columns(snapshots) -> tuple[list[str], np.ndarray]:
    from bot.model import features
    from bot.signals import signal_names

    names = tuple(signal_names())
    rows = [features.structural_vector(s, features.texts_of(s)) + features.signal_vector(s, names)
            for s in snapshots]
    return list(features.STRUCTURAL_NAMES) + [f"signal:{n}" for n in names], np.array(rows, dtype=float)


def _auc(positive: np.ndarray, negative: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    y = np.r_[np.ones(len(positive)), np.zeros(len(negative))]
    values = np.r_[positive, negative]
    return 0.5 if len(np.unique(values)) < 2 else float(roc_auc_score(y, values))


def audit(aidev: np.ndarray, git_agent: np.ndarray, git_human: np.ndarray, names: list[str]) -> list[dict]:
    """One row per input, most channel-separating first."""
    rows = [{"input": name, "channel_auc": round(_auc(aidev[:, j], git_agent[:, j]), 3),
             "label_auc_git": round(_auc(git_agent[:, j], git_human[:, j]), 3),
             "mean": {"aidev_agent": round(float(aidev[:, j].mean()), 3),
                      "git_agent": round(float(git_agent[:, j].mean()), 3),
                      "git_human": round(float(git_human[:, j].mean()), 3)}}
            for j, name in enumerate(names)]
    return sorted(rows, key=lambda r: -abs(r["channel_auc"] - 0.5))


def main() -> int:
    from bot.model import data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="rows per group")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    found = groups(data.training_examples(args.shared), args.n)
    names, aidev = columns(found["aidev_agent"])
    git_agent, git_human = columns(found["git_agent"])[1], columns(found["git_human"])[1]
    rows = audit(aidev, git_agent, git_human, names)
    print(f"rows: AIDev agent {len(aidev)}, git agent {len(git_agent)}, git human {len(git_human)}")
    for r in rows[:args.top]:
        m = r["mean"]
        print(f"{r['input']:32s} channel {r['channel_auc']:.3f}  label (git) {r['label_auc_git']:.3f}  "
              f"means {m['aidev_agent']:.2f} / {m['git_agent']:.2f} / {m['git_human']:.2f}")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
