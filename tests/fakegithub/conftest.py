"""Fixtures for the fake GitHub server tests."""

from __future__ import annotations

import json

import pytest

from bot.fakegithub import FakeGitHub
from bot.paths import shared_dir


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


@pytest.fixture
def auth(fake):
    return fake.auth_headers()


@pytest.fixture(scope="session")
def operations() -> dict:
    """``rest/operations.json`` from ../shared (GitHub's REST description subset)."""
    root = shared_dir()
    if root is None:
        pytest.skip("../shared not found: set SIEVE_SHARED_DIR to validate against GitHub's schemas")
    path = root / "github" / "rest" / "operations.json"
    if not path.is_file():
        pytest.skip(f"../shared not found: {path} is missing")
    return json.loads(path.read_text())
