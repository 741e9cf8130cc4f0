"""``SIEVE_WORKER_NICE`` (README: default ``10``, "Niceness added to a workers-only process (the
child of ``sieve serve``, or ``sieve serve --workers-only``): on a shared host the webhook intake
gets the CPU first. 0 leaves the priority alone."). No test referred to it: the workers could
have stopped lowering their priority, or the intake started lowering its own, unseen.
``os.nice`` is replaced by a recorder, so nothing here changes the test process's priority."""

from __future__ import annotations

import gc
import logging
import os

import pytest
from typer.testing import CliRunner

from bot.cli import build_app


@pytest.fixture
def nice_calls(monkeypatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(os, "nice", lambda increment: calls.append(increment) or 0)
    return calls


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("SIEVE_") and name not in ("SIEVE_SHARED_DIR", "SIEVE_TEST_POSTGRES_URL"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env file is read
    monkeypatch.setenv("SIEVE_DATABASE_URL", f"sqlite:///{tmp_path / 'sieve.db'}")
    return monkeypatch


@pytest.fixture
def workers_run(monkeypatch, nice_calls) -> list[list[int]]:
    """Stands in for the worker loop: records the niceness calls made before it started."""
    from bot.app import wiring

    started: list[list[int]] = []
    monkeypatch.setattr(wiring, "run_workers", lambda settings, **kw: started.append(list(nice_calls)))
    return started


def test_the_default_niceness_is_10(env):
    from bot.settings import load_settings

    assert load_settings().worker_nice == 10  # README's default


def test_a_workers_only_process_lowers_its_priority_by_10_by_default(env, nice_calls, workers_run, keep_root_logging):
    result = CliRunner().invoke(build_app(), ["serve", "--workers-only"])
    assert result.exit_code == 0, result.output
    assert workers_run == [[10]]  # niced once, by 10, before the workers ran


def test_sieve_worker_nice_sets_how_much_lower(env, nice_calls, workers_run, keep_root_logging):
    env.setenv("SIEVE_WORKER_NICE", "7")
    result = CliRunner().invoke(build_app(), ["serve", "--workers-only"])
    assert result.exit_code == 0, result.output
    assert workers_run == [[7]]


def test_sieve_worker_nice_0_leaves_the_priority_alone(env, nice_calls, workers_run, keep_root_logging):
    env.setenv("SIEVE_WORKER_NICE", "0")
    result = CliRunner().invoke(build_app(), ["serve", "--workers-only"])
    assert result.exit_code == 0, result.output
    assert workers_run == [[]] and nice_calls == []


@pytest.mark.parametrize("value", ["20", "-1"])
def test_a_niceness_outside_0_to_19_is_refused_before_anything_runs(env, nice_calls, workers_run, value):
    env.setenv("SIEVE_WORKER_NICE", value)
    result = CliRunner().invoke(build_app(), ["serve", "--workers-only"])
    assert result.exit_code != 0 and "SIEVE_WORKER_NICE" in result.output
    assert workers_run == [] and nice_calls == []


def test_the_webhook_intake_never_lowers_its_own_priority(env, nice_calls, monkeypatch, keep_root_logging):
    """``sieve serve`` (the intake, here without workers) runs at full priority."""
    import uvicorn

    served = []
    env.setenv("SIEVE_WEBHOOK_SECRET", "s3cret")
    env.setenv("SIEVE_WORKERS", "0")
    env.setenv("SIEVE_WORKER_NICE", "15")
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(app))
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the real one would freeze this test process
    result = CliRunner().invoke(build_app(), ["serve"])
    assert result.exit_code == 0, result.output
    assert len(served) == 1 and nice_calls == []


def test_a_refused_nice_is_logged_and_the_workers_still_run(monkeypatch, caplog):
    from bot.app.worker_process import lower_priority

    def refuse(increment):
        raise PermissionError("not permitted")

    monkeypatch.setattr(os, "nice", refuse)
    with caplog.at_level(logging.WARNING):
        lower_priority(10)  # does not raise
    assert any("priority" in r.getMessage() and "not permitted" in r.getMessage() for r in caplog.records)
