"""A full request cycle at DEBUG level never writes a secret to the logs.

Production wiring end to end: ``sieve serve``'s logging setup, the intake (a genuine and a
forged delivery), the worker, the PyGithub adapter fetching an installation token with the
App's JWT, and the writes on the fake GitHub. Nothing the settings hold as a secret (webhook
secret, every line of the private key) nor any credential minted during the cycle (the JWT,
the installation token) may appear in what was logged; the delivery id must.

Two careless paths are added on purpose so the redaction itself is tested, not just the
good manners of today's code: a component that logs its configuration verbatim, and a
GitHub error whose message echoes a credential back (which the worker logs on retry).
"""

from __future__ import annotations

import json
import logging
import time

import pytest

import scenario
from bot.obs.logging import clear_secrets

SECRET = "log-test-webhook-secret-value"


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)
    clear_secrets()


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_no_secret_reaches_the_logs_in_a_full_cycle(shipped_model, fake_github, tmp_path, capsys,
                                                    restore_logging) -> None:
    from fastapi.testclient import TestClient

    from bot.app import wiring
    from bot.app.server import create_app
    from bot.cli.serve import _configure_logging
    from bot.settings import Settings

    settings = Settings(webhook_secret=SECRET, private_key=fake_github.app_private_key,
                        app_id=fake_github.app_id, github_api_url=fake_github.base_url,
                        database_url=f"sqlite:///{tmp_path}/logs.db", workers=1,
                        poll_interval=0.02, backoff_base=0.05, log_level="DEBUG")
    _configure_logging(settings)
    scenario.seed(fake_github, [3])
    genuine = scenario.deliveries([3], ("opened",))[0]
    production = wiring.github_factory_from_settings(settings)
    careless = logging.getLogger("tests.careless")

    def factory(installation_id):
        careless.debug("github client for %s: secret=%s key=%s", installation_id, SECRET,
                       settings.private_key_pem())
        return production(installation_id)

    echoed = fake_github.issue_token()
    fake_github.inject("POST", r"/issues/3/comments$", 502, times=1,
                       body={"message": f"upstream rejected Authorization: token {echoed}"})
    app = create_app(settings, github_factory=factory)
    with TestClient(app) as client:
        forged = genuine.headers(SECRET + "-wrong")
        assert client.post("/api/github/webhooks", content=genuine.body,
                           headers={**forged, "X-GitHub-Delivery": "forged-1"}).status_code == 401
        assert client.post("/api/github/webhooks", content=genuine.body,
                           headers=genuine.headers(SECRET)).status_code == 202
        deadline = time.monotonic() + 30
        while app.state.store.get(genuine.delivery_id).status != "done":
            assert time.monotonic() < deadline, app.state.store.get(genuine.delivery_id)
            time.sleep(0.05)
    logged = capsys.readouterr().err
    assert fake_github.bot_login in {c["login"] for c in fake_github.comments(scenario.REPO, 3)}

    tokens = [t for t in fake_github.state.tokens if t != echoed]
    assert tokens, "no installation token was minted: the cycle did not reach GitHub"
    key_lines = [line for line in fake_github.app_private_key.splitlines()
                 if line and "-----" not in line]
    assert "retrying" in logged and "github client for" in logged  # the careless lines ran
    for secret in [SECRET, echoed, *tokens, *key_lines]:
        assert secret not in logged
    assert "eyJ" not in logged  # no JWT (header.payload.signature) either
    assert any(entry.get("delivery_id") == genuine.delivery_id for entry in _lines(logged))
