"""Fixtures every test folder may use: ../shared (skipped when absent) and a settable clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.paths import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared fixtures folder with its data; skips the test when it is absent."""
    found = shared_dir()
    if found is None or not (found / "data").is_dir():
        pytest.skip("../shared not found: set SIEVE_SHARED_DIR to the shared fixtures folder")
    return found


class Clock:
    """A settable naive-UTC clock so retries, leases and backoff are tested without sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()
