"""Human PRs re-laid under headings: the copies training may fit and the probes CV scores."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bot.model import data, metadata, relaid, train
from bot.model.data import Example
from bot.model.features import texts_of
from bot.snapshot import Commit, PRSnapshot


def test_one_paragraph_goes_under_the_first_heading_and_two_are_split():
    assert relaid.relaid("Fix the parser.\n", ("## Summary",)) == "## Summary\n\nFix the parser."
    assert relaid.relaid("Why it broke.", ("### Why", "### What changed")) == "### Why\n\nWhy it broke."
    two = relaid.relaid("Why it broke.\n\nWhat I changed.\n \nAnd a test.", ("### Why", "### What changed"))
    assert two == "### Why\n\nWhy it broke.\n\n### What changed\n\nWhat I changed.\n\nAnd a test."


def test_only_descriptions_with_words_of_their_own_and_no_heading_are_eligible():
    assert relaid.eligible("Fixes the crash when the config file is empty.")
    assert not relaid.eligible("Fixes #12")  # too short to carry a heading
    assert not relaid.eligible("## Summary\n\nFixes the crash when the config file is empty.")


def test_the_layout_is_fixed_by_the_record_id():
    ids = [f"git_prs:r#{i}:sha" for i in range(50)]
    assert [relaid.layout_for(i) for i in ids] == [relaid.layout_for(i) for i in ids]
    assert {relaid.layout_for(i) for i in ids} == set(relaid.LAYOUTS)  # every layout is used


def test_each_eligible_human_gets_one_training_copy_and_one_scored_only_copy_per_probe(shared):
    examples = data.training_examples(shared, small=True, headed_weight=0.5)
    by_id = {e.record_id: e for e in examples}
    humans = [e for e in examples if e.source == "git_prs" and e.label == 0 and e.weight == 1.0]
    eligible = [e for e in humans if relaid.eligible(texts_of(e.snapshot).body)]
    copies = [e for e in examples if e.source.endswith(data.HEADED)]
    assert 0 < len(copies) == len(eligible) < len(humans)
    for copy in copies:
        original = by_id[copy.record_id.removeprefix(data.HEADED + ":")]
        assert (copy.label, copy.group, copy.weight, copy.fit_weight) == (0, original.group, 1.0, 0.5)
        assert copy.snapshot.body == relaid.relaid(original.snapshot.body, relaid.layout_for(original.record_id))
        assert (copy.snapshot.title, copy.snapshot.commits, copy.snapshot.files) == (
            original.snapshot.title, original.snapshot.commits, original.snapshot.files)
    for name in relaid.PROBES:
        probes = [e for e in examples if e.source == f"git_prs{data.PROBE}{name}"]
        assert len(probes) == len(eligible) and all(p.fit_weight == 0.0 for p in probes)
        if name in relaid.PROBE_HEADINGS:
            assert all(p.snapshot.body.startswith(relaid.PROBE_HEADINGS[name][0] + "\n\n") for p in probes)
        elif name == "disclosed":  # the person's own words, then a careful disclosure
            assert all(p.snapshot.body.endswith(relaid.DISCLOSURES) for p in probes)
        elif name == "checklist":  # the person's own words, then a ticked checklist
            assert all(p.snapshot.body.endswith(relaid.CHECKLISTS) for p in probes)
        elif name == "tested":  # the person's own words, then how they tested, in their words
            assert all(p.snapshot.body.endswith(relaid.TESTED) for p in probes)
        elif name in ("output", "folded"):  # the person's own words, then their test output
            assert all(p.snapshot.body.endswith(relaid.OUTPUT if name == "output" else relaid.FOLDED)
                       for p in probes)
        else:  # the person's own words inside a template the scorer does not know
            assert all(p.snapshot.body.startswith(("#### What type", "## Description")) for p in probes)


def test_copies_change_neither_the_records_nor_the_vocabulary_nor_the_dataset_id(shared):
    plain = data.training_examples(shared, small=True)
    with_copies = data.training_examples(shared, small=True, headed_weight=1.0)
    assert [e for e in with_copies if not data.is_copy(e)] == plain
    assert train.record_snapshots(with_copies) == [e.snapshot for e in plain]
    assert data.dataset_id(with_copies) == data.dataset_id(plain)


def _row(rid: str, label: int, source: str = "git_prs") -> Example:
    return Example(PRSnapshot(title="t"), label, 1.0, "fiber", source, rid)


def test_cv_report_gives_each_probe_beside_the_same_prs_as_written():
    humans = [_row(f"h{i}", 0) for i in range(100)]
    agents = [_row(f"a{i}", 1) for i in range(10)]
    probes = [_row(f"{data.PROBE}{name}:h{i}", 0, f"git_prs{data.PROBE}{name}")
              for name in relaid.PROBES for i in range(90, 100)]
    # humans 0..0.99 (medium 0.9405, high 0.9801), agents 2; h90..h99 as written: 0.90..0.99
    p = np.concatenate([np.arange(100) / 100, np.full(10, 2.0), np.full(10, 0.95)]
                       + [np.full(10, 0.5)] * (len(relaid.PROBES) - 1))
    report = metadata.cv_report(humans + agents + probes, p, np.ones(len(p), dtype=bool))
    assert set(report["headed_probes"]) == set(relaid.PROBES)
    summary, unseen = report["headed_probes"]["summary"], report["headed_probes"]["unseen"]
    assert summary == {"n": 10, "above_medium": 1.0, "above_high": 0.0,
                       "as_written_above_medium": 0.5, "as_written_above_high": 0.1,
                       "scored_medium_or_above": 1.0, "as_written_scored_medium_or_above": 0.5}
    assert unseen["n"] == 10 and unseen["above_medium"] == 0.0 and unseen["as_written_above_medium"] == 0.5
    assert report["E1_like"]["n_neg"] == 100  # probes are not humans of the E1-like figure


def test_the_scored_share_counts_the_signals_points_as_score_does():
    """A probe just over the medium threshold whose words say how it was tested (a care signal,
    15 points off) stays under medium as score() reads it, while its probability is above."""
    humans = [_row(f"h{i}", 0) for i in range(100)]
    tested = "Fixes the crash.\n\nTested with `go test ./... -run TestReload -count=20`."
    probes = [Example(PRSnapshot(title="t", body=tested), 0, 1.0, "fiber", f"git_prs{data.PROBE}{name}",
                      f"{data.PROBE}{name}:h{i}") for name in relaid.PROBES for i in range(90, 100)]
    p = np.concatenate([np.arange(100) / 100, np.full(10 * len(relaid.PROBES), 0.95)])
    report = metadata.cv_report(humans + probes, p, np.ones(len(p), dtype=bool))
    assert report["headed_probes"]["tested"]["above_medium"] == 1.0
    assert report["headed_probes"]["tested"]["scored_medium_or_above"] == 0.0


def _fold_sets(splits) -> list[set[int]]:
    return [set(map(int, test)) for _, test in splits]


def test_record_keys_of_their_own_give_the_inner_text_folds_of_v4():
    from sklearn.model_selection import StratifiedKFold

    from bot.model import innerfolds

    y = np.array([0, 1] * 20)
    v4 = StratifiedKFold(n_splits=4, shuffle=True, random_state=0).split(np.zeros(40), y)
    own = innerfolds.splits(y, 0, records=np.array([f"r{i}" for i in range(40)]))
    assert _fold_sets(own) == _fold_sets(v4) == _fold_sets(innerfolds.splits(y, 0))


def test_a_copy_shares_its_records_inner_text_fold():
    from bot.model import innerfolds

    y = np.array([0, 1] * 20 + [0] * 10)
    records = np.array([f"r{i}" for i in range(40)] + [f"r{2 * i}" for i in range(10)])  # copies of r0, r2, ...
    splits = innerfolds.splits(y, 0, records=records)
    for train_rows, test in splits:
        assert not set(records[train_rows]) & set(records[test])  # a record's rows are on one side
    assert sorted(i for _, test in splits for i in test) == list(range(50))


def test_record_key_is_the_original_for_every_kind_of_copy(shared):
    examples = data.training_examples(shared, small=True, file_blind_weight=0.0, headed_weight=1.0, ticked_weight=1.0,
                                      tested_weight=1.0, bodied_weight=1.0)
    ids = {e.record_id for e in examples if not data.is_copy(e)}
    copies = [e for e in examples if data.is_copy(e)]
    assert all(any(mark in e.source for e in copies) for mark in data.COPIES)  # every kind is there
    assert all(data.record_key(e) in ids for e in copies)
    assert all(data.record_key(e) == e.record_id for e in examples if not data.is_copy(e))


def test_the_length_balance_reads_records_only_and_copies_keep_their_weight():
    import scipy.sparse as sp

    from bot.model.blend import LOG_BODY, TITLE_ONLY

    n = 30  # 10 agents and 10 humans with 600-character descriptions, then 10 copies of those humans
    X = np.zeros((n, max(LOG_BODY, TITLE_ONLY, train.HEADERS, train.BULLETS) + 1))
    X[:, LOG_BODY] = np.log1p(600)
    X[:5, LOG_BODY] = X[10:15, LOG_BODY] = 0.0  # and 5 of each with no description
    y = np.array([1] * 10 + [0] * 20)
    w = np.ones(n)
    records = np.arange(n) < 20
    kept, factors = train.fit_weights(sp.csr_matrix(X), y, w, True, balanced=records)
    alone, alone_factors = train.fit_weights(sp.csr_matrix(X[:20]), y[:20], w[:20], True)
    assert factors == alone_factors and np.array_equal(kept[:20], alone)
    assert np.array_equal(kept[20:], w[20:])  # copies are fitted at their own weight
    counted, counted_factors = train.fit_weights(sp.csr_matrix(X), y, w, True)
    assert counted_factors != factors  # counted as negatives, copies would change the agents' weights


def test_each_disclosure_probe_keeps_the_words_and_adds_one_careful_disclosure():
    body = "Fixes the crash when the config file is empty.\n"
    seen = {relaid.probe("disclosed", body, f"r{i}") for i in range(30)}
    assert seen == {f"{body.strip()}\n\n{d}" for d in relaid.DISCLOSURES}


def test_each_tested_probe_keeps_the_words_and_adds_one_testing_paragraph():
    body = "Fixes the crash when the config file is empty.\n"
    seen = {relaid.probe("tested", body, f"r{i}") for i in range(40)}
    assert seen == {f"{body.strip()}\n\n{t}" for t in relaid.TESTED}
    assert not set(relaid.TESTED) & set(relaid.TICKED + relaid.CHECKLISTS + relaid.DISCLOSURES)


def assert_copies_follow_the_words(examples, suffix: str, weight: float, added: tuple, never: tuple) -> None:
    """Each copy (source ``suffix``) is its record's words, then one of ``added``, never of ``never``."""
    by_id = {e.record_id: e for e in examples}
    copies = [e for e in examples if e.source.endswith(suffix)]
    assert copies and len(copies) == len([e for e in examples if e.source.endswith(data.HEADED)])
    for copy in copies:
        words = by_id[data.record_key(copy)].snapshot.body.strip()
        assert copy.snapshot.body.startswith(words + "\n\n") and copy.fit_weight == weight
        assert copy.snapshot.body.endswith(added) and not copy.snapshot.body.endswith(never)


