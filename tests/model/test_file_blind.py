"""File-blind copies: no AIDev agent row has a file list, so "no files" must not mean "agent"."""

from __future__ import annotations

import numpy as np

from dataclasses import replace

from bot.model import data, metadata, train
from bot.model.oof import out_of_fold
from bot.model.persist import read_metadata
from bot.model.data import Example
from bot.snapshot import FileChange, PRSnapshot


def test_no_aidev_agent_row_has_files_and_every_used_git_row_does(shared):
    """The confound the copies answer, checked on the data itself."""
    examples = data.training_examples(shared, small=True)
    agents = [e for e in examples if e.source == "aidev_agent"]
    git = [e for e in examples if e.source in data.GIT_SOURCES]
    assert agents and not any(e.snapshot.has_file_info for e in agents)
    with_files = sum(e.snapshot.has_file_info for e in git)
    assert with_files >= 0.95 * len(git) > 0  # the full split: 13,676 of 13,776 (a few empty merges)


def test_each_git_row_gets_one_file_blind_copy_with_its_label_group_and_weight(shared):
    examples = data.training_examples(shared, small=True, file_blind_weight=0.5)
    originals = {e.record_id: e for e in examples if e.source in data.GIT_SOURCES and e.snapshot.total_files}
    copies = [e for e in examples if e.source.endswith(data.FILE_BLIND)]
    assert len(copies) == len(originals) > 0
    for copy in copies:
        original = originals[copy.record_id.removeprefix(data.FILE_BLIND + ":")]
        assert (copy.label, copy.group, copy.weight, copy.outcome) == (
            original.label, original.group, original.weight, original.outcome)
        assert copy.source == original.source + data.FILE_BLIND and copy.fit_weight == original.weight * 0.5
        assert copy.snapshot.files == () and copy.snapshot.total_files == 0 and copy.snapshot.total_additions == 0
        assert (copy.snapshot.title, copy.snapshot.body, copy.snapshot.commits) == (
            original.snapshot.title, original.snapshot.body, original.snapshot.commits)
        assert data.reject_label(copy) == -1  # the rejection head sees each pull ref once


def test_without_a_weight_there_are_no_copies_and_the_record_set_is_unchanged(shared):
    plain = data.training_examples(shared, small=True)
    assert not any(e.source.endswith(data.FILE_BLIND) for e in plain)
    with_copies = data.training_examples(shared, small=True, file_blind_weight=1.0)
    assert [e for e in with_copies if not e.source.endswith(data.FILE_BLIND)] == plain
    assert train.record_snapshots(with_copies) == [e.snapshot for e in plain]  # IDF sees each record once


def test_file_blind_drops_files_and_counts_only():
    snap = PRSnapshot(title="t", body="b", files=(FileChange(path="a.go", additions=3, deletions=1),),
                      files_changed=1, additions=3, deletions=1)
    blind = data.file_blind(snap)
    assert (blind.files, blind.files_changed, blind.additions, blind.deletions) == ((), None, None, None)
    assert (blind.title, blind.body) == ("t", "b")


class _Recorder:
    """A stand-in classifier: remembers how many rows it was fitted on; scores every row 1."""

    fitted: list[int] = []

    def fit(self, X, y, sample_weight=None, reject=None):
        _Recorder.fitted.append(len(y))
        return self

    def components(self, X):
        return np.ones((X.shape[0], 5))


def test_out_of_fold_fits_only_the_masked_rows_and_scores_every_row():
    X, y = np.zeros((8, 1)), np.array([0, 1] * 4)
    folds, mask = np.array([0, 0, 0, 0, 1, 1, 1, 1]), np.array([True, True, False, False] * 2)
    _Recorder.fitted = []
    oof = out_of_fold(X, y, np.ones(8), np.full(8, -1), folds, _Recorder, lambda _m: None, fit_mask=mask)
    assert _Recorder.fitted == [2, 2]  # each fold fits on the other fold's two masked rows
    assert not np.isnan(oof).any()  # unmasked rows are still scored out of fold


def _blind(repo: str, label: int, weight: float) -> Example:
    return Example(PRSnapshot(title="t"), label, weight, repo, "git_prs" + data.FILE_BLIND, f"{repo}{label}{weight}")


