"""The one evaluation run of a frozen model version: figures and bands, kept in its metadata.

Run: ``.venv/bin/python benchmarks/eval_run.py [--model-dir models] [--shared ../shared] [--attach]``
(about 15 s). Scores the fixed protocol of ``../shared/data/README.md`` once with
``batch_score`` and reports at the model's own CV thresholds (high and medium), and runs the
full ``score()`` (band rules included) on E1, E1+ and E2 to give the share of each group per
band. ``--attach`` writes the summary into ``model-metadata.json`` (the model file and its
sha256 are unchanged).

The summary holds figures only, no PR of the evaluation split: the protocol forbids design
decisions on that split, and a list of its worst-ranked PRs (the ``misses`` this run stored up to
v10, still in the shipped v10 metadata) invites them. Study mistakes on training CV instead.
The protocol allows one run per model version: do not change the model after reading this.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def band_shares(results, ids) -> dict:
    bands = [results[i].band for i in ids]
    n = max(len(bands), 1)
    return {"n": len(bands), "high": round(bands.count("high") / n, 4),
            "medium_or_high": round((bands.count("high") + bands.count("medium")) / n, 4)}


def score_bands(sets, scored, model_path: str) -> tuple[dict, dict]:
    """``score()``'s bands per group, and the AUCs of ``score()``'s own probabilities: those read
    the ``ai`` signals at 0, as the product does, where the protocol's ``batch_score`` figures let
    the classifier read them (the markers E1 leaves and E1+ puts back)."""
    from sklearn.metrics import roc_auc_score

    from bot.scoring import ScoreConfig, score_many

    out, aucs = {}, {}
    for name in ("E1", "E1+", "E2"):
        examples, y = sets[name], scored[name][0]
        results = score_many([e.snapshot for e in examples], ScoreConfig(model_path=model_path))
        aucs[name] = round(float(roc_auc_score(y, [r.probability for r in results])), 4)
        for label, group in ((0, "negative"), (1, "positive")):
            ids = [i for i in range(len(examples)) if y[i] == label]
            first = [i for i in ids if examples[i].meta.get("first_time")]
            out[f"{name} {group}"] = {"all": band_shares(results, ids), "first_time": band_shares(results, first)}
    return out, aucs


def summarize(sets, scored, high, medium, when: str) -> dict:
    """The figures of ``scored`` at the ``high`` and ``medium`` thresholds, as the metadata keeps
    them: per set and per repository, never per PR."""
    from bot.evaluation.protocol import report
    from bot.model import metadata

    return metadata.evaluation_summary(report(sets, scored, high), report(sets, scored, medium), when)


def run(model_dir: Path, shared: Path) -> dict:
    from bot.cli.evaluate import model_threshold
    from bot.evaluation.datasets import print_error, protocol_sets
    from bot.evaluation.protocol import data_dir, evaluate
    from bot.model.persist import MODEL_FILE
    from bot.scoring import batch_score

    model_path = str(model_dir / MODEL_FILE)
    # each band's threshold as score() and sieve eval apply it: the file-blind one for a PR without a
    # file list (every E4 row, most of E3); until the twenty-third session this run used the with-files
    # threshold on every row, which put E4's FPR at high at 9.5 % where the product's is 0.1 %
    high, medium = (model_threshold(Path(model_path), band) for band in ("high", "medium"))
    sets = protocol_sets(data_dir(shared), print_error)
    _, scored = evaluate(lambda s: batch_score(s, model_path=model_path), sets, None, high)
    summary = summarize(sets, scored, high, medium, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    summary["score_bands"], summary["auc_with_ai_signals_at_zero"] = score_bands(sets, scored, model_path)
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=ROOT / "models")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--attach", action="store_true", help="write the summary into model-metadata.json")
    args = parser.parse_args()
    summary = run(args.model_dir, args.shared)
    print(json.dumps(summary, indent=1))
    if args.attach:
        from bot.model.metadata import attach_evaluation

        attach_evaluation(args.model_dir, summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
