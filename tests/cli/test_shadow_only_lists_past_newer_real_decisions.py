"""``sieve decisions --shadow-only`` lists the newest ``--limit`` shadow decisions. It read the newest
``--limit`` decisions of any kind and kept the shadow ones among them, so as soon as 50 real
decisions had been made anywhere after them, a shadow trial's decisions vanished ("0 decisions")."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from typer.testing import CliRunner

from bot.app.context import Decision
from bot.cli import build_app
from bot.store import SqlStateStore

AT = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _decide(state, repo, number, minutes, shadow):
    state.record_decision(Decision(repo, number, "a" * 40, 60, "medium", "m", AT + timedelta(minutes=minutes),
                                   shadow=shadow))


def test_shadow_only_is_not_hidden_by_newer_real_decisions(app_db):
    state = SqlStateStore(app_db)
    _decide(state, "o/trial", 1, 0, shadow=True)
    _decide(state, "o/trial", 2, 1, shadow=True)
    for n in range(3, 61):  # 58 real decisions after them, more than the default --limit of 50
        _decide(state, "o/live", n, n, shadow=False)
    result = CliRunner().invoke(build_app(), ["decisions", "--shadow-only", "--json"])
    assert result.exit_code == 0, result.output
    assert [(d["repo"], d["number"], d["shadow"]) for d in json.loads(result.output)] == [
        ("o/trial", 2, True), ("o/trial", 1, True)]
    result = CliRunner().invoke(build_app(), ["decisions", "--shadow-only", "--limit", "1"], env={"COLUMNS": "200"})
    assert "o/trial#2" in result.output and "o/trial#1" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("1 decisions on 1 PRs")