def test_cv_report_measures_file_blind_copies_against_the_with_files_thresholds():
    plain = [Example(PRSnapshot(title="t"), 0, 1.0, "fiber", "git_prs", f"h{i}") for i in range(100)]
    plain += [Example(PRSnapshot(title="t"), 1, 1.0, "fiber", "git_prs", f"a{i}") for i in range(10)]
    blind = [_blind("fiber", 0, 1.0) for _ in range(10)] + [_blind("fiber", 0, 0.3) for _ in range(10)]
    blind += [_blind("fiber", 1, 1.0) for _ in range(10)]
    p = np.concatenate([np.arange(100) / 100, np.full(10, 2.0),  # with files: humans 0..0.99, agents 2
                        np.full(10, 0.5), np.full(10, 0.97), np.full(10, 0.96)])  # copies
    report = metadata.cv_report(plain + blind, p, np.ones(len(p), dtype=bool))
    assert report["E1_like"]["auc"] == 1.0 and "file_blind" in report
    fb = report["file_blind"]
    assert fb["E1_like_auc"] == 1.0  # blind agents 0.96 above blind humans 0.5
    assert fb["E2_like_auc"] == 0.0  # blind unlabeled 0.97 above blind agents 0.96
    assert fb["above_thresholds"]["humans"] == {"medium": 0.0, "high": 0.0}
    assert fb["above_thresholds"]["unlabeled"] == {"medium": 1.0, "high": 0.0}  # medium 0.9405, high 0.9801
    assert fb["per_repo"]["fiber"]["E1_like_auc"] == 1.0 and fb["per_repo"]["liam"]["E1_like_auc"] is None


def test_heldout_bands_scores_records_without_their_files_under_their_own_groups(small_model, monkeypatch):
    from types import SimpleNamespace

    import bot.scoring
    from bot.scoring import ScoreConfig
    from tests.benchmark_scripts import load

    seen = []
    real_score = bot.scoring.score
    monkeypatch.setattr(bot.scoring, "score", lambda snap, config: seen.append(snap) or real_score(snap, config))
    snap = PRSnapshot(title="Add retry to the client", body="Retries on 503.",
                      files=(FileChange(path="client.go", additions=20, deletions=2),))
    records = [(SimpleNamespace(raw={"label": "human", "date": "2020-05-01"}, snapshot=snap), {"first_time": True}),
               (SimpleNamespace(raw={"label": "unlabeled", "date": "2025-03-01"}, snapshot=snap), {})]
    heldout = load("heldout_bands")
    used = []
    monkeypatch.setattr(heldout, "lifted_by", lambda result, thresholds, config: used.append(thresholds) or [])
    config = ScoreConfig(model_path=str(small_model))
    rates = heldout.band_rates(records, config, file_blind=True)
    assert set(rates) == {"human, file-blind", "human, file-blind, first_time", "unlabeled 2025+, file-blind"}
    assert rates["human, file-blind"]["n"] == 1
    assert [s.files for s in seen] == [(), ()]  # both scored without their files
    single = heldout.band_rates(records, replace(config, file_blind_thresholds=False), file_blind=True)
    assert set(single) == {k.replace("file-blind", "file-blind, single thresholds") for k in rates}
    meta = read_metadata(small_model)  # each PR's points are weighed against the model's own thresholds
    assert used == [meta["band_probability_thresholds_file_blind"]] * 3 + [meta["band_probability_thresholds"]] * 3


def test_cv_report_counts_bare_titles_above_both_threshold_pairs():
    from bot.model import metadata

    out = metadata.bare_title_report(np.array([0, 0, 0, 0, 1, 1]), np.array([0.1, 0.5, 0.85, 0.97, 0.6, 0.99]),
                                     {"medium": 0.4, "high": 0.6}, {"medium": 0.8, "high": 0.95})
    assert out["humans"] == {"n": 4, "above_medium": 0.75, "above_high": 0.5,
                             "above_file_blind_medium": 0.5, "above_file_blind_high": 0.25}
    assert out["agents"] == {"n": 2, "above_medium": 1.0, "above_high": 0.5,
                             "above_file_blind_medium": 0.5, "above_file_blind_high": 0.5}
