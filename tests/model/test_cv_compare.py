"""benchmarks/cv_compare.py: each candidate's change against the baseline, and their mean."""

from __future__ import annotations

import json

import pytest

from benchmark_scripts import load


def row(name: str, e1: float, tested: float) -> dict:
    probe = {"above_medium": tested, "scored_medium_or_above": tested / 2,
             "as_written_above_medium": 0.04, "as_written_scored_medium_or_above": 0.01}
    return {"variant": name, "E1_like": 0.9, "E2_like": 0.8, "E3_like": 0.6, "E4_like": 0.7,
            "mean_per_repo_E1_like": e1, "mean_per_repo_E2_like": 0.8,
            "as_scored": {"mean_per_repo_E1_like": e1 - 0.05, "mean_per_repo_E2_like": 0.75,
                          "headed_probes": {"tested": probe},
                          "written_description_humans": {"above_5pct_threshold": 7 / 186}}}


def test_changes_and_their_mean_per_figure(tmp_path, capsys):
    cv_compare = load("cv_compare")
    rows = [row("v5", 0.90, 0.20), row("cand-1", 0.91, 0.06), row("cand-2", 0.89, 0.10)]
    table = {key: (base, changes, mean) for key, base, changes, mean in cv_compare.compare(rows, "v5")}
    base, changes, mean = table["probe tested above medium"]
    assert base == 0.20 and changes == pytest.approx([-0.14, -0.10]) and mean == pytest.approx(-0.12)
    assert table["product E1_like"][1] == pytest.approx([0.01, -0.01])
    assert table["written humans above 5 % (PRs)"][0] == pytest.approx(7.0)
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    assert cv_compare.main([str(path)]) == 0
    assert "probe tested scored medium+" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="no row named 'v4'"):
        cv_compare.compare(rows, "v4")


def test_paired_rows_are_compared_with_their_own_dealing(tmp_path, capsys):
    cv_compare = load("cv_compare")
    rows = [row("d-1", 0.90, 0.20), row("d-1@lam2", 0.88, 0.23), row("d-2", 0.80, 0.10), row("d-2@lam2", 0.81, 0.10)]
    changes = cv_compare.paired(rows)["lam2"]
    assert [c["protocol E1_like"] for c in changes] == pytest.approx([-0.02, 0.01])
    assert [c["probe tested above medium"] for c in changes] == pytest.approx([0.03, 0.0])
    assert cv_compare.worst("probe tested above medium", [0.03, 0.0]) == pytest.approx(0.03)
    assert cv_compare.worst("protocol E1_like", [-0.02, 0.01]) == pytest.approx(-0.02)
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    assert cv_compare.main([str(path), "--paired"]) == 0
    out = capsys.readouterr().out
    assert "== lam2 (2 dealings)" in out and "protocol E1_like" in out and "-0.0050 · -0.0200" in out
    with pytest.raises(SystemExit, match="no row 'd-3'"):
        cv_compare.paired([row("d-3@lam2", 0.9, 0.1)])
