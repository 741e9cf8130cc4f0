"""Bands on a repository the model never saw: train without one TRAINING git repository, score it.

Run: ``.venv/bin/python benchmarks/heldout_bands.py fiber [--shared ../shared] [--out DIR]``
(under a minute on 2 cores). Trains the shipped design on the training split minus that
repository (``TrainOptions.hold_out``), then runs ``score()`` (the full band rules) on the
repository's merged records and prints, per group, the share of PRs in ``high`` and in
``medium`` or above. Groups: ``ai_agent``, ``ai_assisted`` (people's PRs whose only AI marker is an
accepted review suggestion or autofix), ``human`` (pre-2022), ``unlabeled`` dated 2025 or later,
and the first-time / short-body slices of each. Only training repositories are
accepted (``data.TRAIN_GIT_REPOS``): the evaluation split is refused.

"Lifted by" names, per group, the effort signals whose points alone moved PRs out of ``low``:
the share of the group that would be ``low`` with that one signal's points taken away. On
``human`` PRs these are the signals that put real people in the triage queue.

``--file-blind`` also scores each record without its file list and counts (groups marked
"file-blind"), as an exported JSONL without files would give it: once against the held-out
model's file-blind thresholds (what ``score()`` uses for such a PR) and once against its single
with-files thresholds ("single thresholds"). ``--file-blind-weight F`` trains the held-out model
with file-blind copies of the git rows fitted at that weight (``bot.model.data``), ``--headed-weight 0``
without the heading copies (the shipped design's other settings stay).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _group(raw: dict) -> str | None:
    label, date = raw.get("label"), str(raw.get("date") or "")
    if label == "unlabeled":
        return "unlabeled 2025+" if date >= "2025-01-01" else None
    return label if label in ("ai_agent", "ai_assisted", "human") else None


def lifted_by(result, thresholds: dict, config) -> list[str]:
    """The effort signals without whose points alone this result would be ``low``."""
    from bot.scoring import combine

    if result.band == "low":
        return []
    fired = [h for h in result.signals if h.kind == "effort" and h.fired]
    return [h.name for h in fired
            if combine(result.probability, tuple(x for x in result.signals if x is not h), thresholds) < config.medium]


def _blind_group(group: str, config) -> str:
    return f"{group}, file-blind" + ("" if config.file_blind_thresholds else ", single thresholds")


def band_rates(records, config, file_blind: bool = False) -> dict[str, dict]:
    from bot.model import data
    from bot.model.persist import load_model
    from bot.scoring import score, thresholds_for

    model_meta = load_model(config.model_path).metadata
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for rec, meta in records:
        group = _group(rec.raw)
        if group is None:
            continue
        snapshot = data.file_blind(rec.snapshot) if file_blind else rec.snapshot
        result = score(snapshot, config)
        thresholds, _ = thresholds_for(snapshot, model_meta, config)
        group = _blind_group(group, config) if file_blind else group
        for key in [group] + [f"{group}, {flag}" for flag in ("first_time", "short_body") if meta.get(flag)]:
            counts[key][result.band] += 1
            counts[key].update(f"lifted by {name}" for name in lifted_by(result, thresholds, config))
    return {key: _rates(c) for key, c in sorted(counts.items())}


def _rates(c: collections.Counter) -> dict:
    n = sum(c[band] for band in ("low", "medium", "high"))
    lifted = {k.removeprefix("lifted by "): round(v / n, 4) for k, v in sorted(c.items()) if k.startswith("lifted by ")}
    return {"n": n, "high": round(c["high"] / n, 4), "medium_or_high": round((c["high"] + c["medium"]) / n, 4),
            "lifted_by": lifted}


def main() -> int:
    from bot.evaluation import datasets
    from bot.model import data
    from bot.model.train import TrainOptions, train
    from bot.scoring import ScoreConfig

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", choices=data.TRAIN_GIT_REPOS)  # never an evaluation repository
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=None, help="where the held-out model goes (default: a temp dir)")
    parser.add_argument("--file-blind", action="store_true", help="also score each record without its files")
    parser.add_argument("--file-blind-weight", type=float, default=0.0,
                        help="weight factor of the file-blind copies (0, the shipped design: scored, not fitted)")
    parser.add_argument("--headed-weight", type=float, default=None,
                        help="weight factor of the heading copies (default: the shipped design's; 0 trains v4's)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix=f"sieve-heldout-{args.repo}-"))
    headed = {} if args.headed_weight is None else {"headed_weight": args.headed_weight}
    options = TrainOptions(out_dir=out, shared=args.shared, hold_out=args.repo, file_blind_weight=args.file_blind_weight,
                           **headed)
    path = train(options, progress=lambda _: None)
    records = list(datasets.merged_records(args.shared / "data", args.repo))
    config = ScoreConfig(model_path=str(path))
    rates = band_rates(records, config)
    if args.file_blind:
        rates.update(band_rates(records, config, file_blind=True))
        rates.update(band_rates(records, replace(config, file_blind_thresholds=False), file_blind=True))
    for key, r in rates.items():
        lifted = ", ".join(f"{name} {share:.1%}" for name, share in r["lifted_by"].items())
        print(f"{args.repo:14s} {key:32s} n={r['n']:5d}  high {r['high']:6.1%}  medium+ {r['medium_or_high']:6.1%}"
              + (f"  lifted by: {lifted}" if lifted else ""))
    print(json.dumps({"held_out": args.repo, "model": str(path), "rates": rates}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
