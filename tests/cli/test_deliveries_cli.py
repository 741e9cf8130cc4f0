"""``sieve deliveries``: stored errors and results are shown as they are, whatever they contain."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.store import DeliveryStore


@pytest.fixture
def store(app_db) -> DeliveryStore:
    return DeliveryStore(app_db)


def _failed(store: DeliveryStore, delivery_id: str, error: str) -> None:
    store.enqueue(delivery_id, "pull_request", "{}", action="opened", repo="o/r", number=1)
    claimed = store.claim("w", lease_seconds=30)
    store.fail(claimed.delivery_id, "w", error)


@pytest.mark.parametrize("error", [
    "TypeError: expected dict[str, Any], got list",  # rich would take [str, Any] for a style
    "KeyError: '[/x]'",  # and refuse a closing tag it never opened
    "GitHubError HTTP 404: [link=https://evil.example]Not Found[/link]",
])
def test_the_listing_shows_errors_verbatim(store, error):
    _failed(store, "d1", error)
    result = CliRunner().invoke(build_app(), ["deliveries", "--status", "failed"],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert error in result.output
