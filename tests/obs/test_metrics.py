"""Metrics: counters move, hostile label values stay bounded, ops routes answer correctly."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.obs import metrics
from bot.obs.ops import ops_router


def _value(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


def test_received_counts_by_event_and_folds_unknown_events() -> None:
    before = _value("sieve_deliveries_received_total", event="pull_request")
    other = _value("sieve_deliveries_received_total", event="other")
    metrics.record_received("pull_request")
    metrics.record_received("x" * 500)
    metrics.record_received(None)
    assert _value("sieve_deliveries_received_total", event="pull_request") == before + 1
    assert _value("sieve_deliveries_received_total", event="other") == other + 2


def test_api_status_labels_are_a_closed_set() -> None:
    metrics.record_api_call("post", 502)
    metrics.record_api_call("BREW", "418")
    metrics.record_retry("timeout")
    metrics.record_retry("<script>")
    text = metrics.exposition()[0].decode()
    assert 'sieve_github_api_calls_total{method="POST",status="502"}' in text
    assert 'method="OTHER",status="418"' in text
    assert 'sieve_github_api_retries_total{status="timeout"}' in text
    assert "<script>" not in text


def test_processing_histogram_and_bands() -> None:
    count = _value("sieve_processing_seconds_count")
    metrics.observe_processing(0.2)
    assert _value("sieve_processing_seconds_count") == count + 1
    high = _value("sieve_scores_total", band="high")
    metrics.record_band("high")
    metrics.record_band("made-up")
    assert _value("sieve_scores_total", band="high") == high + 1
    assert _value("sieve_scores_total", band="made-up") == 0


def test_overrides_and_their_ends_are_counted_by_kind() -> None:
    ok, ended = _value("sieve_overrides_total", kind="ok"), _value("sieve_overrides_ended_total", kind="ok")
    metrics.record_override("ok")
    metrics.record_override("ok", ended=True)
    metrics.record_override("<made-up>")
    assert _value("sieve_overrides_total", kind="ok") == ok + 1
    assert _value("sieve_overrides_ended_total", kind="ok") == ended + 1
    assert "<made-up>" not in metrics.exposition()[0].decode()


def test_queue_depth_reads_source_at_scrape_and_survives_its_failure() -> None:
    depth = {"n": 3}
    metrics.track_queue_depth(lambda: depth["n"])
    assert _value("sieve_queue_depth") == 3
    depth["n"] = 7
    assert _value("sieve_queue_depth") == 7

    def broken() -> int:
        raise RuntimeError("db down")

    metrics.track_queue_depth(broken)
    assert _value("sieve_queue_depth") == -1


def _client(check_db) -> TestClient:
    app = FastAPI()
    app.include_router(ops_router(check_db))
    return TestClient(app)


def test_healthz_and_readyz_follow_the_database_check() -> None:
    state = {"up": True}
    client = _client(lambda: state["up"])
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    state["up"] = False
    assert client.get("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200


def test_readyz_treats_a_raising_check_as_not_ready() -> None:
    def boom() -> bool:
        raise OSError("connection refused")

    assert _client(boom).get("/readyz").status_code == 503


def test_metrics_route_serves_prometheus_text() -> None:
    metrics.record_processed("ping")
    response = _client(lambda: True).get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'sieve_deliveries_processed_total{event="ping"}' in response.text
