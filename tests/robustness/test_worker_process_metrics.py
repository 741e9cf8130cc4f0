"""A real ``sieve serve`` with its workers in a child process shows ONE /metrics page: what the
server received and what the child processed, called and scored."""

from __future__ import annotations

import re
import time

import httpx

import scenario
from procs import ServeProcess

SECRET = "metrics-secret"


def _value(page: str, name: str, labels: str = "") -> float:
    found = re.search(rf"^{re.escape(name)}{re.escape(labels)} ([0-9.e+]+)$", page, re.M)
    return float(found.group(1)) if found else 0.0


def test_the_servers_metrics_include_its_worker_process(shipped_model, fake_github, tmp_path):
    numbers = [1, 2]
    scenario.seed(fake_github, numbers)
    env = {"SIEVE_WEBHOOK_SECRET": SECRET, "SIEVE_DATABASE_URL": f"sqlite:///{tmp_path}/m.db",
           "SIEVE_APP_ID": str(fake_github.app_id), "SIEVE_PRIVATE_KEY": fake_github.app_private_key,
           "SIEVE_GITHUB_API_URL": fake_github.base_url, "SIEVE_WORKERS": "2",
           "SIEVE_WORKER_PROCESS": "true", "SIEVE_LOG_LEVEL": "WARNING"}
    server = ServeProcess(env, tmp_path / "serve.log").start()
    try:
        assert len(server.children()) == 1, "the workers did not start in a child process"
        for item in scenario.deliveries(numbers, ("opened",)):
            answer = httpx.post(server.url + "/api/github/webhooks", content=item.body,
                                headers=item.headers(SECRET))
            assert answer.status_code == 202
        deadline, page = time.monotonic() + 60, ""
        while time.monotonic() < deadline:
            page = httpx.get(server.url + "/metrics").text
            # one scrape reads the queue gauge a moment before the child's counters, so a scrape
            # can count both deliveries processed yet see the second one still in the queue
            if (_value(page, "sieve_deliveries_processed_total", '{event="pull_request"}') >= 2
                    and _value(page, "sieve_queue_depth") == 0):
                break
            time.sleep(0.2)
    finally:
        server.stop()
    assert "not shared" not in server.log_tail()
    assert _value(page, "sieve_deliveries_received_total", '{event="pull_request"}') == 2  # server
    assert _value(page, "sieve_deliveries_processed_total", '{event="pull_request"}') == 2  # child
    assert sum(float(v) for v in re.findall(r"^sieve_github_api_calls_total\{[^}]*\} ([0-9.e+]+)$",
                                             page, re.M)) >= 2 * 7  # child: reads and writes
    assert _value(page, "sieve_processing_seconds_count") == 2
    assert _value(page, "sieve_queue_depth") == 0  # the server's own gauge, read at the scrape


def test_a_workers_only_process_serves_its_metrics_on_its_own_port(shipped_model, fake_github,
                                                                   tmp_path):
    from procs import free_port

    numbers = [3]
    scenario.seed(fake_github, numbers)
    port = free_port()
    env = {"SIEVE_WEBHOOK_SECRET": SECRET, "SIEVE_DATABASE_URL": f"sqlite:///{tmp_path}/w.db",
           "SIEVE_APP_ID": str(fake_github.app_id), "SIEVE_PRIVATE_KEY": fake_github.app_private_key,
           "SIEVE_GITHUB_API_URL": fake_github.base_url, "SIEVE_WORKERS": "1",
           "SIEVE_POLL_INTERVAL": "0.1", "SIEVE_METRICS_PORT": str(port), "SIEVE_LOG_LEVEL": "WARNING"}
    intake = ServeProcess({**env, "SIEVE_WORKERS": "0"}, tmp_path / "intake.log").start()
    workers = ServeProcess(env, tmp_path / "workers.log", workers_only=True).start()
    try:
        item = scenario.deliveries(numbers, ("opened",))[0]
        assert httpx.post(intake.url + "/api/github/webhooks", content=item.body,
                          headers=item.headers(SECRET)).status_code == 202
        deadline, page = time.monotonic() + 60, ""
        while time.monotonic() < deadline:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/metrics").text
            except httpx.HTTPError:
                page = ""  # still starting
            if _value(page, "sieve_deliveries_processed_total", '{event="pull_request"}') >= 1:
                break
            time.sleep(0.2)
    finally:
        workers.stop()
        intake.stop()
    assert _value(page, "sieve_deliveries_processed_total", '{event="pull_request"}') == 1
    assert _value(page, "sieve_deliveries_received_total", '{event="pull_request"}') == 0  # intake's
