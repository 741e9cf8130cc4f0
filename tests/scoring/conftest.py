"""Fixtures for scoring tests: the shipped model (skip when not trained yet)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shipped_model() -> Path:
    from bot.model.persist import default_model_path

    path = default_model_path()
    if not path.is_file():
        pytest.skip(f"no shipped model at {path}: run `sieve train`")
    return path
