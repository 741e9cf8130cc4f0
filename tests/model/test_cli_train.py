"""``sieve train --small`` end to end through the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.model.metadata import FEATURE_READING
from bot.model.persist import METADATA_FILE, MODEL_FILE, load_model
from bot.model.relaid import PROBES


def _trained(shared, out, *flags: str) -> dict:
    """``sieve train --small --out OUT FLAGS``: its metadata, after checking that it ran."""
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(out), *flags, "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    return json.loads((out / METADATA_FILE).read_text())


def _shipped(small_model) -> dict:
    """The metadata of the small model ``sieve train``'s defaults trained (the shipped design)."""
    return json.loads((small_model.parent / METADATA_FILE).read_text())


def test_sieve_train_small_writes_model_and_metadata(shared, tmp_path):
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(tmp_path), "--seed", "3",
                                              "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    assert "CV fold" in result.stderr and "wrote" in result.stderr
    meta = json.loads((tmp_path / METADATA_FILE).read_text())
    assert meta["seed"] == 3 and meta["model_version"].replace(READ, "").endswith("-small")
    assert load_model(tmp_path / MODEL_FILE).version == meta["model_version"]


def test_sieve_train_without_data_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(tmp_path), "--shared", str(tmp_path)])
    assert result.exit_code == 2 and "not found" in result.stderr


READ = f"-read{FEATURE_READING}"  # every design trained with this code reads the features so: not a design tag
V9 = ["--bodied-weight", "0"]  # the commit-body copies scored, none fitted
V7 = [*V9, "--rejection-floor-soft", "1"]  # a downward push that counts fully below the floor: no floor
V6 = [*V7, "--rejection-weight", "1"]
V5 = [*V6, "--all-titles", "--code-read", "--headed-weight", "4", "--ticked-weight", "0", "--tested-weight", "0"]
V4 = [*V5, "--headed-weight", "0"]
V6_TAG = "-blend-lenbal-leaf100-charbare-headed-codemasked-ticked-tested-small"
V7_TAG = "-blend-lenbal-leaf100-charbare-headed-codemasked-ticked-tested-reach1.5-small"
V8_TAG = V7_TAG.replace("-small", "-floor0.5s0.5-small")  # v8 and v9
V10_TAG = V8_TAG.replace("-reach", "-bodied20-reach")


def test_sieve_train_refuses_an_out_it_cannot_write_before_training(shared, tmp_path, monkeypatch):
    """An --out under a file trained the whole model, then lost it to a traceback (found by review)."""
    from bot.model import train

    monkeypatch.setattr(train, "train", lambda *_a, **_k: pytest.fail("trained although --out is unusable"))
    (tmp_path / "a-file").write_text("")
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(tmp_path / "a-file" / "m"),
                                              "--shared", str(shared)])
    assert result.exit_code == 2 and result.stderr.startswith("sieve train: cannot write the model to ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("flags", "tag", "balanced"), [
    ([*V4, "--no-length-balance", "--min-samples-leaf", "20"], "-blend-small", False),  # v2's
    ([*V4, "--min-samples-leaf", "20"], "-blend-lenbal-small", True),  # v3's design
    (V4, "-blend-lenbal-leaf100-small", True),  # v4's design
    (V5, "-blend-lenbal-leaf100-headed-small", True),  # v5's design
])
def test_sieve_train_flags_train_earlier_designs(shared, tmp_path, small_model, flags, tag, balanced):
    earlier = _trained(shared, tmp_path, *flags)
    shipped_design = _shipped(small_model)
    assert earlier["model_version"].replace(READ, "").endswith(tag)
    assert shipped_design["model_version"].replace(READ, "").endswith(V10_TAG)
    assert (earlier["hyper_parameters"]["lam"], shipped_design["hyper_parameters"]["lam"]) == (1.0, 1.5)
    assert earlier["training_data"]["weights"]["description_length_balance"]["on"] is balanced
    leaf100 = tag.endswith(("leaf100-small", "leaf100-headed-small"))
    assert earlier["hyper_parameters"]["stacked_min_samples_leaf"] == (100 if leaf100 else 20)
    assert earlier["training_data"]["weights"]["headed_human_copies"] == (4.0 if "headed" in tag else 0.0)
    assert (earlier["text_features"]["code_spans_masked"], earlier["text_features"]["char_block_on_bare_titles_only"]) \
        == (False, False)
    weights = shipped_design["training_data"]["weights"]
    assert (weights["headed_human_copies"], weights["ticked_human_copies"], weights["tested_human_copies"]) == (8, 4, 4)
    assert weights["ticked_copies_under_headings"] is weights["tested_copies_under_headings"] is True
    assert shipped_design["text_features"]["code_spans_masked"] is True
    assert shipped_design["hyper_parameters"]["stacked_min_samples_leaf"] == 100
    assert earlier["cv"] != shipped_design["cv"]  # other weights or leaves, another model


