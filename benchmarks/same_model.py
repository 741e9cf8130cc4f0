"""Whether two model files hold the same model, and (``--attach-file-blind``) carrying the file-blind
band thresholds of a retraining over to the shipped model's metadata when they do.

Run: ``.venv/bin/python benchmarks/same_model.py RETRAINED.skops [SHIPPED.skops] [--n 3000]
[--attach-file-blind]``. Two skops files of one model never have the same sha256: skops names
each array file after the array's memory address. This compares what matters instead: the
arrays' contents (as a multiset of sha256 digests), and the probabilities both models give
``n`` training-split PRs, with and without their file lists. ``--attach-file-blind`` then
writes the retrained metadata's ``band_probability_thresholds_file_blind`` and ``cv.file_blind``
into the shipped metadata (the shipped model file and its sha256 stay as they are), and refuses
when the two differ in any array or any probability, or when their CV figures differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def array_digests(path: Path) -> list[str]:
    """The sorted sha256 digests of every array file in a skops archive."""
    with zipfile.ZipFile(path) as archive:
        return sorted(hashlib.sha256(archive.read(name)).hexdigest()
                      for name in archive.namelist() if name.endswith(".npy"))


def probabilities_match(a: Path, b: Path, snapshots: list) -> dict:
    from bot.model.data import file_blind
    from bot.scoring import batch_score

    out = {}
    for name, snaps in (("with_files", snapshots), ("file_blind", [file_blind(s) for s in snapshots])):
        pa, pb = batch_score(snaps, model_path=str(a)), batch_score(snaps, model_path=str(b))
        out[name] = {"n": len(snaps), "identical": bool(np.array_equal(pa, pb)),
                     "max_abs_diff": float(np.abs(pa - pb).max()) if len(snaps) else 0.0}
    return out


def compare(a: Path, b: Path, snapshots: list) -> dict:
    from bot.model.persist import read_metadata

    da, db = array_digests(a), array_digests(b)
    cv_a, cv_b = (_cv_figures(read_metadata(p)["cv"]) for p in (a, b))
    return {"arrays": {"n": [len(da), len(db)], "same_contents": da == db},
            "probabilities": probabilities_match(a, b, snapshots), "same_cv_figures": cv_a == cv_b}


def _cv_figures(cv: dict) -> dict:
    """The CV report without the sections a retraining may have and an older shipped model not:
    file-blind figures, and the markers-back (E1+-like) reading added in the nineteenth session."""
    return {k: v for k, v in cv.items() if k not in ("file_blind", "markers_back")}


def same(report: dict) -> bool:
    return (report["arrays"]["same_contents"] and report["same_cv_figures"]
            and all(p["identical"] for p in report["probabilities"].values()))


def attach_file_blind(retrained: Path, shipped: Path, report: dict) -> None:
    """Copy the file-blind thresholds and CV section onto the shipped metadata, with their provenance."""
    from bot.model.persist import read_metadata, write_metadata

    source, meta = read_metadata(retrained), read_metadata(shipped)
    meta["band_probability_thresholds_file_blind"] = source["band_probability_thresholds_file_blind"]
    meta["cv"]["file_blind"] = source["cv"]["file_blind"]
    meta["file_blind_provenance"] = {
        "retrained_version": source["model_version"], "retrained_at": source["trained_at"],
        "numeric_environment": source.get("numeric_environment"), "same_model_check": report,
        "how": "sieve train (file-blind copies scored out of fold, never fitted); benchmarks/same_model.py"}
    write_metadata(meta, shipped.parent)


def main() -> int:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_score import _snapshots
    from bot.model.persist import default_model_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("retrained", type=Path)
    parser.add_argument("shipped", type=Path, nargs="?", default=None)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--attach-file-blind", action="store_true")
    args = parser.parse_args()
    shipped = args.shipped or default_model_path()
    report = compare(args.retrained, shipped, _snapshots(args.n))
    print(json.dumps(report, indent=2))
    if args.attach_file_blind:
        if not same(report):
            print("not the same model: nothing attached", file=sys.stderr)
            return 1
        attach_file_blind(args.retrained, shipped, report)
        print(f"attached the file-blind thresholds to {shipped.parent}", file=sys.stderr)
    return 0 if same(report) else 1


if __name__ == "__main__":
    sys.exit(main())
