"""Fixtures for evaluation tests: ../shared/data read in place, and a trivial scorer."""

from __future__ import annotations

import numpy as np
import pytest

from bot.paths import shared_dir


@pytest.fixture(scope="session")
def data_dir():
    shared = shared_dir()
    if shared is None or not (shared / "data" / "git_prs").is_dir():
        pytest.skip(f"../shared not found: no data/git_prs under {shared}")
    return shared / "data"


def _by_length(snapshots):
    return np.array([min(1.0, (len(s.title) + len(s.body)) / 2000) for s in snapshots])


@pytest.fixture
def length_scorer():
    """Not a model: longer texts score higher. Enough to exercise the protocol machinery."""
    return _by_length


@pytest.fixture(scope="session")
def shared_sets(data_dir):
    """The protocol sets, built once per test session, with the bad-record errors seen."""
    from bot.evaluation import datasets

    errors = []
    return datasets.protocol_sets(data_dir, errors.append), errors
