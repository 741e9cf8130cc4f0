"""Does adding a test file ever count against a PR? A probe of a model's response, not a figure.

Takes merged training-split PRs of the ``git_prs`` repositories (the evaluation repositories are
not read) whose complete file list changes code and no test, and scores each three ways with
``score()``: as it is, with a 12-line test file added beside its first code file (assertions
included), and with the same 12 lines added as a code file (the control)::

    python benchmarks/test_file_probe.py [MODEL.skops] [--shared ../shared] [--per-repo 400]

Prints, for the test file and the control, how many scores rose, the largest rise in points and
how many PRs moved up a band. A model for which tests never count against a PR shows no rise
that the control does not show as well (models/HISTORY.md, twenty-third session).
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluation import splits  # noqa: E402
from bot.evaluation.datasets import merged_records  # noqa: E402
from bot.scoring import ScoreConfig, score_many  # noqa: E402
from bot.signals.filekinds import is_test_path  # noqa: E402
from bot.snapshot import FileChange  # noqa: E402

LINES = 12
# per language: the test file's path beside ``stem`` in ``folder``, and one asserting line
TESTS = {".go": ("{folder}/{stem}_probe_test.go", "\trequire.Equal(t, want, got)"),
         ".py": ("tests/test_{stem}_probe.py", "    assert got == want"),
         ".rs": ("tests/{stem}_probe.rs", "    assert_eq!(got, want);"),
         ".ts": ("{folder}/{stem}.probe.test.ts", "  expect(got).toEqual(want);"),
         ".tsx": ("{folder}/{stem}.probe.test.tsx", "  expect(got).toEqual(want);"),
         ".js": ("{folder}/{stem}.probe.test.js", "  expect(got).toEqual(want);")}
BANDS = {"low": 0, "medium": 1, "high": 2}


def probe_files(code_path: str) -> tuple[FileChange, FileChange] | None:
    """The added test file and the control (the same lines as a code file), or None for other languages."""
    folder, name = posixpath.split(code_path)
    stem, ext = posixpath.splitext(name)
    if ext not in TESTS:
        return None
    template, line = TESTS[ext]
    test_path = template.format(folder=folder or ".", stem=stem).lstrip("./")
    control_path = posixpath.join(folder, f"{stem}_probe_extra{ext}")
    body = [line] * LINES
    patch = f"@@ -0,0 +1,{LINES} @@\n" + "\n".join("+" + text for text in body)
    return tuple(FileChange(path=p, status="added", additions=LINES, patch=patch)
                 for p in (test_path, control_path))


def candidates(shared: Path, per_repo: int):
    """(snapshot, with a test file, with a control file) for up to ``per_repo`` PRs per training repository."""
    for name in sorted(set(splits.GIT_REPO_NAMES) - splits.EVAL_GIT_REPOS):
        taken = 0
        for rec, _ in merged_records(shared / "data", name, on_error=lambda error: None):
            files = rec.snapshot.files
            if taken >= per_repo or not files or any(is_test_path(f.path) for f in files):
                continue
            code = next((f.path for f in files if posixpath.splitext(f.path)[1] in TESTS), None)
            added = probe_files(code) if code else None
            if added:
                taken += 1
                yield tuple(replace(rec.snapshot, files=files + (extra,)) if extra else rec.snapshot
                            for extra in (None, *added))


def summary(before, after) -> dict:
    rises = [b2.score - b1.score for b1, b2 in zip(before, after)]
    return {"rose": sum(r > 0 for r in rises), "largest_rise": max(rises, default=0),
            "fell": sum(r < 0 for r in rises),
            "band_up": sum(BANDS[b2.band] > BANDS[b1.band] for b1, b2 in zip(before, after))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", type=Path, help="model file (default: the shipped one)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--per-repo", type=int, default=400)
    args = parser.parse_args()
    triples = list(candidates(args.shared, args.per_repo))
    config = ScoreConfig(model_path=str(args.model) if args.model else None)
    plain, tested, control = ([*score_many([t[i] for t in triples], config)] for i in range(3))
    print(json.dumps({"model": plain[0].model_version if plain else None, "n": len(triples),
                      "test_file": summary(plain, tested), "control": summary(plain, control)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
