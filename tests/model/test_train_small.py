"""The ``--small`` training pipeline end to end, and that training never reads the eval split."""

from __future__ import annotations

import json
import platform
from collections import Counter

import numpy as np

from bot.evaluation import splits
from bot.model import data, evalguard
from bot.loaders.records import iter_records
from bot.model.persist import load_model, metadata_path


def test_small_training_writes_a_loadable_model_with_metadata(small_model):
    meta = json.loads(metadata_path(small_model).read_text())
    assert meta["small"] is True
    assert len(meta["training_data"]["dataset_id"]) == 64
    assert set(meta["library_versions"]) >= {"scikit-learn", "numpy", "skops", "python"}
    assert meta["numeric_environment"]["machine"] == platform.machine()  # where the last bits came from
    balance = meta["training_data"]["weights"]["description_length_balance"]
    assert balance["on"] is True and all(0 < f <= 1 for f in balance["positive_factor_by_bin"].values())
    loaded = load_model(small_model)
    assert loaded.version == meta["model_version"]
    assert loaded.pipeline[0].feature_names() == meta["feature_names"]


def test_small_model_scores_probabilities(small_model):
    from bot.scoring import batch_score
    from bot.snapshot import PRSnapshot

    probs = batch_score([PRSnapshot(title="Fix typo in README"), PRSnapshot(title="x", body="y" * 50)],
                        model_path=str(small_model))
    assert probs.shape == (2,) and ((probs >= 0) & (probs <= 1)).all()


def test_training_examples_exclude_the_evaluation_split(shared):
    examples = data.training_examples(shared)
    assert {e.group for e in examples}.isdisjoint(splits.EVAL_GIT_REPOS)
    aidev_repos = {e.group.split(":", 1)[1] for e in examples if e.group.startswith("aidev:")}
    assert aidev_repos and not any(splits.is_eval_aidev_repo(r) for r in aidev_repos)
    titles = [e.record_id.split(":", 1)[1] for e in examples if e.source == "aidev_human_titles"]
    assert titles and not any(splits.is_eval_human_title(t) for t in titles)
    assert not any("jaegertracing/jaeger" in e.record_id or "gluesql/gluesql" in e.record_id for e in examples)
    counts = Counter(e.source for e in examples)
    # 7,122 AIDev rows minus 1,636 eval rows and gluesql's 40; 6,618 human titles minus 1,333
    assert counts["aidev_agent"] == 7122 - 1636 - 40 and counts["aidev_human_titles"] == 6618 - 1333
    joined = {f"{s}:{rec.raw['repo']}#{rec.raw['pr_number']}:{rec.raw.get('sha') or rec.raw.get('head_sha')}"
              for s, kind in (("git_prs", "prs.jsonl"), ("git_pull_refs", "pull_refs.jsonl.gz"))
              for rec in iter_records(shared / "data" / "git_prs" / f"celestia-core.{kind}")
              if any("aidev" in str(x).lower() for x in rec.raw.get("label_source") or [])
              and splits.is_eval_aidev_repo(rec.raw["repo"])}
    assert joined and joined.isdisjoint(e.record_id for e in examples)  # celestia-core rows joined to eval AIDev


def test_dataset_id_names_the_exact_record_set(shared):
    examples = data.training_examples(shared, small=True)
    assert data.dataset_id(examples) == data.dataset_id(list(reversed(examples)))
    assert data.dataset_id(examples) != data.dataset_id(examples[1:])


def test_hold_out_drops_one_repository_and_only_it(shared, tmp_path):
    from bot.model.train import TrainOptions, training_set

    full = training_set(TrainOptions(out_dir=tmp_path, shared=shared, small=True))
    held = training_set(TrainOptions(out_dir=tmp_path, shared=shared, small=True, hold_out="fiber"))
    assert any(e.group == "fiber" for e in full)
    assert not any(e.group == "fiber" for e in held)
    assert {e.record_id for e in held} == {e.record_id for e in full if e.group != "fiber"}


def test_2022_unlabeled_rows_come_only_when_asked_and_stay_out_of_every_report(shared):
    from bot.model import metadata

    plain = data.training_examples(shared)
    early = [e for e in data.training_examples(shared, early_unlabeled_weight=0.5) if e.source.endswith(data.EARLY)]
    assert not any(e.source.endswith(data.EARLY) for e in plain)
    assert early and {e.label for e in early} == {0} and {e.weight for e in early} == {0.5}
    assert {e.source for e in early} == {"git_prs" + data.EARLY, "git_pull_refs" + data.EARLY}
    assert {e.record_id for e in early}.isdisjoint(e.record_id for e in plain)
    rows = {e.record_id.split(":", 1)[1].split("#")[0] for e in early}
    assert rows <= {"gofiber/fiber", "getsentry/sentry-python", "celestiaorg/celestia-core"}  # liam starts in 2024
    # a report over the plain rows plus these reads exactly the plain rows' figures
    both = plain + early
    scores = np.random.default_rng(0).random(len(both))
    seen = np.ones(len(both), dtype=bool)
    assert metadata.cv_report(both, scores, seen) == metadata.cv_report(plain, scores[:len(plain)], seen[:len(plain)])


def test_char_bare_titles_leaves_the_char_block_empty_unless_the_pr_is_a_bare_title():
    from bot.model.train import featurizer
    from bot.snapshot import FileChange, PRSnapshot

    bare = PRSnapshot(title="Add retry to the uploader")
    described = PRSnapshot(title="Add retry to the uploader", body="Retries twice.")
    with_files = PRSnapshot(title="Add retry to the uploader", files=(FileChange(path="up.py", additions=3),))
    snaps = [bare, described, with_files]
    every, only_bare = featurizer(True), featurizer(True, char_bare_titles=True)
    for feats in (every, only_bare):
        feats.fit(snaps * 2)
    (_, every_blocks), (_, bare_blocks) = every.parts(snaps), only_bare.parts(snaps)
    per_row = lambda block: np.diff(block.indptr).tolist()  # noqa: E731  entries per row
    assert per_row(bare_blocks[0]) == per_row(every_blocks[0])  # the word block does not change
    char_rows = {"every": per_row(every_blocks[1]), "bare": per_row(bare_blocks[1])}
    assert all(n > 0 for n in char_rows["every"])
    assert char_rows["bare"][0] == char_rows["every"][0] and char_rows["bare"][1:] == [0, 0]
    assert not type(every).char_bare_titles  # models saved before the option read every title


def test_no_training_record_is_an_evaluation_prs_git_record_whose_aidev_join_failed(shared):
    """celestia-core's evaluation AIDev rows are also git records of a training repository; a PR
    merged after the AIDev crawl carries no AIDev label source, and was kept (#2044, an E4 positive)."""
    eval_prs = evalguard.eval_aidev_prs(shared / "data")
    assert ("celestiaorg/celestia-core", 2044) in {(repo, number) for repo, number, _ in eval_prs}
    kept = {}  # (repo, number) -> titles of the training git records
    for e in data.training_examples(shared):
        if e.source.startswith("git_"):
            repo, number = e.record_id.split(":", 1)[1].split(":", 1)[0].rsplit("#", 1)
            kept.setdefault((repo.lower(), int(number)), set()).add(e.snapshot.title.strip())
    assert len(kept) > 1000
    assert [key for key in eval_prs if key[2] in kept.get(key[:2], ())] == []
