"""``benchmarks/prose_probe.py``: people's small fixes described in a sentence or two."""

from __future__ import annotations

import sys

from tests.benchmark_scripts import load


def test_each_probe_pr_is_a_small_one_commit_fix_whose_commit_body_is_its_description():
    probe = load("prose_probe")
    for title, body, path, patch in probe.PRS:
        snap = probe.snapshot(title, body, path, patch)
        assert 1 <= snap.additions + snap.deletions <= 6
        assert snap.files[0].additions == snap.additions and snap.files[0].deletions == snap.deletions
        assert snap.commits[0].message == f"{title}\n\n{body}"  # as GitHub fills a one-commit PR's description
        assert len(body) < 120 and "#" not in body  # one or two plain sentences


def test_the_run_prints_a_line_per_pr_and_a_summary_per_model(monkeypatch, capsys):
    probe = load("prose_probe")
    monkeypatch.setattr(sys, "argv", ["prose_probe.py"])
    assert probe.main() == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if "(no description:" in line]
    assert len(rows) == len(probe.PRS)
    summary = next(line for line in lines if line.startswith("model "))
    assert f"of {len(probe.PRS)}" in summary and "mean" in summary
