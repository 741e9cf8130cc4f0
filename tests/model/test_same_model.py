"""``benchmarks/same_model.py``: one model in two files, and carrying the file-blind thresholds over."""

from __future__ import annotations

import json
import shutil

import pytest

from bot.model.persist import load_model, metadata_path, read_metadata, write_metadata
from bot.snapshot import FileChange, PRSnapshot
from tests.benchmark_scripts import load

same_model = load("same_model")
PRS = [PRSnapshot(title="Fix typo in README", files=(FileChange(path="README.md", additions=1),)),
       PRSnapshot(title="Add retries", body="Retries on 503 with backoff.", files_changed=2)]


def _copy_without_file_blind(small_model, tmp_path):
    shipped = tmp_path / small_model.name
    shutil.copy(small_model, shipped)
    meta = read_metadata(small_model)
    meta.pop("band_probability_thresholds_file_blind")
    meta["cv"].pop("file_blind")
    write_metadata(meta, tmp_path)
    return shipped


def test_a_copy_of_a_model_is_the_same_model(small_model, tmp_path):
    shipped = _copy_without_file_blind(small_model, tmp_path)
    report = same_model.compare(small_model, shipped, PRS)
    assert report["arrays"]["same_contents"] and report["same_cv_figures"]
    assert report["arrays"]["n"][0] == report["arrays"]["n"][1] > 0  # the archive's arrays were read
    assert report["probabilities"]["file_blind"] == {"n": 2, "identical": True, "max_abs_diff": 0.0}
    assert same_model.same(report)


def test_attaching_adds_the_file_blind_thresholds_and_keeps_the_model_file(small_model, tmp_path):
    shipped = _copy_without_file_blind(small_model, tmp_path)
    before = json.loads(metadata_path(shipped).read_text())
    same_model.attach_file_blind(small_model, shipped, same_model.compare(small_model, shipped, PRS))
    after = read_metadata(shipped)
    source = read_metadata(small_model)
    assert after["band_probability_thresholds_file_blind"] == source["band_probability_thresholds_file_blind"]
    assert after["cv"]["file_blind"] == source["cv"]["file_blind"]
    assert after["model_sha256"] == before["model_sha256"] and after["model_version"] == before["model_version"]
    assert after["file_blind_provenance"]["same_model_check"]["arrays"]["same_contents"]
    assert load_model(shipped).metadata["band_probability_thresholds_file_blind"]  # still loads


def test_any_difference_means_not_the_same_model():
    good = {"arrays": {"same_contents": True}, "same_cv_figures": True,
            "probabilities": {"with_files": {"identical": True}, "file_blind": {"identical": True}}}
    assert same_model.same(good)
    for broken in ({**good, "same_cv_figures": False}, {**good, "arrays": {"same_contents": False}},
                   {**good, "probabilities": {**good["probabilities"], "file_blind": {"identical": False}}}):
        assert not same_model.same(broken)


def test_small_models_record_file_blind_thresholds(small_model):
    meta = read_metadata(small_model)
    blind = meta["band_probability_thresholds_file_blind"]
    assert set(blind) == {"medium", "high"} and 0 <= blind["medium"] <= blind["high"] <= 1
    assert meta["training_data"]["weights"]["file_blind_copies"] == 0.0
    assert meta["cv"]["file_blind"]["E1_like_auc"] is not None


def test_two_different_models_are_not_the_same(small_model):
    from bot.model.persist import default_model_path

    shipped = default_model_path()
    if not shipped.is_file():
        pytest.skip("no shipped model")
    report = same_model.compare(small_model, shipped, PRS)
    assert not report["arrays"]["same_contents"] and not same_model.same(report)
    assert not report["probabilities"]["with_files"]["identical"]
