"""Fixtures for the webhook server and worker tests: settings on a temporary SQLite file,
signed requests, real octokit payloads read in place from ../shared, a settable clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app.server import create_app
from bot.app.signature import sign
from bot.paths import shared_dir
from bot.settings import Settings

SECRET = "test-webhook-secret"
EXAMPLES = Path("github/webhooks/payload-examples/api.github.com")


def example_path(event: str, name: str) -> Path:
    base = shared_dir()
    if base is None:
        pytest.skip("../shared not found: set SIEVE_SHARED_DIR to the shared fixtures folder")
    path = base / EXAMPLES / event / name
    if not path.is_file():
        pytest.skip(f"../shared has no {EXAMPLES / event / name}")
    return path


def example(event: str, name: str) -> bytes:
    """The raw bytes of a real octokit webhook example payload."""
    return example_path(event, name).read_bytes()


def headers(body: bytes, event: str, delivery_id: str, secret: str | None = SECRET) -> dict:
    out = {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery_id,
           "Content-Type": "application/json", "User-Agent": "GitHub-Hookshot/test"}
    if secret is not None:
        out["X-Hub-Signature-256"] = sign(secret, body)
    return out


def deliver(client: TestClient, body: bytes, event: str, delivery_id: str = "d-1", **kw):
    return client.post("/api/github/webhooks", content=body,
                       headers=headers(body, event, delivery_id, **kw))


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Retention 0: the octokit examples were written in 2019 (and the fake GitHub's PRs say they
    were last updated on 2024-01-01), so with a retention the intake would refuse their bodies as
    stale; ``test_stale_bodies`` sets one."""
    return Settings(_env_file=None, webhook_secret=SECRET, workers=0,
                    database_url=f"sqlite:///{tmp_path / 'sieve.db'}",
                    max_body_bytes=256 * 1024, retention_days=0)


@pytest.fixture
def app(settings):
    return create_app(settings, start_workers=False)


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def keep_root_logging():
    """`sieve serve` installs its log handler on the root logger (bound to the runner's
    stream): put the previous handlers back so later tests do not log to a closed file."""
    import logging
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    yield
    root.handlers[:], root.level = saved[0], saved[1]
