"""``sieve deliveries`` read by a script: the ids it lists are whole, so ``retry ID`` takes them.

Piped (``sieve deliveries --status failed | awk …``), rich lays the table out for 80 columns and
shortened every column to fit, the delivery id first: ``72d1e6a0…`` is no id ``retry`` knows.
``--json`` gives the same rows as one JSON array, like ``sieve decisions --json``.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.store import DeliveryStore

IDS = ("72d1e6a0-8a3b-11ef-9c2e-5f0b3c1d2e4f", "8b2c1d4e-8a3b-11ef-9c2e-000000000001")
REPO = "someorganisation/a-rather-long-repository-name"
ERROR = "RuntimeError: GitHub said 502 Bad Gateway while posting the check run\nsecond line"


@pytest.fixture
def store(app_db) -> DeliveryStore:
    store = DeliveryStore(app_db)
    for delivery_id in IDS:
        store.enqueue(delivery_id, "pull_request", "{}", action="synchronize", repo=REPO, number=12345)
    claimed = store.claim("w", lease_seconds=30)
    store.fail(claimed.delivery_id, "w", ERROR)
    return store


def run(*args: str, columns: str = "80"):
    return CliRunner().invoke(build_app(), ["deliveries", *args], env={"COLUMNS": columns})


@pytest.mark.parametrize("columns", ["80", "60"])
def test_a_piped_listing_shows_each_delivery_id_whole(store, columns):
    result = run(columns=columns)
    assert result.exit_code == 0, result.output
    for delivery_id in IDS:
        assert delivery_id in result.output
    assert "failed" in result.output and "pending" in result.output  # `| grep failed` finds the row


def test_an_id_taken_from_the_failed_listing_can_be_retried(store):
    listing = run("--status", "failed").output
    ids = re.findall(r"[0-9a-f]{8}-[0-9a-f-]{27}", listing)
    assert len(ids) == 1
    retried = run("retry", ids[0])
    assert retried.exit_code == 0, retried.output
    assert store.get(ids[0]).status == "pending"


def test_json_lists_the_same_rows_as_one_strict_json_array(store):
    result = run("--json")
    assert result.exit_code == 0, result.output

    def no_constant(name):
        raise AssertionError(f"{name} is not JSON")

    rows = json.loads(result.stdout, parse_constant=no_constant)
    assert [r["delivery_id"] for r in rows] == list(reversed(IDS))  # newest first
    assert {tuple(r) for r in rows} == {("delivery_id", "event", "action", "repo", "number", "status",
                                         "attempts", "received_at", "finished_at", "last_error", "result")}
    failed = next(r for r in rows if r["status"] == "failed")
    assert (failed["repo"], failed["number"], failed["attempts"], failed["last_error"]) == (REPO, 12345, 1, ERROR)
    assert failed["received_at"].endswith("+00:00") and failed["finished_at"].endswith("+00:00")
    pending = next(r for r in rows if r["status"] == "pending")
    assert (pending["finished_at"], pending["last_error"], pending["result"]) == (None, None, None)
    assert [r["delivery_id"] for r in json.loads(run("--json", "--status", "failed").stdout)] == [IDS[0]]


def test_json_of_an_empty_store_is_an_empty_array(app_db):
    result = run("--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