def test_a_tested_copy_keeps_the_persons_words_and_never_uses_a_probes_paragraph(shared):
    examples = data.training_examples(shared, small=True, headed_weight=0.0, tested_weight=4.0)
    assert_copies_follow_the_words(examples, data.TESTED, 4.0, relaid.TESTED_COPIES, relaid.TESTED)
    under = data.training_examples(shared, small=True, headed_weight=0.0, tested_weight=4.0,
                                   tested_under_headings=True)
    headed = {data.record_key(e): e.snapshot.body for e in under if e.source.endswith(data.HEADED)}
    for copy in (e for e in under if e.source.endswith(data.TESTED)):
        assert copy.snapshot.body.startswith(headed[data.record_key(copy)].strip() + "\n\n")
    assert {relaid.tested("Fixes it.", f"r{i}").rsplit("\n\n", 1)[-1] for i in range(60)} == set(relaid.TESTED_COPIES)
    assert relaid.tested("Fixes it.", "r1", salt="t-1") != relaid.tested("Fixes it.", "r1", salt="t-2") or \
        relaid.tested("Fixes it.", "r2", salt="t-1") != relaid.tested("Fixes it.", "r2", salt="t-2")


def test_a_ticked_copy_keeps_the_persons_words_and_never_uses_a_probes_checklist(shared):
    examples = data.training_examples(shared, small=True, headed_weight=0.0, ticked_weight=2.0)
    assert_copies_follow_the_words(examples, data.TICKED, 2.0, relaid.TICKED, relaid.CHECKLISTS)
    laid = {relaid.ticked("Fixes the crash.", f"r{i}") for i in range(40)}
    assert {t.startswith("Fixes the crash.\n\n## Checklist\n\n") for t in laid} == {True, False}  # half headed
    assert {t.rsplit("\n\n", 1)[-1] for t in laid} == set(relaid.TICKED)


