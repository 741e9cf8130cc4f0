"""Prometheus metrics for the App, and the ``/healthz``, ``/readyz`` and ``/metrics`` routes.

All metrics live in one private registry (``REGISTRY``) so tests and several app instances in
one process never collide with ``prometheus_client``'s global default registry.
The server, worker and GitHub adapter call the small ``record_*`` / ``observe_*`` functions;
nothing here does I/O at import time.

Label values come from the outside world (event names, HTTP statuses), so each is mapped onto
a small closed set first: a flood of forged ``X-GitHub-Event`` values must not create a
flood of time series.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)

from bot.obs import multiproc

log = logging.getLogger(__name__)
_queue_depth: Callable[[], float] | None = None

REGISTRY = CollectorRegistry(auto_describe=True)

KNOWN_EVENTS = frozenset({
    "pull_request", "issue_comment", "installation", "installation_repositories",
    "ping", "check_run", "check_suite", "pull_request_review", "pull_request_review_comment",
})
KNOWN_BANDS = frozenset({"low", "medium", "high", "exempt", "skipped", "unknown"})
KNOWN_OVERRIDES = frozenset({"ok", "exempt", "label_removed", "label_added"})
KNOWN_METHODS = frozenset({"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD"})
KNOWN_STATUS_WORDS = frozenset({"timeout", "connection", "error", "ratelimit"})

DELIVERIES_RECEIVED = Counter(
    "sieve_deliveries_received", "Webhook deliveries accepted (signature valid), by event",
    ["event"], registry=REGISTRY)
DELIVERIES_DUPLICATE = Counter(
    "sieve_deliveries_duplicate", "Deliveries ignored because their id was already stored",
    ["event"], registry=REGISTRY)
DELIVERIES_REJECTED = Counter(
    "sieve_deliveries_rejected", "Webhook requests refused before storing, by reason",
    ["reason"], registry=REGISTRY)
DELIVERIES_PROCESSED = Counter(
    "sieve_deliveries_processed", "Deliveries whose handling finished, by event",
    ["event"], registry=REGISTRY)
DELIVERIES_FAILED = Counter(
    "sieve_deliveries_failed", "Delivery attempts that raised, by event and whether final",
    ["event", "final"], registry=REGISTRY)
QUEUE_DEPTH = Gauge(
    "sieve_queue_depth", "Deliveries stored but not yet done (pending + in progress)",
    multiprocess_mode="livemax", registry=REGISTRY)  # only the server sets it
PROCESSING_SECONDS = Histogram(
    "sieve_processing_seconds", "Time to handle one delivery (one attempt)",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60), registry=REGISTRY)
API_CALLS = Counter(
    "sieve_github_api_calls", "GitHub REST calls, by HTTP method and response status",
    ["method", "status"], registry=REGISTRY)
API_RETRIES = Counter(
    "sieve_github_api_retries", "GitHub REST calls retried, by the status that caused it",
    ["status"], registry=REGISTRY)
SCORES = Counter(
    "sieve_scores", "Pull requests scored, by band", ["band"], registry=REGISTRY)
OVERRIDES = Counter(
    "sieve_overrides", "Maintainer decisions recorded, by kind (ok, exempt, label_removed, label_added): "
    "set against sieve_scores_total, how often people disagree with a flag", ["kind"], registry=REGISTRY)
OVERRIDES_ENDED = Counter(
    "sieve_overrides_ended", "Maintainer decisions ended (cancel commands, the undo button, the exempt "
    "label taken off), by the kind ended", ["kind"], registry=REGISTRY)
HUNG_HANDLERS = Counter(
    "sieve_hung_handlers", "Handlers still running past max_handling_seconds (their deliveries are "
    "retried by another worker; the thread stays busy)", registry=REGISTRY)
WORKER_RESTARTS = Counter(
    "sieve_worker_restarts", "Times the worker child of `sieve serve` exited on its own, by exit code",
    ["code"], registry=REGISTRY)


def _event_label(event: str | None) -> str:
    return event if event in KNOWN_EVENTS else "other"


def _status_label(status: int | str | None) -> str:
    if isinstance(status, int) and 100 <= status <= 599:
        return str(status)
    text = str(status).lower() if status is not None else "error"
    if text.isdigit() and 100 <= int(text) <= 599:
        return text
    return text if text in KNOWN_STATUS_WORDS else "error"


def record_received(event: str | None) -> None:
    DELIVERIES_RECEIVED.labels(_event_label(event)).inc()


def record_duplicate(event: str | None) -> None:
    DELIVERIES_DUPLICATE.labels(_event_label(event)).inc()


def record_rejected(reason: str) -> None:
    """``reason``: ``signature`` | ``payload`` | ``too_large`` | ``headers`` | ``storage`` |
    ``replay`` | ``stale`` (anything else is counted as ``other``)."""
    known = {"signature", "payload", "too_large", "headers", "storage", "replay", "stale"}
    DELIVERIES_REJECTED.labels(reason if reason in known else "other").inc()


def record_processed(event: str | None) -> None:
    DELIVERIES_PROCESSED.labels(_event_label(event)).inc()


def record_failed(event: str | None, *, final: bool = False) -> None:
    DELIVERIES_FAILED.labels(_event_label(event), "true" if final else "false").inc()


def observe_processing(seconds: float) -> None:
    PROCESSING_SECONDS.observe(max(0.0, seconds))


def track_queue_depth(source: Callable[[], int]) -> None:
    """Make the queue-depth gauge call ``source`` at every scrape (e.g. a store count query).

    A failing source reports -1 rather than breaking the whole ``/metrics`` page.
    """
    def _safe() -> float:
        try:
            return float(source())
        except Exception:  # noqa: BLE001 - a scrape must never fail because the DB hiccups
            log.warning("queue depth source failed", exc_info=True)
            return -1.0

    global _queue_depth
    _queue_depth = _safe
    QUEUE_DEPTH.set_function(_safe)


def record_api_call(method: str, status: int | str | None) -> None:
    method = method.upper() if method.upper() in KNOWN_METHODS else "OTHER"
    API_CALLS.labels(method, _status_label(status)).inc()


def record_retry(status: int | str | None) -> None:
    API_RETRIES.labels(_status_label(status)).inc()


def record_band(band: str) -> None:
    SCORES.labels(band if band in KNOWN_BANDS else "unknown").inc()


def record_override(kind: str, *, ended: bool = False) -> None:
    label = kind if kind in KNOWN_OVERRIDES else "other"
    (OVERRIDES_ENDED if ended else OVERRIDES).labels(label).inc()


def record_hung_handler() -> None:
    HUNG_HANDLERS.inc()


def record_worker_exit(code: int | None) -> None:
    """The worker child exited without being asked to (``code``: its exit status; negative: a signal)."""
    WORKER_RESTARTS.labels(str(code) if isinstance(code, int) and -64 <= code <= 255 else "other").inc()


def exposition() -> tuple[bytes, str]:
    """The text exposition of every metric and its content type, for a ``/metrics`` response.
    With ``bot.obs.multiproc`` on, the values of every process (server and worker child)."""
    if not multiproc.enabled():
        return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
    if _queue_depth is not None:
        QUEUE_DEPTH.set(_queue_depth())  # set_function values are not shared: store it now
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry), CONTENT_TYPE_LATEST


def serve_metrics(port: int, host: str = "0.0.0.0") -> None:
    """Serve ``/metrics`` on ``port`` from a daemon thread (a workers-only process has no web
    server of its own)."""
    start_http_server(port, addr=host, registry=REGISTRY)
