"""SIEVE_RETENTION_DAYS and SIEVE_DECISION_RETENTION_DAYS are at most 36500 days and finite.

A huge or infinite retention passed validation, then overflowed the date arithmetic: every comment
webhook's stale check raised (503, the delivery lost) and so did the hourly purge. Such a value is
now refused at start-up in one line naming the setting, as any other bad setting; 0 is how to keep
everything, and 36500 itself still works."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.settings import SettingsError, load_settings
from bot.store import DeliveryStore, SqlStateStore

SETTINGS = ("SIEVE_RETENTION_DAYS", "SIEVE_DECISION_RETENTION_DAYS")
TOO_LONG = ("36501", "1000000", "1e308", "inf", "nan")


@pytest.mark.parametrize("value", TOO_LONG)
@pytest.mark.parametrize("name", SETTINGS)
def test_a_retention_past_36500_days_or_not_finite_is_refused_in_one_line(monkeypatch, tmp_path, name, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=f"invalid {name}") as refused:
        load_settings()
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("name", SETTINGS)
def test_sieve_serve_refuses_to_start_with_it(monkeypatch, tmp_path, name):
    monkeypatch.chdir(tmp_path)
    for unset in ("SIEVE_WEBHOOK_SECRET", "SIEVE_INSECURE_DEV"):  # so nothing would ever start serving
        monkeypatch.delenv(unset, raising=False)
    result = CliRunner().invoke(build_app(), ["serve"], env={name: "inf"})
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"sieve serve: invalid {name}: Input should be a finite number"]


@pytest.mark.parametrize(("command", "name"), [("deliveries", "SIEVE_RETENTION_DAYS"),
                                               ("decisions", "SIEVE_DECISION_RETENTION_DAYS")])
def test_a_purge_reading_it_exits_2_in_one_line_not_with_a_traceback(app_db, command, name):
    result = CliRunner().invoke(build_app(), [command, "purge"], env={name: "1000000"})
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"sieve {command}: invalid {name}: Input should be less than or equal to 36500"]


def test_the_longest_retention_still_works(app_db, monkeypatch):
    for name in SETTINGS:
        monkeypatch.setenv(name, "36500")
    settings = load_settings()
    store, state = DeliveryStore(app_db), SqlStateStore(app_db)
    assert not store.is_stale(store.current_time(), settings.retention_days)
    assert store.purge(settings.retention_days) == 0
    assert state.purge_decisions(settings.decision_retention_days) == 0