def test_the_checklist_and_template_probes_keep_the_persons_words():
    body = "Fixes the crash when the config file is empty.\n"
    ticked = {relaid.probe("checklist", body, f"r{i}") for i in range(30)}
    assert ticked == {f"{body.strip()}\n\n{c}" for c in relaid.CHECKLISTS}
    filled = {relaid.probe("template", body, f"r{i}") for i in range(30)}
    assert filled == {t.format(words=body.strip()) for t in relaid.TEMPLATES}
    assert all(body.strip() in f and f.count(body.strip()) == 1 and "{words}" not in f for f in filled)


def test_as_scored_reads_every_row_as_a_probe_is_read(small_model):
    from bot.model.persist import load_model

    feats = load_model(small_model).pipeline[0]
    plain = PRSnapshot(title="Fix the loader", body="Fixes the loader so a missing file is named.")
    pr = replace(plain, body=plain.body + "\n\n" + relaid.DISCLOSURES[0],
                 commits=(Commit("fix loader\n\nCo-Authored-By: Claude <noreply@anthropic.com>"),))
    rows = [Example(pr, 0, 1.0, "fiber", "git_prs", "r"), Example(plain, 0, 1.0, "fiber", "git_prs", "p")]
    read_as_is = train.features(feats, rows).toarray()
    as_scored = train.features(feats, rows, as_scored=True).toarray()
    assert not np.array_equal(read_as_is[0], read_as_is[1])  # the markers are read as they are
    unmarked = train.features(feats, [Example(replace(plain, commits=(Commit("fix loader"),)), 0, 1.0, "fiber",
                                              "git_prs", "u")], as_scored=True).toarray()
    assert np.array_equal(as_scored[0], unmarked[0])  # as scored: no disclosure, no trailer, AI signals at 0