def test_sieve_train_rejection_weight_one_trains_v6_which_differs_from_v8_only_in_the_head(shared, tmp_path, small_model):
    v6 = _trained(shared, tmp_path / "v6", *V6)
    v8 = _trained(shared, tmp_path / "v8", *V9)
    assert v6["model_version"].replace(READ, "").endswith(V6_TAG) and v8["model_version"].replace(READ, "").endswith(V8_TAG)
    assert (v6["hyper_parameters"]["lam"], v8["hyper_parameters"]["lam"]) == (1.0, 1.5)
    assert "floor" not in v6["hyper_parameters"] and v8["hyper_parameters"]["floor"] == 0.5
    same = ("training_data", "text_features", "feature_names")
    assert all(v6[key] == v8[key] for key in same)
    differ = {k for k in v6["hyper_parameters"] if v6["hyper_parameters"][k] != v8["hyper_parameters"][k]}
    assert "lam" in differ and not differ & {"gate_c", "gate_k", "text_weight", "reject_c", "stacked_min_samples_leaf"}


def test_sieve_train_rejection_down_is_tagged_and_recorded(shared, tmp_path, small_model):
    down = _trained(shared, tmp_path, "--rejection-down", "0")
    shipped_design = _shipped(small_model)
    assert down["model_version"].replace(READ, "").endswith(V10_TAG.replace("-floor", "-down0-floor"))
    assert (down["hyper_parameters"]["lam"], down["hyper_parameters"]["lam_down"]) == (1.5, 0.0)
    assert "lam_down" not in shipped_design["hyper_parameters"]  # v7 reaches down as far as up


def test_sieve_train_converged_solvers_is_tagged_and_recorded(shared, tmp_path, small_model):
    converged = _trained(shared, tmp_path, "--converged-solvers")
    shipped_design = _shipped(small_model)
    assert converged["model_version"].replace(READ, "").endswith("-blend-lenbal-leaf100-conv-charbare-headed-codemasked-ticked-tested-bodied20-reach1.5-floor0.5s0.5-small")
    params, shipped = converged["hyper_parameters"], shipped_design["hyper_parameters"]
    assert (params["tol"], params["stacked_tol"], params["platt_tol"]) == (1e-8, 1e-8, 1e-10)
    assert (shipped["tol"], shipped["stacked_tol"], shipped["platt_tol"]) == (1e-4, 1e-4, 1e-4)


def test_sieve_train_records_the_heading_probes_and_tags_the_fitted_copies(shared, tmp_path, small_model):
    unfitted = _trained(shared, tmp_path, *V4, "--ai-words-masked")
    shipped_design = _shipped(small_model)
    assert unfitted["model_version"].replace(READ, "").endswith("-blend-lenbal-leaf100-aimasked-small")
    assert unfitted["training_data"]["weights"]["headed_human_copies"] == 0.0
    assert unfitted["text_features"]["ai_words_masked"] is True
    assert shipped_design["training_data"]["weights"]["headed_human_copies"] == 8.0
    assert shipped_design["training_data"]["weights"]["copies_share_their_records_inner_text_fold"] is False
    for meta in (unfitted, shipped_design):  # the probes are scored out of fold either way
        probes = meta["cv"]["headed_probes"]
        assert set(probes) == set(PROBES) and probes["summary"]["n"] > 0


