"""Signed webhook → durable store → worker thread → real handlers → PyGithub → fake GitHub.

Uses the production wiring (``bot.app.wiring``) with only the scorer stubbed, so the result
does not depend on the model being trained.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")
pytest.importorskip("bot.github", reason="bot.github adapter not available")
pytest.importorskip("bot.app.dispatch", reason="bot.app.dispatch not available")

from bot.app import review  # noqa: E402
from bot.app.server import create_app  # noqa: E402
from bot.fakegithub import FakeGitHub  # noqa: E402
from bot.result import Result, SignalHit  # noqa: E402
from bot.settings import Settings  # noqa: E402

from tests.pgschema import db_url  # noqa: E402,F401  (the SQLite / PostgreSQL fixture)

from .conftest import deliver, example  # noqa: E402
from .test_worker_pool import wait_for  # noqa: E402

REPO, NUMBER = "octo-org/widgets", 7
SHA = "1111111111111111111111111111111111111111"
HIGH = Result(score=85, band="high", probability=0.85, confidence=0.8, model_version="stub-1",
              signals=(SignalHit("claims_tests_without_tests", 1.0,
                                 "the description says 'added unit tests'"),))


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        server.add_repo(REPO)
        server.add_pull(REPO, NUMBER, {"title": "Improve docs", "body": "Added unit tests.",
                                       "user": "drive-by", "author_association": "NONE",
                                       "head_sha": SHA, "head_ref": "feature"},
                        files=[{"filename": "README.md", "additions": 3, "deletions": 1,
                                "patch": "@@ -1 +1 @@"}],
                        commits=["Update README.md"])
        yield server


@pytest.fixture
def app(settings, fake, monkeypatch):
    monkeypatch.setattr(review, "score", lambda snapshot, config: HIGH)
    settings = Settings(_env_file=None, **{
        **settings.model_dump(), "workers": 1, "poll_interval": 0.05, "backoff_base": 0.05,
        "backoff_cap": 0.1, "max_rate_limited_attempts": 8, "app_id": fake.app_id, "private_key": fake.app_private_key,
        "github_api_url": fake.base_url})
    return create_app(settings)  # github_factory=None: the production wiring


def opened_body(fake) -> bytes:
    event = json.loads(example("pull_request", "opened.payload.json"))
    event["installation"]["id"] = fake.installation_id
    event["repository"]["full_name"] = REPO
    event["pull_request"].update(number=NUMBER, draft=False, author_association="NONE")
    event["pull_request"]["head"]["sha"] = SHA
    event["pull_request"]["user"]["login"] = "drive-by"
    return json.dumps(event).encode()


def bot_comments(fake) -> list[dict]:
    return [c for c in fake.comments(REPO, NUMBER) if c["login"] == fake.bot_login]


def test_a_webhook_ends_as_labels_one_comment_and_a_check_run(app, fake):
    body = opened_body(fake)
    with TestClient(app) as client:
        assert deliver(client, body, "pull_request", "e2e-1").status_code == 202
        assert wait_for(lambda: app.state.store.get("e2e-1").status in ("done", "failed"))
        assert app.state.store.get("e2e-1").status == "done", app.state.store.get("e2e-1")
        assert fake.issue_labels(REPO, NUMBER) == ["sieve/likely-low-effort"]
        assert len(bot_comments(fake)) == 1 and len(fake.check_runs(REPO, SHA)) == 1

        fake.clear_log()
        assert deliver(client, body, "pull_request", "e2e-1").json()["status"] == "duplicate"
        again = json.loads(body)
        again["pull_request"]["updated_at"] = "2030-01-01T00:00:00Z"  # a new event is never byte-identical
        assert deliver(client, json.dumps(again).encode(), "pull_request", "e2e-2").status_code == 202
        assert wait_for(lambda: app.state.store.get("e2e-2").status in ("done", "failed"))
    assert app.state.store.get("e2e-2").status == "done"
    assert len(bot_comments(fake)) == 1 and len(fake.check_runs(REPO, SHA)) == 1
    assert not fake.calls("POST", r"/issues/\d+/comments")


def test_github_outage_is_retried_by_the_worker_until_it_succeeds(app, fake):
    fake.inject("GET", rf"/pulls/{NUMBER}$", status=502, times=6)  # beyond in-call retries
    with TestClient(app) as client:
        assert deliver(client, opened_body(fake), "pull_request", "e2e-3").status_code == 202
        assert wait_for(lambda: app.state.store.get("e2e-3").status in ("done", "failed"))
    done = app.state.store.get("e2e-3")
    assert done.status == "done" and done.attempts >= 2 and "502" in done.last_error
    assert fake.issue_labels(REPO, NUMBER) == ["sieve/likely-low-effort"]


def test_a_broken_model_stops_start_up_with_one_clear_line(settings, fake, tmp_path, monkeypatch):
    from bot import scoring
    from bot.settings import SettingsError

    broken = tmp_path / "pr-sieve-model.skops"
    broken.write_bytes(b"not a model")
    (tmp_path / "model-metadata.json").write_text("{}")
    monkeypatch.setattr("bot.model.persist.default_model_path", lambda: broken)
    scoring._model.cache_clear()
    try:
        with pytest.raises(SettingsError, match="cannot load the model"):
            create_app(Settings(_env_file=None, **{
                **settings.model_dump(), "workers": 1, "app_id": fake.app_id,
                "private_key": fake.app_private_key, "github_api_url": fake.base_url}))
    finally:
        scoring._model.cache_clear()


def test_serve_checks_the_model_before_starting_its_worker_process(fake, tmp_path, monkeypatch,
                                                                  keep_root_logging):
    from typer.testing import CliRunner

    from bot.cli import build_app

    broken = tmp_path / "pr-sieve-model.skops"
    broken.write_bytes(b"not a model")
    (tmp_path / "model-metadata.json").write_text("{}")
    monkeypatch.setattr("bot.model.persist.default_model_path", lambda: broken)
    monkeypatch.chdir(tmp_path)
    env = {"SIEVE_WEBHOOK_SECRET": "s", "SIEVE_WORKERS": "2", "SIEVE_WORKER_PROCESS": "true",
           "SIEVE_APP_ID": str(fake.app_id), "SIEVE_PRIVATE_KEY": fake.app_private_key,
           "SIEVE_GITHUB_API_URL": fake.base_url, "SIEVE_DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    result = CliRunner().invoke(build_app(), ["serve"], env=env)
    assert result.exit_code == 2 and "cannot load the model" in result.output


def test_the_public_address_links_the_comment_and_the_check_to_the_help_page(settings, fake, monkeypatch):
    monkeypatch.setattr(review, "score", lambda snapshot, config: HIGH)
    settings = Settings(_env_file=None, **{
        **settings.model_dump(), "workers": 1, "poll_interval": 0.05, "app_id": fake.app_id,
        "private_key": fake.app_private_key, "github_api_url": fake.base_url,
        "public_url": "https://sieve.example.org/"})
    app = create_app(settings)
    with TestClient(app) as client:
        assert deliver(client, opened_body(fake), "pull_request", "e2e-help").status_code == 202
        assert wait_for(lambda: app.state.store.get("e2e-help").status in ("done", "failed"))
        assert client.get("/help").status_code == 200  # the page the links point to
    [comment] = bot_comments(fake)
    [check] = fake.check_runs(REPO, SHA)
    assert "[what PR Sieve checks](https://sieve.example.org/help)" in comment["body"]
    assert "[PR Sieve help](https://sieve.example.org/help)" in check["output"]["summary"]


def test_without_a_public_address_there_is_no_help_link(app, fake):
    with TestClient(app) as client:
        deliver(client, opened_body(fake), "pull_request", "e2e-nolink")
        assert wait_for(lambda: app.state.store.get("e2e-nolink").status in ("done", "failed"))
    [comment] = bot_comments(fake)
    assert "/help" not in comment["body"] and "what PR Sieve checks" not in comment["body"]


@pytest.mark.parametrize("url", ["http://sieve.example.org", "https://x.org/a b", "javascript:alert(1)"])
def test_a_public_address_must_be_https(url):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="public_url"):
        Settings(_env_file=None, public_url=url)


def test_the_shipped_models_decision_and_a_maintainers_ok_are_kept_on_either_database(
        settings, fake, monkeypatch, db_url):
    """The whole path on SQLite and PostgreSQL with the shipped model's version string: v8's is 103
    characters, and PostgreSQL refused it in VARCHAR(100) columns, so each delivery failed after
    its GitHub writes and no ``/sieve ok`` was kept there (found by review; SQLite ignores lengths)."""
    from bot.model.persist import default_model_path, read_metadata
    from bot.store import SqlStateStore

    version = read_metadata(default_model_path())["model_version"]
    monkeypatch.setattr(review, "score", lambda snapshot, config: replace(HIGH, model_version=version))
    app = create_app(Settings(_env_file=None, **{
        **settings.model_dump(), "database_url": db_url, "workers": 1, "poll_interval": 0.05,
        "backoff_base": 0.05, "backoff_cap": 0.1, "app_id": fake.app_id, "private_key": fake.app_private_key,
        "github_api_url": fake.base_url}))
    fake.set_permission(REPO, "maintainer", "write")
    comment = json.loads(example("issue_comment", "created.payload.json"))
    comment["installation"] = {"id": fake.installation_id}
    comment["repository"]["full_name"] = REPO
    comment["issue"].update(number=NUMBER, pull_request={"url": "u"})
    comment["comment"].update(body="/sieve ok", user={"login": "maintainer", "type": "User"})
    with TestClient(app) as client:
        assert deliver(client, opened_body(fake), "pull_request", "pg-1").status_code == 202
        assert wait_for(lambda: app.state.store.get("pg-1").status in ("done", "failed"))
        assert deliver(client, json.dumps(comment).encode(), "issue_comment", "pg-2").status_code == 202
        assert wait_for(lambda: app.state.store.get("pg-2").status in ("done", "failed"))
    assert (app.state.store.get("pg-1").status, app.state.store.get("pg-2").status) == ("done", "done")
    state = SqlStateStore(app.state.store.engine)
    assert state.decisions(repo=REPO)[0].model_version == version
    assert state.get_override(REPO, NUMBER).kind == "ok"
