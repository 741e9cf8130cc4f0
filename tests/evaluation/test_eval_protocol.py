import json

import numpy as np
import pytest

from bot.evaluation import protocol
from bot.evaluation.datasets import Example
from bot.snapshot import PRSnapshot


def test_run_protocol_on_the_shared_data(data_dir, shared_sets, length_scorer):
    first = protocol.run_protocol(length_scorer, data_dir.parent)
    again, _ = protocol.evaluate(length_scorer, shared_sets[0])
    assert first["sets"] == again["sets"]  # deterministic
    json.dumps(first, allow_nan=False)  # strict JSON
    sets = first["sets"]
    assert list(sets) == ["E1", "E1+", "E2", "E3", "E4", "smoke"]
    assert (sets["E1"]["n_pos"], sets["E1"]["n_neg"]) == (292, 1556)
    assert (sets["E4"]["n_pos"], sets["E4"]["n_neg"]) == (1636, 1333)
    assert set(sets["E1"]["per_repo"]["groups"]) == {"jaegertracing/jaeger", "gluesql/gluesql"}
    assert set(sets["E3"]["per_source"]["groups"]) == {"aidev", "git_pull_refs"}
    assert sets["E1"]["slices"]["short_body"]["n_neg"] > 0
    assert sets["E1"]["slices"]["first_time"]["n_neg"] > 0
    assert sets["smoke"]["n"] == 15 and "auc" not in sets["smoke"]
    assert first["bad_records"] == 0
    for name in ("E1", "E1+", "E2", "E3", "E4"):
        assert 0.0 <= sets[name]["auc"] <= 1.0


def _examples(ys):
    return [Example(PRSnapshot(title=f"pr {i}"), y, {"repo": "o/r"}) for i, y in enumerate(ys)]


def test_scores_are_passed_in_chunks_and_progress_reaches_the_total(monkeypatch):
    monkeypatch.setattr(protocol, "CHUNK", 2)
    sets = {"A": _examples([0, 1, 0, 1, 1]), "B": _examples([1, 0])}
    calls, seen = [], []

    def scorer(snaps):
        calls.append(len(snaps))
        return [float(s.title.split()[1]) for s in snaps]

    report, scored = protocol.evaluate(scorer, sets, lambda n, d, t: seen.append((n, d, t)))
    assert calls == [2, 2, 1, 2]
    assert seen[-1] == ("B", 7, 7)
    # set A: scores 0..4 with y 0,1,0,1,1 -> positives 1,3,4 vs negatives 0,2 -> 5 of 6 pairs
    assert report["sets"]["A"]["auc"] == pytest.approx(5 / 6, abs=1e-4)  # reports round to 4
    np.testing.assert_array_equal(scored["B"][0], [1, 0])


def test_a_scorer_returning_the_wrong_shape_is_rejected():
    with pytest.raises(ValueError, match="scorer returned 1 scores"):
        protocol.evaluate(lambda snaps: [0.5], {"A": _examples([0, 1])})


def test_an_operating_point_reads_prs_without_files_against_their_own_threshold():
    from bot.snapshot import FileChange

    with_files = PRSnapshot(title="a", files=(FileChange(path="a.go", additions=1),))
    without = PRSnapshot(title="b")
    point = protocol.OperatingPoint(with_files=0.6, without_files=0.9)
    assert (point.of(with_files), point.of(without)) == (0.6, 0.9)
    examples = [Example(with_files, 0, {}), Example(without, 0, {}), Example(with_files, 1, {}), Example(without, 1, {})]
    report, _ = protocol.evaluate(lambda snaps: [0.7] * len(snaps), {"A": examples}, threshold=point)
    assert (report["threshold"], report["threshold_without_files"]) == (0.6, 0.9)
    figures = report["sets"]["A"]
    assert figures["fpr_at_threshold"] == 0.5 and figures["tpr_at_threshold"] == 0.5  # 0.7: only PRs with files
    plain, _ = protocol.evaluate(lambda snaps: [0.7] * len(snaps), {"A": examples}, threshold=0.6)
    assert plain["sets"]["A"]["fpr_at_threshold"] == 1.0 and "threshold_without_files" not in plain