def test_ai_zeroed_clears_only_the_ai_signal_columns(small_model):
    from bot.model.persist import load_model

    feats = load_model(small_model).pipeline[0]
    pr = PRSnapshot(title="Fix the loader", body="Fixes the loader.\n\n" + relaid.DISCLOSURES[0],
                    commits=(Commit("fix loader\n\nCo-Authored-By: Claude <noreply@anthropic.com>"),))
    X = train.features(feats, [Example(pr, 0, 1.0, "fiber", "git_prs", "r")])
    zeroed = train.ai_zeroed(X, feats).toarray()[0]
    names, row = feats.feature_names(), X.toarray()[0]
    ai = [i for i, name in enumerate(names) if name in ("signal:ai_attribution", "signal:ai_disclosure")]
    assert row[ai].tolist() == [1.0, 1.0] and zeroed[ai].tolist() == [0.0, 0.0]
    others = np.ones(len(row), dtype=bool)
    others[ai] = False
    assert np.array_equal(zeroed[others], row[others])


def test_probe_rows_are_read_as_score_reads_a_pr(small_model):
    from bot.model.persist import load_model
    from bot.scoring import ScoreConfig, score
    from bot.signals import run_signals

    model = load_model(small_model)
    feats = model.pipeline[0]
    plain = PRSnapshot(title="Fix the loader", body="Fixes the loader so a missing file is named.\n\n")
    pr = replace(plain, body=plain.body + relaid.DISCLOSURES[2])
    assert any(h.kind == "ai" and h.fired for h in run_signals(pr))  # the disclosure fires
    rows = [Example(pr, 0, 1.0, "fiber", "git_prs", "r"),
            Example(pr, 0, 1.0, "fiber", f"git_prs{data.PROBE}disclosed", f"{data.PROBE}disclosed:r"),
            Example(plain, 0, 1.0, "fiber", "git_prs", "p")]
    X = train.features(feats, rows).toarray()
    names = feats.feature_names()
    ai = [names.index(f"signal:{n}") for n in ("ai_attribution", "ai_disclosure") if n in feats.signal_names]
    assert X[0, ai].any() and not X[1, ai].any()  # a record keeps its AI signals; a probe reads them at 0
    assert np.array_equal(X[1], X[2])  # and, like score(), does not read the disclosure sentence
    p = model.pipeline[-1].predict_proba(X[1:2])[0, 1]
    assert p == pytest.approx(score(pr, ScoreConfig(model_path=str(small_model))).probability, abs=1e-9)
