"""``sieve train --small`` end to end through the command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli import build_app
from bot.model.persist import METADATA_FILE, MODEL_FILE, load_model


def test_sieve_train_small_writes_model_and_metadata(shared, tmp_path):
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(tmp_path), "--seed", "3",
                                              "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    assert "CV fold" in result.stderr and "wrote" in result.stderr
    meta = json.loads((tmp_path / METADATA_FILE).read_text())
    assert meta["seed"] == 3 and meta["model_version"].endswith("-small")
    assert load_model(tmp_path / MODEL_FILE).version == meta["model_version"]


def test_sieve_train_without_data_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(tmp_path), "--shared", str(tmp_path)])
    assert result.exit_code == 2 and "not found" in result.stderr


def test_sieve_train_no_length_balance_trains_v2s_design(shared, tmp_path, small_model):
    result = CliRunner().invoke(build_app(), ["train", "--small", "--out", str(tmp_path), "--no-length-balance",
                                              "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    plain = json.loads((tmp_path / METADATA_FILE).read_text())
    balanced = json.loads((small_model.parent / METADATA_FILE).read_text())
    assert plain["training_data"]["weights"]["description_length_balance"] == {"on": False}
    assert "-blend-small" in plain["model_version"] and "-blend-lenbal-small" in balanced["model_version"]
    assert plain["cv"] != balanced["cv"]  # other weights, another model
