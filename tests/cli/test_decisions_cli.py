"""``sieve decisions``: what the App decided, or in shadow mode would have done, PR by PR."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from typer.testing import CliRunner

from bot.app.context import Decision, Override
from bot.cli import build_app
from bot.store import SqlStateStore

AT = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def state(app_db) -> SqlStateStore:
    return SqlStateStore(app_db)


def decide(state, number: int, band: str, shadow: bool, actions=("add_labels:sieve/needs-review",)) -> None:
    state.record_decision(Decision(repo="o/r", number=number, head_sha="abcdef1234", score=60, band=band,
                                   model_version="m", at=AT, shadow=shadow, actions=tuple(actions)))


def run(*args: str):
    return CliRunner().invoke(build_app(), ["decisions", *args], env={"COLUMNS": "300"})


def test_the_table_shows_each_decision_and_the_override_in_force(state):
    decide(state, 1, "medium", shadow=True)
    decide(state, 2, "low", shadow=False, actions=())
    decide(state, 1, "high", shadow=True, actions=("add_labels:sieve/likely-low-effort", "create_comment:comment"))
    state.record_override(Override(repo="o/r", number=1, kind="ok", actor="maint", at=AT, head_sha="abc",
                                   score=85, model_version="m"))
    result = run()
    assert result.exit_code == 0, result.output
    assert "o/r#1" in result.output and "add_labels:sieve/likely-low-effort" in result.output
    assert "ok by maint" in result.output and "yes" in result.output
    assert result.output.strip().splitlines()[-1] == (
        "3 decisions on 2 PRs; latest band: high 1, low 1; overridden now: 1")


def test_shadow_only_json_and_one_pr(state):
    decide(state, 1, "medium", shadow=True)
    decide(state, 2, "high", shadow=False)
    rows = json.loads(run("--shadow-only", "--json").output)
    assert [(r["number"], r["band"], r["shadow"], r["override"]) for r in rows] == [(1, "medium", True, None)]
    assert [r["number"] for r in json.loads(run("--repo", "o/r", "--number", "2", "--json").output)] == [2]


def test_a_number_without_a_repository_is_a_one_line_error(state):
    result = run("--number", "2")
    assert result.exit_code == 2 and "--number needs --repo" in result.output


def test_purge_deletes_old_decisions_but_each_prs_newest(state):
    from datetime import timedelta
    for days in (400, 300):
        state.record_decision(Decision(repo="o/r", number=1, head_sha=f"s{days}", score=60, band="medium",
                                       model_version="m", at=AT - timedelta(days=days), shadow=False))
    result = CliRunner().invoke(build_app(), ["decisions", "purge", "--days", "90"])
    assert result.exit_code == 0 and result.output.strip() == "1 decisions deleted"
    assert [d.head_sha for d in state.decisions("o/r", 1)] == ["s300"]
