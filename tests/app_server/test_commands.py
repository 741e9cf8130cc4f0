"""`sieve deliveries` and `sieve serve`, and the settings they read."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.settings import Settings, SettingsError, describe_settings, load_settings
from bot.store import DeliveryStore, init_db

runner = CliRunner()


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray .env
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SIEVE_DATABASE_URL", url)
    engine = init_db(url)
    store = DeliveryStore(engine)
    for i, number in enumerate([1, 2, 3]):
        store.enqueue(f"id-{i}", "pull_request", "{}", action="opened", repo="octo/repo",
                      number=number)
    for _ in range(2):
        claimed = store.claim("w", lease_seconds=30)
        store.fail(claimed.delivery_id, "w", "GitHubError HTTP 404: Not Found")
    yield store
    engine.dispose()


def sieve(*args: str):
    return runner.invoke(build_app(), list(args))


def test_listing_shows_each_delivery_with_its_error(db):
    result = sieve("deliveries")
    assert result.exit_code == 0, result.output
    for text in ("id-0", "id-1", "id-2", "failed: 2", "pending: 1"):
        assert text in result.output
    only_failed = sieve("deliveries", "--status", "failed", "--limit", "1")
    assert "id-1" in only_failed.output and "id-0" not in only_failed.output
    assert "id-2" not in only_failed.output and "404" in only_failed.output


def test_retry_one_and_all_failed(db):
    assert sieve("deliveries", "retry", "id-0").exit_code == 0
    assert db.get("id-0").status == "pending" and db.get("id-0").attempts == 0
    result = sieve("deliveries", "retry", "--all-failed")
    assert result.exit_code == 0 and "1 failed deliveries back to pending" in result.output
    assert db.counts() == {"pending": 3}


@pytest.mark.parametrize("args,message", [
    (("deliveries", "retry", "nope"), "nope: no such delivery"),
    (("deliveries", "retry"), "either a delivery id or --all-failed"),
    (("deliveries", "--status", "lost"), "unknown status 'lost'"),
])
def test_bad_requests_get_one_line_errors(db, args, message):
    result = sieve(*args)
    assert result.exit_code == 2 and message in result.output



def test_serve_refuses_to_start_without_a_secret(db, monkeypatch, keep_root_logging):
    monkeypatch.delenv("SIEVE_WEBHOOK_SECRET", raising=False)
    result = sieve("serve")
    assert result.exit_code == 2 and "SIEVE_WEBHOOK_SECRET" in result.output


def test_print_settings_lists_every_setting(db):
    result = runner.invoke(build_app(), ["serve", "--print-settings"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    for name, _default, _description in describe_settings():
        assert name in result.output


def test_every_setting_is_described():
    for name, _default, description in describe_settings():
        assert len(description) > 20, name


def test_settings_come_from_env_and_dotenv_with_secrets_hidden(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("SIEVE_WEBHOOK_SECRET=from-dotenv\nSIEVE_MAX_ATTEMPTS=3\n")
    monkeypatch.setenv("SIEVE_MAX_ATTEMPTS", "5")
    settings = load_settings()
    assert settings.webhook_secret.get_secret_value() == "from-dotenv"
    assert settings.max_attempts == 5  # the environment wins over .env
    assert "from-dotenv" not in repr(settings) and "from-dotenv" not in str(settings.model_dump())


@pytest.mark.parametrize("name,value", [("SIEVE_MAX_BODY_BYTES", "lots"),
                                        ("SIEVE_LOG_LEVEL", "chatty"),
                                        ("SIEVE_DATABASE_URL", "not a url"),
                                        ("SIEVE_LEASE_SECONDS", "0")])
def test_bad_values_are_one_line_errors(monkeypatch, tmp_path, name, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name) as refused:
        load_settings()
    assert "\n" not in str(refused.value)


def test_private_key_from_a_file(tmp_path):
    key = tmp_path / "app.pem"
    key.write_text("-----BEGIN RSA PRIVATE KEY-----\n...\n")
    assert Settings(_env_file=None, private_key_path=key).private_key_pem().startswith("-----")
    with pytest.raises(SettingsError, match="cannot read"):
        Settings(_env_file=None, private_key_path=tmp_path / "missing.pem").private_key_pem()


@pytest.mark.parametrize("extra,message", [
    ({}, "SIEVE_APP_ID"),
    ({"app_id": 5}, "SIEVE_PRIVATE_KEY"),
    ({"app_id": 5, "private_key": "not a key"}, "not a PEM key"),
])
def test_workers_need_app_credentials_at_startup(tmp_path, extra, message):
    from bot.app.server import create_app
    settings = Settings(_env_file=None, webhook_secret="s", workers=1,
                        database_url=f"sqlite:///{tmp_path / 'x.db'}", **extra)
    with pytest.raises(SettingsError, match=message):
        create_app(settings)


def test_show_prints_the_full_error_and_payload(db):
    result = sieve("deliveries", "show", "id-0", "--payload")
    assert result.exit_code == 0
    assert "last_error: GitHubError HTTP 404: Not Found" in result.output
    assert "status: failed" in result.output and result.output.rstrip().endswith("{}")
    assert sieve("deliveries", "show", "nope").exit_code == 2


def test_purge_deletes_only_old_finished_deliveries(db):
    claimed = db.claim("w", lease_seconds=30)
    db.complete(claimed.delivery_id, "w")
    assert "0 deliveries deleted" in sieve("deliveries", "purge").output
    assert "1 deliveries deleted" in sieve("deliveries", "purge", "--days", "0").output
    assert db.counts() == {"failed": 2}


def test_serve_reports_an_unusable_database_in_one_line(tmp_path, monkeypatch, keep_root_logging):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SIEVE_WEBHOOK_SECRET", "s")
    monkeypatch.setenv("SIEVE_WORKERS", "0")
    monkeypatch.setenv("SIEVE_DATABASE_URL", f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    result = sieve("serve")
    assert result.exit_code == 2 and "cannot open the database" in result.output
    assert "Traceback" not in result.output


def test_serve_with_a_worker_process_refuses_bad_credentials_before_serving(
        tmp_path, monkeypatch, keep_root_logging):
    # The worker child would exit on these settings; the server must not start and respawn it.
    monkeypatch.chdir(tmp_path)
    for name, value in {"SIEVE_WEBHOOK_SECRET": "s", "SIEVE_WORKERS": "2", "SIEVE_APP_ID": "5",
                        "SIEVE_PRIVATE_KEY": "not a key", "SIEVE_WORKER_PROCESS": "true",
                        "SIEVE_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}.items():
        monkeypatch.setenv(name, value)
    result = sieve("serve")
    assert result.exit_code == 2 and "not a PEM key" in result.output
    assert "Traceback" not in result.output
