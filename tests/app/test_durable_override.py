"""An override survives a restart: handlers on the real SQL state store (SQLite file)."""

from __future__ import annotations

import pytest

store = pytest.importorskip("bot.store", reason="bot.store not available")

from bot.app import dispatch  # noqa: E402
from bot.app.context import HandlerContext  # noqa: E402

from .conftest import FIXED_NOW  # noqa: E402
from .test_handlers import HIGH, REPO, SHA, opened, pr, unlabeled  # noqa: E402,F401


def make_ctx(gh, url):
    state = store.SqlStateStore(store.init_db(url))
    return HandlerContext(github=gh, state=state, delivery_id="d", installation_id=1, now=lambda: FIXED_NOW)


def test_override_is_kept_across_restarts(tmp_path, gh, pr, scorer, payload):  # noqa: F811
    url = f"sqlite:///{tmp_path / 'sieve.db'}"
    first = make_ctx(gh, url)
    dispatch.handle("pull_request", opened(payload), first)
    gh.labels[(REPO, 2)].remove(HIGH)
    dispatch.handle("pull_request", unlabeled(payload, HIGH), first)

    restarted = make_ctx(gh, url)
    override = restarted.state.get_override(REPO, 2)
    assert (override.kind, override.actor, override.head_sha, override.score) == ("label_removed", "maintainer", SHA, 85)
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), restarted)
    assert gh.labels[(REPO, 2)] == []
    assert [d.band for d in restarted.state.decisions(REPO, 2)] == ["high", "high", "high"]
