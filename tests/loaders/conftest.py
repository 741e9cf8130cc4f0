"""Fixtures for loader tests: GitHub's example REST responses, read in place from ../shared."""

from __future__ import annotations

import json
import shutil

import pytest

from bot.paths import shared_dir


@pytest.fixture(scope="session")
def rest_examples() -> dict:
    """``operationId -> example 200 response`` from ``github/rest/operations.json``."""
    shared = shared_dir()
    path = shared / "github" / "rest" / "operations.json" if shared else None
    if path is None or not path.is_file():
        pytest.skip(f"../shared not found: no github/rest/operations.json under {shared}")
    operations = json.loads(path.read_text(encoding="utf-8"))["operations"]
    out = {}
    for op in operations:
        content = op.get("responses", {}).get("200", {}).get("content", {})
        examples = content.get("application/json", {}).get("examples", {})
        if "default" in examples:
            out[op["operationId"]] = examples["default"]["value"]
    return out


@pytest.fixture
def requires_git():
    if shutil.which("git") is None:
        pytest.skip("git executable not found")
