"""The issue's reference model, reproduced and measured beside the shipped one.

The reference (issue #2): word and character TF-IDF with logistic regression on title, body and
commit messages, trained on the training split. Here it reads the shipped model's training
examples and weights (``bot.model.data``). It is trained on the text as the protocol stores it
(attribution lines stripped: ``stored_text``) and scores the text as it comes (``raw_text``), so
in E1+ the markers put back are there for it to read, as for the shipped model.

Run: ``.venv/bin/python benchmarks/reference.py [--shared ../shared] [--cv] [--eval]`` (JSON out)
(``--cv`` about 7 min, ``--eval`` about 4 min on 2 cores).

- ``--cv``: repository-grouped CV on the training split, with the shipped model's folds
  (``bot.model.train.fold_of``), reported by ``metadata.cv_report`` like the shipped model's
  own CV, which is printed beside it. The evaluation split is not read.
- ``--eval``: fits on the whole training split and scores the fixed protocol once. The
  reference is a fixed design, so this checks the README's reference figures; nothing in
  PR Sieve is chosen from it.

Both also fit the **rejection-task** variant: the same design trained on agent PRs only,
closed unmerged / not merged against merged (``bot.model.data.reject_label``): what E3 asks.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def stored_text(snapshot) -> str:
    """Title, body and commit messages with attribution lines stripped (training text)."""
    from bot.model.features import texts_of

    texts = texts_of(snapshot)
    return f"{texts.title}\n{texts.body}\n{texts.commits}"


def raw_text(snapshot) -> str:
    """Title, body and commit messages as they come (scoring text)."""
    return "\n".join([snapshot.title, snapshot.body, *(c.message for c in snapshot.commits)])


def reference_model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=200_000)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=3,
                            max_features=200_000)
    return Pipeline([("tfidf", FeatureUnion([("word", words), ("char", chars)])),
                     ("lr", LogisticRegression(solver="liblinear", max_iter=2000))])


def out_of_fold(docs, y, w, folds, rows=None) -> np.ndarray:
    """Out-of-fold decision values; fitted on ``rows`` only (all by default), NaN where a
    fold could not be fitted (one class) and, in the training rows, where ``rows`` is False."""
    docs, y, w = np.asarray(docs, dtype=object), np.asarray(y), np.asarray(w, dtype=float)
    rows = np.ones(len(y), bool) if rows is None else np.asarray(rows)
    oof = np.full(len(y), np.nan)
    for k in np.unique(folds):
        train, test = rows & (folds != k), folds == k
        if len(np.unique(y[train])) < 2:
            continue
        model = reference_model().fit(docs[train], y[train], lr__sample_weight=w[train])
        oof[test] = model.decision_function(docs[test])
    return oof


def _training(shared: Path):
    from bot.model import data, train

    examples = data.training_examples(shared)
    docs = [stored_text(e.snapshot) for e in examples]
    return (examples, docs, *train.example_columns(examples))


def cross_validate(shared: Path) -> dict:
    from bot.model import metadata

    examples, docs, y, w, reject, folds = _training(shared)
    agent = out_of_fold(docs, y, w, folds)
    report = metadata.cv_report(examples, agent, ~np.isnan(agent))
    report.pop("band_probability_thresholds")
    rows = reject >= 0
    rejection = out_of_fold(docs, np.where(rows, reject, 0), np.ones(len(y)), folds, rows)
    task = metadata.cv_report(examples, rejection, ~np.isnan(rejection) & rows)
    report["rejection_task"] = {k: task[k] for k in ("E3_like_auc_aidev", "E3_like_auc_pull_refs", "E3_like_auc")}
    return report


def evaluate_once(shared: Path) -> dict:
    from bot.evaluation.datasets import print_error, protocol_sets
    from bot.evaluation.protocol import data_dir, evaluate

    _, docs, y, w, reject, _ = _training(shared)
    agent = reference_model().fit(docs, y, lr__sample_weight=w)
    rows = reject >= 0
    rejection = reference_model().fit(np.asarray(docs, dtype=object)[rows], reject[rows])
    sets = protocol_sets(data_dir(shared), print_error)
    figures = {}
    tasks = (("agent", agent, ("E1", "E1+", "E2", "E3", "E4")), ("rejection_task", rejection, ("E3",)))
    for name, model, names in tasks:
        report, _ = evaluate(lambda snaps, m=model: m.decision_function([raw_text(s) for s in snaps]),
                             {n: sets[n] for n in names})
        figures[name] = {n: _figures(v) for n, v in report["sets"].items()}
    return figures


def _figures(summary: dict) -> dict:
    groups = (summary.get("per_repo") or {}).get("groups") or {}
    out = {"auc": summary.get("auc"), "tpr_at_fpr1": summary.get("tpr_at_fpr1")}
    if 1 < len(groups) <= 12:
        out["per_repo_auc"] = {k: v.get("auc") for k, v in groups.items()}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cv", action="store_true", help="repository-grouped CV on the training split")
    parser.add_argument("--eval", action="store_true", help="score the evaluation protocol once")
    args = parser.parse_args()
    shipped = json.loads((ROOT / "models" / "model-metadata.json").read_text())
    out = {}
    if args.cv:
        out["reference_cv"] = cross_validate(args.shared)
        out["shipped_cv"] = shipped["cv"]
    if args.eval:
        from bot.model.metadata import REFERENCE

        out["reference_eval"] = evaluate_once(args.shared)
        out["readme_reference_auc"] = REFERENCE
        shipped_sets = (shipped.get("evaluation") or {}).get("sets", {})
        out["shipped_eval_auc"] = {k: v.get("auc") for k, v in shipped_sets.items()}
    print(json.dumps(out, indent=1))
    return 0 if out else 2


if __name__ == "__main__":
    raise SystemExit(main())
