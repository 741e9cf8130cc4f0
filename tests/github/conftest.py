"""Fixtures for the PyGithub adapter: the fake GitHub server, and vcrpy cassettes from ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.fakegithub import FakeGitHub
from bot.github import PyGithubPort
from bot.paths import shared_dir
from ghport_helpers import Calls, make_clients


@pytest.fixture(scope="session")
def private_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def port(fake, calls) -> PyGithubPort:
    return PyGithubPort(make_clients(fake, calls), fake.installation_id)


# ---- recorded exchanges -------------------------------------------------------------------

@pytest.fixture(scope="session")
def cassettes() -> Path:
    root = shared_dir()
    folder = root / "github" / "recorded" / "vcrpy" if root else None
    if folder is None or not folder.is_dir():
        pytest.skip(f"../shared not found: no github/recorded/vcrpy under {root}")
    return folder


