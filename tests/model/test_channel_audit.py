"""``benchmarks/channel_audit.py``: inputs that separate channels, not labels, come first."""

from __future__ import annotations

import numpy as np

from bot.snapshot import FileChange, PRSnapshot
from tests.benchmark_scripts import load

channel_audit = load("channel_audit")


def test_a_column_that_only_tells_the_channels_apart_ranks_first():
    rng = np.random.default_rng(0)
    aidev = np.c_[np.ones(50), rng.random(50), rng.random(50) + 1]  # col 0 only in AIDev; col 2 agents
    git_agent = np.c_[np.zeros(50), rng.random(50), rng.random(50) + 1]
    git_human = np.c_[np.zeros(50), rng.random(50), rng.random(50)]
    rows = channel_audit.audit(aidev, git_agent, git_human, ["only_aidev", "noise", "agent_marker"])
    assert [r["input"] for r in rows][0] == "only_aidev"
    first = rows[0]
    assert first["channel_auc"] == 1.0 and first["label_auc_git"] == 0.5  # constant within git
    marker = next(r for r in rows if r["input"] == "agent_marker")
    assert marker["label_auc_git"] == 1.0 and abs(marker["channel_auc"] - 0.5) < 0.2


def test_columns_are_the_model_inputs_in_order():
    names, values = channel_audit.columns([PRSnapshot(title="Fix x", files=(FileChange(path="a.go", additions=1),)),
                                           PRSnapshot(title="Add y", body="Adds y.")])
    assert values.shape == (2, len(names)) and names[0] == "has_files"
    assert values[0, 0] == 1.0 and values[1, 0] == 0.0
