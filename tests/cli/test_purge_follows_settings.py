"""``sieve deliveries purge`` and ``sieve decisions purge`` without ``--days`` apply the retention
the server applies hourly (SIEVE_RETENTION_DAYS, SIEVE_DECISION_RETENTION_DAYS): purging "now"
never deletes what the running App is set to keep, and 0 ("keeps everything") deletes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from bot.app.context import Decision
from bot.cli import build_app
from bot.store import DeliveryStore, SqlStateStore


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(build_app(), list(args), env=env or {})


def _done_days_ago(engine, delivery_id: str, days: float) -> None:
    then = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days)  # the store's naive UTC
    store = DeliveryStore(engine, clock=lambda: then)
    store.enqueue(delivery_id, "pull_request", "{}", action="opened", repo="o/r", number=1)
    claimed = store.claim("w", lease_seconds=30)
    store.complete(claimed.delivery_id, "w", "ok")


@pytest.fixture
def deliveries(app_db):
    for delivery_id, days in (("d20", 20), ("d40", 40)):
        _done_days_ago(app_db, delivery_id, days)
    return DeliveryStore(app_db)


def test_deliveries_purge_keeps_what_sieve_retention_days_keeps(deliveries, monkeypatch):
    monkeypatch.setenv("SIEVE_RETENTION_DAYS", "30")
    result = run("deliveries", "purge")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 deliveries deleted"
    assert deliveries.get("d20") is not None and deliveries.get("d40") is None


def test_deliveries_purge_deletes_nothing_when_the_retention_keeps_everything(deliveries, monkeypatch):
    monkeypatch.setenv("SIEVE_RETENTION_DAYS", "0")
    result = run("deliveries", "purge")
    assert result.exit_code == 0, result.output
    assert "0 deliveries deleted" in result.output and "SIEVE_RETENTION_DAYS" in result.output
    assert deliveries.get("d20") is not None and deliveries.get("d40") is not None


def test_deliveries_purge_uses_the_default_retention_and_days_still_wins(deliveries):
    assert run("deliveries", "purge").output.strip() == "2 deliveries deleted"  # default 14 days


def test_deliveries_purge_days_overrides_the_setting(deliveries, monkeypatch):
    monkeypatch.setenv("SIEVE_RETENTION_DAYS", "0")
    assert run("deliveries", "purge", "--days", "30").output.strip() == "1 deliveries deleted"
    assert deliveries.get("d20") is not None


@pytest.fixture
def decisions(app_db):
    state = SqlStateStore(app_db)
    for days in (200, 120, 60):  # the newest (60 days) always stays
        state.record_decision(Decision(repo="o/r", number=1, head_sha=f"s{days}", score=60, band="medium",
                                       model_version="m", at=datetime.now(UTC) - timedelta(days=days),
                                       shadow=False))
    return state


def test_decisions_purge_keeps_what_sieve_decision_retention_days_keeps(decisions, monkeypatch):
    monkeypatch.setenv("SIEVE_DECISION_RETENTION_DAYS", "150")
    result = run("decisions", "purge")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 decisions deleted"
    assert sorted(d.head_sha for d in decisions.decisions("o/r", 1)) == ["s120", "s60"]


def test_decisions_purge_deletes_nothing_when_the_retention_keeps_everything(decisions, monkeypatch):
    monkeypatch.setenv("SIEVE_DECISION_RETENTION_DAYS", "0")
    result = run("decisions", "purge")
    assert result.exit_code == 0, result.output
    assert "0 decisions deleted" in result.output and "SIEVE_DECISION_RETENTION_DAYS" in result.output
    assert len(decisions.decisions("o/r", 1)) == 3


def test_decisions_purge_uses_the_default_of_90_days(decisions):
    assert run("decisions", "purge").output.strip() == "2 decisions deleted"
