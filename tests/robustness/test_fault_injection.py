"""Faults on GitHub write calls, end to end: the delivery is retried and nothing is lost or doubled.

The real app (intake, durable store, worker thread, PyGithub adapter) runs in-process against
the fake GitHub on loopback. Each case injects one kind of fault into a write call; afterwards
the delivery is ``done`` and the PR holds exactly what one clean run leaves: the same labels,
one sticky comment, one check run, the same number of successful writes. A permanent fault
ends ``failed``, is listed by ``sieve deliveries --status failed`` and succeeds after
``sieve deliveries retry`` once the fault is gone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

import scenario

SECRET = "fault-test-secret"
NUMBER = 3  # a low-effort PR: labels, a sticky comment and a check run are all written
COMMENTS = rf"^/repos/{scenario.REPO}/issues/{NUMBER}/comments$"
LABELS = rf"^/repos/{scenario.REPO}/issues/{NUMBER}/labels$"
CHECK_RUNS = rf"^/repos/{scenario.REPO}/check-runs$"


@dataclass(frozen=True)
class FaultCase:
    name: str
    path: str
    kwargs: dict
    kind: str = "inject"  # inject | secondary | primary
    max_wait: float = 30.0  # longest wait the adapter does in-process before the worker retries
    backoff_base: float = 0.05
    unseen: str = ""  # a write that took effect but whose 2xx never reached the client
    in_process: bool = False  # the adapter waits GitHub's short limit out within the attempt

    def expected_writes(self, reference: scenario.Outcome) -> dict[str, int]:
        writes = dict(reference.writes)
        if self.unseen:
            writes[self.unseen] -= 1
        return writes


CASES = [
    FaultCase("502-on-comment", COMMENTS, {"status": 502, "times": 2}),
    FaultCase("503-on-labels", LABELS, {"status": 503, "times": 1}),
    FaultCase("500-on-check-run", CHECK_RUNS, {"status": 500, "times": 1}),
    # The fake answers after the client gave up but before the worker's retry: the comment
    # WAS created, and the retry must find it instead of posting a second one.
    FaultCase("timeout-on-comment", COMMENTS, {"status": None, "delay": 1.5, "times": 1},
              backoff_base=2.0),
    FaultCase("reset-before-comment", COMMENTS, {"status": 500, "reset": True, "times": 1}),
    # Processed by GitHub, then the connection dropped before the answer: the write happened.
    FaultCase("reset-after-comment", COMMENTS, {"status": None, "reset": True, "times": 1},
              unseen="comment_created"),
    FaultCase("reset-after-labels", LABELS, {"status": None, "reset": True, "times": 1},
              unseen="labels_added"),
    FaultCase("reset-after-check-run", CHECK_RUNS, {"status": None, "reset": True, "times": 1}),
    FaultCase("secondary-403-retry-after", COMMENTS, {"retry_after": 1}, "secondary",
              in_process=True),
    FaultCase("secondary-429-retry-after", COMMENTS, {"retry_after": 1, "status": 429},
              "secondary", in_process=True),
    FaultCase("secondary-403-worker-retry", COMMENTS, {"retry_after": 1}, "secondary",
              max_wait=0.2),
    FaultCase("primary-exhausted-until-reset", LABELS, {"reset_in": 1}, "primary",
              in_process=True),
    FaultCase("primary-exhausted-worker-retry", COMMENTS, {"reset_in": 1}, "primary",
              max_wait=0.2),
]


@pytest.fixture(scope="module")
def expected(shipped_model):
    return scenario.reference(("opened",))[scenario.kind_of(NUMBER)]


class Harness:
    def __init__(self, fake, tmp_path, *, max_wait: float, backoff_base: float,
                 max_attempts: int = 5, github_side_attempts: int = 48) -> None:
        from fastapi.testclient import TestClient

        from bot.app.server import create_app
        from bot.github import make_github_factory
        from bot.settings import Settings

        self.fake, self.db_url = fake, f"sqlite:///{tmp_path}/faults.db"
        settings = Settings(webhook_secret=SECRET, database_url=self.db_url, workers=1,
                            poll_interval=0.02, backoff_base=backoff_base, backoff_cap=4.0,
                            max_attempts=max_attempts, max_rate_limited_attempts=github_side_attempts,
                            lease_seconds=10)
        factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                                      base_url=fake.base_url, timeout=1, max_wait=max_wait,
                                      backoff_factor=0.05, backoff_max=0.2)
        self.app = create_app(settings, github_factory=factory)
        self.client = TestClient(self.app, raise_server_exceptions=False)

    def deliver(self) -> str:
        delivery = scenario.deliveries([NUMBER], ("opened",))[0]
        response = self.client.post("/api/github/webhooks", content=delivery.body,
                                    headers=delivery.headers(SECRET))
        assert response.status_code == 202, response.text
        return delivery.delivery_id

    def wait(self, delivery_id: str, timeout: float = 30.0):
        store, deadline = self.app.state.store, time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = store.get(delivery_id)
            if found is not None and found.status in ("done", "failed", "ignored"):
                return found
            time.sleep(0.05)
        raise AssertionError(f"{delivery_id} unfinished after {timeout}s: {store.get(delivery_id)}")


def _sample(name: str, **labels: str) -> float:
    from bot.obs.metrics import REGISTRY
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _retry_metrics(case: FaultCase) -> tuple[float, float]:
    status = str(case.kwargs.get("status", 403))
    return (_sample("sieve_github_api_retries_total", status=status),
            _sample("sieve_deliveries_failed_total", event="pull_request", final="false"))


def _inject(fake, case: FaultCase):
    if case.kind == "secondary":
        return fake.inject_secondary_rate_limit("POST", case.path, **case.kwargs)
    if case.kind == "primary":
        return fake.inject_primary_rate_limit("POST", case.path, **case.kwargs)
    return fake.inject("POST", case.path, **case.kwargs)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault_on_a_write_is_retried_with_nothing_lost_or_doubled(expected, fake_github,
                                                                   tmp_path, case) -> None:
    scenario.seed(fake_github, [NUMBER])
    fault = _inject(fake_github, case)
    harness = Harness(fake_github, tmp_path, max_wait=case.max_wait,
                      backoff_base=case.backoff_base)
    api_retries, attempt_failures = _retry_metrics(case)
    with harness.client:
        delivery = harness.wait(harness.deliver())
        time.sleep(case.kwargs.get("delay", 0))  # let a late-finishing write land before we look
    assert fault.hits >= 1, "the fault never fired: the case tests nothing"
    assert delivery.status == "done", delivery.last_error
    got = scenario.outcome(fake_github, NUMBER)
    assert len(got.bot_comments) == 1
    assert (got.labels, got.check_runs) == (expected.labels, expected.check_runs)
    assert dict(got.writes) == case.expected_writes(expected)
    after = _retry_metrics(case)
    if case.in_process:  # and the metrics say so
        assert delivery.attempts == 1
        assert after[0] > api_retries
    else:  # a non-idempotent write, or a wait too long for in-process: the worker retried
        assert delivery.attempts >= 2
        assert after[1] > attempt_failures


def _cli(db_url: str, *args: str):
    from typer.testing import CliRunner

    from bot.cli import build_app

    env = {"SIEVE_DATABASE_URL": db_url, "SIEVE_WEBHOOK_SECRET": SECRET, "COLUMNS": "250"}
    result = CliRunner().invoke(build_app(), list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("status, attempts", [(500, 3), (403, 1)], ids=["5xx-forever", "403-forbidden"])
def test_permanent_failure_is_failed_listed_and_retried_by_hand(expected, fake_github, tmp_path,
                                                               status, attempts) -> None:
    scenario.seed(fake_github, [NUMBER])
    fault = fake_github.inject("POST", COMMENTS, status, times=None,
                               body={"message": "Resource not accessible by integration"}
                               if status == 403 else None)
    harness = Harness(fake_github, tmp_path, max_wait=0.2, backoff_base=0.05, max_attempts=3,
                      github_side_attempts=3)  # a 5xx is GitHub's trouble: its own budget, 3 here
    with harness.client:
        delivery_id = harness.deliver()
        failed = harness.wait(delivery_id)
        assert (failed.status, failed.attempts) == ("failed", attempts), failed.last_error
        assert fault.hits == attempts
        assert scenario.outcome(fake_github, NUMBER).bot_comments == ()
        assert delivery_id in _cli(harness.db_url, "deliveries", "--status", "failed")

        fake_github.clear_faults()
        assert "back to pending" in _cli(harness.db_url, "deliveries", "retry", delivery_id)
        done = harness.wait(delivery_id)
    assert done.status == "done", done.last_error
    assert delivery_id not in _cli(harness.db_url, "deliveries", "--status", "failed")
    got = scenario.outcome(fake_github, NUMBER)
    assert len(got.bot_comments) == 1
    assert got.summary() == expected.summary()
