"""The webhook intake: verify, parse, store durably, answer fast. No GitHub calls here.

``POST /api/github/webhooks`` reads the raw body under a size cap, checks
``X-Hub-Signature-256`` before parsing, stores the delivery keyed by ``X-GitHub-Delivery``
(and by its body's SHA-256: GitHub signs only the body, so a known body under a fresh id is a
replay, refused; such a body older, by its own time, than the digests are kept is refused as
stale) and answers 202; worker threads (``bot.app.worker``) do the processing later.
Reading the request (headers, body, payload keys and times) is ``bot.app.intake``'s.
``/help`` and ``/model-card`` are the public pages (``bot.app.pages``); ``/healthz``,
``/readyz`` and ``/metrics`` the operator's (``bot.obs.ops``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import datetime

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from bot.app import headers, intake, signature, suites, wiring
from bot.app.pages import pages_router
from bot.app.worker import Accepts, GitHubFactory, Handler, Workers
from bot.obs import metrics
from bot.obs.ops import ops_router
from bot.settings import Settings
from bot.store import DeliveryStore, SqlStateStore, init_db
from bot.store.db import warm_pool

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/api/github/webhooks"


def create_app(settings: Settings, *, github_factory: GitHubFactory | None = None,
               start_workers: bool = True, handler: Handler | None = None,
               workers: Workers | None = None,
               clock: Callable[[], datetime] | None = None) -> FastAPI:
    """Build the App: webhook route, ops routes and (unless disabled) the worker pool.

    Raises ``bot.settings.SettingsError`` without a webhook secret unless insecure_dev.
    ``github_factory``/``handler`` replace the production wiring (tests, demo).
    ``workers`` (e.g. ``bot.app.worker_process.WorkerProcess``) replaces the worker threads.
    ``clock`` (tests): the intake store's clock (``DeliveryStore``), naive UTC.
    """
    settings.require_webhook_secret()
    if settings.webhook_secret is None or not settings.webhook_secret.get_secret_value():
        log.warning("SIEVE_INSECURE_DEV: accepting UNSIGNED webhooks; never do this in production")
    engine = init_db(settings.database_url)
    store, state = DeliveryStore(engine, clock=clock), SqlStateStore(engine)
    handled = wiring.accepts(wiring.handled_events())
    pool = workers
    if pool is None and start_workers and settings.workers > 0:
        pool = wiring.build_worker_pool(settings, engine, github_factory=github_factory,
                                        handler=handler)
    app = FastAPI(title="PR Sieve", lifespan=_lifespan(pool, engine), docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.state.settings, app.state.store, app.state.pool = settings, store, pool
    # A plain Starlette route: the webhook needs none of FastAPI's request parsing, and skipping
    # it saves CPU on every delivery.
    app.add_route(WEBHOOK_PATH, _webhook(settings, (store, state), handled, pool), methods=["POST"])
    app.include_router(ops_router(lambda: _database_answers(engine)))
    app.include_router(pages_router())
    headers.install(app)  # nosniff, no referrer, no framing, a CSP, on every answer
    metrics.track_queue_depth(store.queue_depth)
    return app


def _lifespan(pool: Workers | None, engine):
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if pool is not None:
            pool.start()
        await run_in_threadpool(warm_pool, engine)
        try:
            yield
        finally:
            if pool is not None:
                await run_in_threadpool(pool.stop)
            engine.dispose()
    return lifespan


def _webhook(settings: Settings, stores: tuple[DeliveryStore, SqlStateStore], handled: Accepts,
             pool: Workers | None):
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""

    async def webhook(request: Request) -> JSONResponse:
        try:
            body = await intake.read_body(request, settings.max_body_bytes)
            if secret and not signature.verify(secret, body,
                                               request.headers.get("x-hub-signature-256")):
                raise intake.Rejected(401, "missing or invalid X-Hub-Signature-256", "signature")
            event, delivery_id = intake.required_headers(request)
            return await _accept(stores, handled, pool, event, delivery_id, body,
                                 settings.retention_days)
        except intake.Rejected as exc:
            metrics.record_rejected(exc.reason)
            log.warning("webhook refused (%s): %s", exc.status_code, exc.detail,
                        extra={"delivery_id": request.headers.get("x-github-delivery")})
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    return webhook


async def _accept(stores: tuple[DeliveryStore, SqlStateStore], handled: Accepts, pool: Workers | None,
                  event: str, delivery_id: str, body: bytes, retention_days: float) -> JSONResponse:
    store, state = stores
    payload = intake.parse_payload(body)
    metrics.record_received(event)
    if event == "ping":
        return JSONResponse({"status": "pong"})
    action = intake.clean_text(payload.get("action"), 100)
    if not handled(event, action):
        return JSONResponse({"status": "ignored"})
    keys, digest = intake.delivery_keys(payload), intake.body_digest(payload, body)
    body_time = intake.event_time(payload) if digest is not None and retention_days else None
    try:
        if body_time is not None and await run_in_threadpool(store.is_stale, body_time, retention_days):
            return _stale(event, delivery_id, body_time)
        keys = await run_in_threadpool(intake.with_fork_pr, state, event, payload, keys)
        if parts := suites.per_pr(event, payload, delivery_id):  # a re-run of several PRs: one delivery each
            new = await run_in_threadpool(suites.enqueue_each, store, parts, event, action, keys)
        else:
            new = await run_in_threadpool(store.enqueue, delivery_id, event, intake.payload_text(body, payload),
                                          action=action, body_sha256=digest, **keys)
        original = None if new or digest is None else await run_in_threadpool(store.replay_of, delivery_id, digest)
    except Exception:  # noqa: BLE001 - no 2xx unless stored: GitHub shows it as failed
        log.exception("could not store delivery", extra={"delivery_id": delivery_id})
        metrics.record_rejected("storage")
        return JSONResponse({"detail": "delivery could not be stored; redeliver later"}, 503)
    if original is not None:
        return _replay(event, delivery_id, original)
    if not new:
        metrics.record_duplicate(event)
        return JSONResponse({"status": "duplicate", "delivery_id": delivery_id}, 202)
    if pool is not None:
        pool.wake()
    return JSONResponse({"status": "queued", "delivery_id": delivery_id}, 202)


def _stale(event: str, delivery_id: str, body_time: datetime) -> JSONResponse:
    """An event-bound body older, by its own time, than the store keeps digests
    (``bot.store.replays.replay_window``): were it a replay, its first delivery's digest may be
    gone, so it is refused as a replay would be (nothing stored or handled; 202, never retried).
    GitHub redelivers only within 3 days, and the window is longer, so no genuine event is lost."""
    when = body_time.isoformat(timespec="seconds") + "Z"
    metrics.record_rejected("stale")
    log.warning("webhook refused as stale: delivery %s (%s) carries a body of %s, older than the "
                "replay window", delivery_id, event, when,
                extra={"delivery_id": delivery_id, "event_time": when})
    return JSONResponse({"status": "stale", "delivery_id": delivery_id, "event_time": when}, 202)


def _replay(event: str, delivery_id: str, original: str) -> JSONResponse:
    """A signed body already stored under another delivery id: captured and sent again (GitHub's
    own redelivery keeps the id, and is a duplicate). Nothing is stored or handled; 202, so it
    is never retried. The X-GitHub-Event it came with, also unsigned, may differ from the first."""
    metrics.record_rejected("replay")
    log.warning("webhook replay refused: delivery %s (%s) carries the signed body of delivery %s",
                delivery_id, event, original, extra={"delivery_id": delivery_id, "replay_of": original})
    return JSONResponse({"status": "replay", "delivery_id": delivery_id, "replay_of": original}, 202)


def _database_answers(engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1")).scalar() == 1
