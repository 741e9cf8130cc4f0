"""Helpers shared by the adapter tests (hooks recorder, clients on the fake, cassette replay)."""

from __future__ import annotations

from pathlib import Path

import vcr

from bot.fakegithub import FakeGitHub
from bot.github import ClientSettings, GitHubClients, PyGithubPort
from bot.github.clients import TokenClients


class Calls:
    """Records the adapter's on_request / on_retry hooks."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, object]] = []
        self.retries: list[object] = []

    def on_request(self, method, status) -> None:
        self.requests.append((method, status))

    def on_retry(self, status) -> None:
        self.retries.append(status)


def make_clients(fake: FakeGitHub, calls: Calls, **settings) -> GitHubClients:
    options = dict(base_url=fake.base_url, max_wait=2.0, backoff_factor=0.01,
                                               backoff_jitter=0.0, retries=2) | settings
    return GitHubClients(fake.app_id, fake.app_private_key, settings=ClientSettings(**options),
                         on_request=calls.on_request, on_retry=calls.on_retry)


def replay(path: Path, **options):
    """Replay a cassette in place; any request it does not hold fails the test."""
    return vcr.VCR(record_mode="none").use_cassette(str(path), **options)


def cassette_port(calls: Calls | None = None, **settings) -> PyGithubPort:
    calls = calls or Calls()
    settings.setdefault("per_page", 30)  # GitHub's default: PyGithub then sends no per_page
    # the cassettes were recorded with ``token private_token_removed``: a person's token
    clients = TokenClients("private_token_removed", settings=ClientSettings(max_wait=0.1, **settings),
                           on_request=calls.on_request, on_retry=calls.on_retry)
    return PyGithubPort(clients, 1)
