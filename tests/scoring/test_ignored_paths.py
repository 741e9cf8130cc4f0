"""``paths.ignore`` leaves files out of the signals and the result, not out of the model.

The classifier was trained on whole diffs; a careful API change whose generated half a
maintainer ignored went from ``low`` to ``high`` when the model read only the rest (review;
models/HISTORY.md, "Twenty-fifth session")."""

from __future__ import annotations

import pytest

from bot.ignored import without_ignored
from bot.scoring import ScoreConfig, score
from bot.snapshot import Commit, FileChange, PRSnapshot

GENERATED = tuple(FileChange(f"pkg/apis/v1/{name}", additions=400, deletions=120)
                  for name in ("zz_generated.deepcopy.go", "generated.pb.go", "generated.proto"))
PR = PRSnapshot(title="Add a maxSurge field to the rollout strategy",
                body="Adds `maxSurge` to the rollout strategy so rollouts can go faster.\n\nTested with `go test ./pkg/...`.",
                files=(FileChange("pkg/apis/v1/types.go", additions=12, deletions=1),
                       FileChange("pkg/apis/v1/types_test.go", additions=30), *GENERATED),
                commits=(Commit("Add maxSurge to the rollout strategy"),))
IGNORE = ("*zz_generated*", "*.pb.go", "*.proto")


def test_the_model_reads_the_whole_diff_and_the_signals_the_rest(shipped_model):
    whole = score(PR, ScoreConfig(model_path=str(shipped_model)))
    ignoring = score(PR, ScoreConfig(model_path=str(shipped_model), ignore=IGNORE))
    assert ignoring.probability == pytest.approx(whole.probability, abs=1e-12)
    assert "3 file(s) left out of the signals by paths.ignore (the model reads the whole diff)" in ignoring.notes
    seen = score(without_ignored(PR, IGNORE), ScoreConfig(model_path=str(shipped_model)))
    assert [h.value for h in ignoring.signals] == [h.value for h in seen.signals]  # what the signals saw


def test_a_pr_whose_every_file_is_ignored_is_not_read_as_one_without_files(shipped_model):
    only_generated = PR.with_changes(files=GENERATED)
    result = score(only_generated, ScoreConfig(model_path=str(shipped_model), ignore=IGNORE))
    assert not any("no file list" in note for note in result.notes)


def test_nothing_ignored_leaves_the_snapshot_alone():
    assert without_ignored(PR, ()) is PR and without_ignored(PR, ("vendor/*",)) is PR


def test_globs_that_match_nothing_run_the_signals_once_on_a_giant_pr(shipped_model, monkeypatch):
    """bound() cuts a PR of over 300 files, which made a new snapshot and a second signal run
    when no glob matched (diff review)."""
    from bot import signals

    calls = []
    real = signals.run_signals
    monkeypatch.setattr(signals, "run_signals", lambda s: calls.append(1) or real(s))
    giant = PR.with_changes(files=tuple(FileChange(f"pkg/f{i}.go", additions=1) for i in range(320)))
    score(giant, ScoreConfig(model_path=str(shipped_model), ignore=("vendor/*",)))
    assert len(calls) == 1


def test_a_named_file_that_paths_ignore_left_out_is_still_one_the_diff_touches(shipped_model):
    """The signals told the author the diff 'does not touch' the generated file it does touch
    (diff review)."""
    named = PR.with_changes(body="Adds `maxSurge` in `pkg/apis/v1/types.go` and regenerates "
                                 "`pkg/apis/v1/zz_generated.deepcopy.go`.")
    result = score(named, ScoreConfig(model_path=str(shipped_model), ignore=IGNORE))
    assert "mentions_missing_files" not in {h.name for h in result.fired}
