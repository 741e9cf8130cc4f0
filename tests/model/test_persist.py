"""A model whose metadata does not match is refused with one clear error."""

from __future__ import annotations

import json
import shutil

import pytest

from bot.model.persist import METADATA_FILE, ModelMismatchError, load_model


@pytest.fixture()
def copy(small_model, tmp_path):
    shutil.copy(small_model, tmp_path / small_model.name)
    shutil.copy(small_model.with_name(METADATA_FILE), tmp_path / METADATA_FILE)
    return tmp_path / small_model.name


def _edit(model_path, **changes):
    meta_path = model_path.with_name(METADATA_FILE)
    meta = json.loads(meta_path.read_text())
    for key, value in changes.items():
        if key == "sklearn":
            meta["library_versions"]["scikit-learn"] = value
        else:
            meta[key] = value
    meta_path.write_text(json.dumps(meta))


def test_intact_copy_loads(copy):
    assert load_model(copy).pipeline is not None


def test_changed_model_file_is_refused(copy):
    copy.write_bytes(copy.read_bytes() + b"\0")
    with pytest.raises(ModelMismatchError, match="sha256"):
        load_model(copy)


def test_other_sklearn_version_is_refused(copy):
    _edit(copy, sklearn="0.24.2")
    with pytest.raises(ModelMismatchError, match="scikit-learn 0.24.2"):
        load_model(copy)


def test_other_signal_names_are_refused(copy):
    meta = json.loads(copy.with_name(METADATA_FILE).read_text())
    _edit(copy, signal_names=list(reversed(meta["signal_names"])))
    with pytest.raises(ModelMismatchError, match="signal names"):
        load_model(copy)


def test_other_feature_names_are_refused(copy):
    meta = json.loads(copy.with_name(METADATA_FILE).read_text())
    _edit(copy, feature_names=meta["feature_names"][:-1])
    with pytest.raises(ModelMismatchError, match="feature names"):
        load_model(copy)


def test_missing_metadata_is_refused(copy):
    copy.with_name(METADATA_FILE).unlink()
    with pytest.raises(ModelMismatchError, match="no model-metadata.json"):
        load_model(copy)


def test_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelMismatchError, match="model file not found"):
        load_model(tmp_path / "nope.skops")


def test_untrusted_types_are_refused_by_name(tmp_path):
    import sklearn
    import skops.io as sio
    from sklearn.preprocessing import FunctionTransformer

    from bot.model.persist import MODEL_FILE, sha256_file, write_metadata

    path = tmp_path / MODEL_FILE
    sio.dump(FunctionTransformer(func=print), path)  # a builtin function: skops does not trust it
    write_metadata({"model_sha256": sha256_file(path),
                    "library_versions": {"scikit-learn": sklearn.__version__}}, tmp_path)
    with pytest.raises(ModelMismatchError, match=r"refusing untrusted types in model file: builtins\.print$"):
        load_model(path)


def test_a_model_trained_on_another_reading_of_the_signals_is_refused(copy):
    """v8's file says no reading (1): scored with this code's fixed signals and texts it would
    read inputs unlike the ones it was fitted on, silently."""
    meta = json.loads(copy.with_name(METADATA_FILE).read_text())
    del meta["feature_reading"]
    copy.with_name(METADATA_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelMismatchError, match="reading 1 of the signals and texts"):
        load_model(copy)


def test_a_freshly_trained_model_records_its_reading(copy):
    from bot.model.metadata import FEATURE_READING

    assert load_model(copy).metadata["feature_reading"] == FEATURE_READING
    assert load_model(copy).metadata["model_version"].endswith(f"-read{FEATURE_READING}-small")
