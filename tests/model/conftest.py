"""Fixtures for model tests: a tiny model trained once."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def small_model(shared, tmp_path_factory) -> Path:
    """A ``--small`` model trained on a tiny training subset (the CI pipeline path)."""
    from bot.model.train import TrainOptions, train

    out = tmp_path_factory.mktemp("small-model")
    return train(TrainOptions(out_dir=out, shared=shared, small=True), progress=lambda _msg: None)
