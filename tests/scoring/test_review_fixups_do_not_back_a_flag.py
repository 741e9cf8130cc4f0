"""A review fix-up commit ("fix", "address review comments") after a descriptive commit is a
routine sight before a squash, not a sign of low effort. ``commit_message_uniformity`` still
gives the model its value (0.5 for one of two subjects), but ``score()`` shows it quiet and
counts nothing for it: a careful Kubernetes PR with such a commit scored 100 ``high`` (review),
and once held at ``medium`` its comment still blamed the fix-up (diff review)."""

from __future__ import annotations

import pytest

from bot.scoring import ScoreConfig, score
from bot.signals.commits import commit_message_uniformity, only_fixups
from bot.snapshot import Commit, FileChange, PRSnapshot

PATCH = "@@ -1,1 +1,4 @@\n+\tif node == nil {\n+\t\treturn \"\"\n+\t}\n"


def pr(*subjects: str) -> PRSnapshot:
    return PRSnapshot(title="Fix nil pointer in nodeAddress", body="Return early when the node has no addresses.",
                      files=(FileChange("pkg/controller/nodeipam/util.go", additions=3, patch=PATCH),),
                      commits=tuple(Commit(s) for s in subjects))


@pytest.mark.parametrize("subjects", [("Fix nil pointer in nodeAddress", "fix"),
                                      ("Add retries to the exporter", "Address review comments", "fix")])
def test_review_fixups_are_shown_quiet_and_count_nothing(shipped_model, subjects):
    snapshot = pr(*subjects)
    assert commit_message_uniformity(snapshot).fired and only_fixups(snapshot)  # the model still reads it
    result = score(snapshot, ScoreConfig(model_path=str(shipped_model)))
    assert "commit_message_uniformity" not in {h.name for h in result.fired}
    plain = score(pr(subjects[0]), ScoreConfig(model_path=str(shipped_model)))
    assert result.band != "high" or plain.band == "high"


@pytest.mark.parametrize("subjects", [("fix",), ("wip", "fix"), ("Initial plan", "Add retries to the exporter"),
                                      ("Add retries to the exporter", "wip", "tmp")])
def test_other_generic_subjects_still_count(subjects):
    snapshot = pr(*subjects)
    assert commit_message_uniformity(snapshot).fired and not only_fixups(snapshot)
