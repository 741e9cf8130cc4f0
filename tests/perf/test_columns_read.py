"""``batch_score`` runs only the signals the classifier reads: the probabilities are the ones
every signal gives, bit for bit, and a column named as unread really is never read."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from bot.model import features
from bot.model.fasttrees import columns_read
from bot.paths import models_dir


def test_columns_no_split_reads_do_not_move_the_prediction():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2000, 6))
    X[:, [2, 4]] = 0.0  # constant: no split can use them
    X[rng.random(X.shape) < 0.05] = np.nan
    y = ((np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 3])) > 0).astype(int)
    model = HistGradientBoostingClassifier(max_iter=40, random_state=0).fit(X, y)
    read = columns_read(model)
    assert {0, 3} <= read and not read & {2, 4}
    probe = rng.normal(size=(300, 6))
    moved = probe.copy()
    moved[:, [c for c in range(6) if c not in read]] = rng.normal(size=(300, 6 - len(read))) * 100
    assert model.predict_proba(probe).tobytes() == model.predict_proba(moved).tobytes()
    assert columns_read(model) is read  # cached


def test_trees_it_cannot_read_give_none():
    class Unfitted:
        pass

    assert columns_read(Unfitted()) is None


def test_signals_read_maps_columns_after_the_structural_ones():
    first = len(features.STRUCTURAL_NAMES)
    assert features.signals_read(("a", "b", "c"), frozenset({0, first + 2})) == {"c"}
    assert features.signals_read(("a", "b"), None) is None


@pytest.fixture(scope="module")
def shipped():
    if not any(models_dir().glob("*.skops")):
        pytest.skip("no trained model in models/")
    from bot.scoring import _model

    return _model(None)


def _real_snapshots(shared, n: int = 600) -> list:
    from bot.loaders import LoadError
    from bot.loaders.records import iter_records

    paths = [shared / "data/git_prs/fiber.prs.jsonl", shared / "data/aidev_pop/aidev_pop_agent_prs.jsonl"]
    records = (r for p in paths for r in itertools.islice(iter_records(p), n // 2))
    return [r.snapshot for r in records if not isinstance(r, LoadError)]


def test_only_the_signals_read_give_every_signals_probabilities(shipped, shared):
    from bot.written import as_written

    featurizer, clf = shipped.pipeline[0], shipped.pipeline[-1]
    read = clf.numeric_columns_read()
    names = tuple(featurizer.signal_names)
    run = features.signals_read(names, read)
    assert run and len(run) < len(names)  # the shipped trees skip some signals: the path is used
    snaps = [as_written(s) for s in _real_snapshots(shared)]
    every = clf.predict_parts(*featurizer.parts(snaps))[:, 1]
    some = clf.predict_parts(*featurizer.parts(snaps, columns_read=read))[:, 1]
    assert some.tobytes() == every.tobytes()
    # the check can fail: leave out one signal the trees read and some probability moves
    fewer = read - {len(features.STRUCTURAL_NAMES) + names.index(sorted(run)[0])}
    assert clf.predict_parts(*featurizer.parts(snaps, columns_read=fewer))[:, 1].tobytes() != every.tobytes()
