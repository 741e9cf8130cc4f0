"""Fixtures for scoring tests: the shipped model (skip when not trained yet) and ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.paths import shared_dir


@pytest.fixture(scope="session")
def shipped_model() -> Path:
    from bot.model.persist import default_model_path

    path = default_model_path()
    if not path.is_file():
        pytest.skip(f"no shipped model at {path}: run `sieve train`")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_dir()
    if found is None or not (found / "data").is_dir():
        pytest.skip("../shared not found: set SIEVE_SHARED_DIR to the shared fixtures folder")
    return found