def test_sieve_train_record_folds_is_recorded(shared, tmp_path):
    weights = _trained(shared, tmp_path, "--headed-weight", "1", "--record-folds")["training_data"]["weights"]
    assert weights["copies_share_their_records_inner_text_fold"] is True and weights["headed_human_copies"] == 1.0


def test_sieve_train_fit_as_scored_is_tagged_and_recorded(shared, tmp_path):
    meta = _trained(shared, tmp_path, "--fit-as-scored")
    assert meta["model_version"].replace(READ, "").endswith("-blend-lenbal-leaf100-charbare-headed-codemasked-ticked-tested-bodied20-asscored-reach1.5-floor0.5s0.5-small")
    assert meta["text_features"]["training_rows_read_as_scored"] is True


def test_sieve_train_ticked_copies_are_tagged_and_recorded(shared, tmp_path):
    meta = _trained(shared, tmp_path, *V5, "--ticked-weight", "4")
    assert meta["model_version"].replace(READ, "").endswith("-blend-lenbal-leaf100-headed-ticked-small")
    weights = meta["training_data"]["weights"]
    assert weights["ticked_human_copies"] == 4.0 and weights["ticked_copies_under_headings"] is True
    assert "git_prs_ticked" in meta["training_data"]["counts_by_source_and_label"]


def test_sieve_train_floor_soft_one_trains_v7_and_the_default_v8_keeps_its_floor(shared, tmp_path, small_model):
    v7 = _trained(shared, tmp_path, *V7)
    v8 = _shipped(small_model)  # v10 keeps v8's floor
    assert v7["model_version"].replace(READ, "").endswith(V7_TAG) and v8["model_version"].replace(READ, "").endswith(V10_TAG)
    assert not {"floor", "floor_soft"} & set(v7["hyper_parameters"])  # a push counting fully below it: no floor
    assert (v8["hyper_parameters"]["floor"], v8["hyper_parameters"]["floor_soft"]) == (0.5, 0.5)
    assert load_model(tmp_path / MODEL_FILE).pipeline[-1].base.floor is None
    shipped = load_model(small_model).pipeline[-1].base
    assert (shipped.floor, shipped.floor_soft) == (0.5, 0.5)  # the saved model pushes down with its floor


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_a_weight_that_is_not_a_finite_number_of_0_or_more_is_refused_before_training(tmp_path, value):
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(tmp_path / "m"),
                                              "--bodied-weight", value, "--headed-weight", "8"])
    said = " ".join(result.output.replace("│", " ").split())  # rich's error box wraps the line
    assert result.exit_code == 2 and f"{float(value)} is not a weight: a finite number of 0 or more" in said
    assert not (tmp_path / "m").exists()


def test_the_default_fits_the_small_commit_body_copies_and_weight_0_fits_v9s_design(shared, tmp_path, small_model):
    v10 = _shipped(small_model)
    assert "-bodied20-" in v10["model_version"] and v10["cv"]["commit_body_copies"]["small"]["n"] > 0
    assert v10["training_data"]["weights"]["commit_body_human_copies"] == 4
    assert v10["training_data"]["weights"]["commit_body_copies_max_lines"] == 20
    v9 = _trained(shared, tmp_path, "--bodied-weight", "0")
    assert "-bodied" not in v9["model_version"] and v9["training_data"]["weights"]["commit_body_human_copies"] == 0
    assert v9["cv"]["commit_body_copies"]["all"]["n"] == v10["cv"]["commit_body_copies"]["all"]["n"]  # scored only
