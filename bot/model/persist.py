"""Save and load the classifier with skops (never pickle/joblib) and check it is the right one.

``load_model`` refuses, with one clear ``ModelMismatchError`` line, a model file whose
metadata does not match: sha256 of the file, the scikit-learn version, the structural feature
names, or signal names that the running signal registry no longer provides (the model reads
signals by name, so signals appended to the registry after training are simply not used).
Only the types in ``TRUSTED_TYPES`` may be loaded.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = "pr-sieve-model.skops"
METADATA_FILE = "model-metadata.json"

TRUSTED_TYPES: tuple[str, ...] = (  # beyond the scikit-learn/numpy types skops trusts by default
    "bot.model.blend.BlendedClassifier",
    "bot.model.blend.LinearHead",
    "bot.model.estimator.PlattCalibrated",
    "bot.model.estimator.SnapshotFeaturizer",
    "bot.model.estimator.StackedClassifier",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
)


class ModelMismatchError(RuntimeError):
    """The model file and its metadata (or the running code) do not belong together."""


@dataclass(frozen=True)
class LoadedModel:
    pipeline: object  # sklearn Pipeline: featurizer -> calibrated classifier
    metadata: dict
    path: Path

    @property
    def version(self) -> str:
        return str(self.metadata.get("model_version", ""))


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def metadata_path(model_path: Path) -> Path:
    return Path(model_path).with_name(METADATA_FILE)


def save_model(pipeline, metadata: dict, out_dir: Path) -> Path:
    """Write the model file and ``model-metadata.json`` (with the file's sha256) to ``out_dir``."""
    import skops.io as sio

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MODEL_FILE
    sio.dump(pipeline, path, compression=8)  # zipfile.ZIP_DEFLATED
    metadata = {**metadata, "model_file": MODEL_FILE, "model_sha256": sha256_file(path),
                "model_bytes": path.stat().st_size}
    write_metadata(metadata, out_dir)
    return path


def write_metadata(metadata: dict, out_dir: Path) -> None:
    text = json.dumps(metadata, indent=2, sort_keys=False) + "\n"
    (Path(out_dir) / METADATA_FILE).write_text(text, encoding="utf-8")


def read_metadata(model_path: Path) -> dict:
    path = metadata_path(model_path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelMismatchError(f"no {METADATA_FILE} beside {model_path}: refusing an unidentified model") from None
    except json.JSONDecodeError as exc:
        raise ModelMismatchError(f"{path}: not valid JSON ({exc.msg})") from None


def default_model_path() -> Path:
    from bot.paths import models_dir

    return models_dir() / MODEL_FILE


def load_model(path: Path | str | None = None) -> LoadedModel:
    """Load and verify a model; raise ``ModelMismatchError`` (one line) when it must not be used."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    path = Path(path) if path else default_model_path()
    if not path.is_file():
        raise ModelMismatchError(f"model file not found: {path} (run `sieve train`)")
    metadata = read_metadata(path)
    check_file(path, metadata)
    try:  # skops audits every type before it builds anything: one read of the file, not two
        pipeline = sio.load(path, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException:
        untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in TRUSTED_TYPES]
        raise ModelMismatchError(f"{path}: refusing untrusted types in model file: {', '.join(untrusted)}") from None
    check_features(pipeline, metadata, path)
    return LoadedModel(pipeline=pipeline, metadata=metadata, path=path)


def check_file(path: Path, metadata: dict) -> None:
    import sklearn

    digest = sha256_file(path)
    if metadata.get("model_sha256") != digest:
        raise ModelMismatchError(f"{path}: sha256 {digest[:12]}… does not match metadata "
                                 f"{str(metadata.get('model_sha256'))[:12]}…: model and metadata do not belong together")
    trained = (metadata.get("library_versions") or {}).get("scikit-learn")
    if trained != sklearn.__version__:
        raise ModelMismatchError(f"{path}: trained with scikit-learn {trained}, running {sklearn.__version__}: "
                                 "retrain with `sieve train`")


def check_features(pipeline, metadata: dict, path: Path) -> None:
    from bot.signals import signal_names

    featurizer = pipeline[0]
    if list(metadata.get("feature_names") or []) != featurizer.feature_names():
        raise ModelMismatchError(f"{path}: feature names in metadata differ from the model's features")
    if list(metadata.get("signal_names") or []) != list(featurizer.signal_names):
        raise ModelMismatchError(f"{path}: signal names in metadata differ from the model's signals")
    missing = [n for n in featurizer.signal_names if n not in signal_names()]
    if missing:
        raise ModelMismatchError(f"{path}: the model needs signals this code no longer has: {', '.join(missing)}")
    from bot.model import features

    if featurizer.structural_names != list(features.STRUCTURAL_NAMES):
        raise ModelMismatchError(f"{path}: structural features changed since training: retrain with `sieve train`")
    from bot.model.metadata import FEATURE_READING

    trained = metadata.get("feature_reading", 1)  # v1-v8 wrote none: reading 1
    if trained != FEATURE_READING:
        raise ModelMismatchError(f"{path}: trained on reading {trained} of the signals and texts, this code reads "
                                 f"them as reading {FEATURE_READING}: retrain with `sieve train`")
