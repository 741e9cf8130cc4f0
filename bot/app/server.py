"""The webhook intake: verify, parse, store durably, answer fast. No GitHub calls here.

``POST /api/github/webhooks`` reads the raw body under a size cap, checks
``X-Hub-Signature-256`` before parsing, stores the delivery keyed by ``X-GitHub-Delivery``
(and by its body's SHA-256: GitHub signs only the body, so a known body under a fresh id is a
replay, refused; such a body older, by its own time, than the digests are kept is refused as
stale) and answers 202; worker threads (``bot.app.worker``) do the processing later.
``/help`` and ``/model-card`` are the public pages (``bot.app.pages``); ``/healthz``,
``/readyz`` and ``/metrics`` the operator's (``bot.obs.ops``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from bot.app import headers, signature, wiring
from bot.app.pages import pages_router
from bot.app.worker import Accepts, GitHubFactory, Handler, Workers
from bot.obs import metrics
from bot.obs.ops import ops_router
from bot.settings import Settings
from bot.store import DeliveryStore, SqlStateStore, init_db
from bot.store.db import warm_pool

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/api/github/webhooks"
_MAX_HEADER_CHARS = 100  # delivery ids are GUIDs, event names short words
_MAX_INT32, _MAX_INT64 = 2**31 - 1, 2**63 - 1  # the number and installation_id columns


class Rejected(HTTPException):
    """A webhook request refused before anything is stored; ``reason`` labels the metric."""

    def __init__(self, status: int, detail: str, reason: str) -> None:
        super().__init__(status, detail)
        self.reason = reason


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
            body = await read_body(request, settings.max_body_bytes)
            if secret and not signature.verify(secret, body,
                                               request.headers.get("x-hub-signature-256")):
                raise Rejected(401, "missing or invalid X-Hub-Signature-256", "signature")
            event, delivery_id = _required_headers(request)
            return await _accept(stores, handled, pool, event, delivery_id, body,
                                 settings.retention_days)
        except Rejected as exc:
            metrics.record_rejected(exc.reason)
            log.warning("webhook refused (%s): %s", exc.status_code, exc.detail,
                        extra={"delivery_id": request.headers.get("x-github-delivery")})
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    return webhook


async def _accept(stores: tuple[DeliveryStore, SqlStateStore], handled: Accepts, pool: Workers | None,
                  event: str, delivery_id: str, body: bytes, retention_days: float) -> JSONResponse:
    store, state = stores
    payload = parse_payload(body)
    metrics.record_received(event)
    if event == "ping":
        return JSONResponse({"status": "pong"})
    action = _clean_text(payload.get("action"), 100)
    if not handled(event, action):
        return JSONResponse({"status": "ignored"})
    keys, digest = delivery_keys(payload), body_digest(payload, body)
    body_time = event_time(payload) if digest is not None and retention_days else None
    try:
        if body_time is not None and await run_in_threadpool(store.is_stale, body_time, retention_days):
            return _stale(event, delivery_id, body_time)
        keys = await run_in_threadpool(with_fork_pr, state, event, payload, keys)
        new = await run_in_threadpool(store.enqueue, delivery_id, event, _payload_text(body, payload),
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


# Bodies that always name one event: a comment (its id and time) or a pull request (its
# `updated_at`). The same bytes under a second delivery id can only be a replay, whatever event
# header they now carry (the header is unsigned, so the body's keys decide). Other bodies can
# repeat byte for byte legitimately: a check run's "Clear" pressed again after "Undo" put the run
# back as it was, or after the first press's delivery failed; a repository removed and added
# back. Their replays are left to the handlers (a re-run only scores again).
EVENT_BOUND_KEYS = ("comment", "pull_request")


def body_digest(payload: dict[str, Any], body: bytes) -> str | None:
    """The SHA-256 the intake refuses replays by; None for a body without ``EVENT_BOUND_KEYS``."""
    return hashlib.sha256(body).hexdigest() if any(k in payload for k in EVENT_BOUND_KEYS) else None


# Where an event-bound body carries its event's time: a comment's ``created_at`` (and
# ``updated_at``, the same or later) is stamped when the comment is written, which is the event.
# A pull request body's ``updated_at`` is not read: the octokit examples show ``synchronize`` and
# ``reopened`` bodies whose ``updated_at`` is the PR's creation time, so it may be older than the
# event, and refusing a real push on a PR untouched for days would lose it. Nothing needs it: a
# replayed PR body only makes the handler read the PR afresh, and a replayed label change is
# checked against the label's current state and timeline (``handlers.labels.overtaken``); a
# replayed comment is what could act again (a maintainer's ``/sieve ok`` after they cancelled it).
EVENT_TIMES = (("comment", "updated_at"), ("comment", "created_at"))
_MAX_TIME_CHARS = 40


def event_time(payload: dict[str, Any]) -> datetime | None:
    """The newest of the ``EVENT_TIMES`` a body carries, as naive UTC; None when it carries none,
    or one that is not an ISO 8601 time with a zone ("2019-05-15T15:20:33Z"): the body's age is
    then unknown and it is handled as before, never refused as stale, so an odd but genuine
    payload is not lost (a replay of it is still refused while its digest is kept)."""
    times = []
    for key, field in EVENT_TIMES:
        value = _obj(payload.get(key)).get(field)
        if value is None:
            continue
        when = _utc_time(value)
        if when is None:
            return None
        times.append(when)
    return max(times, default=None)


def _utc_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > _MAX_TIME_CHARS:
        return None
    try:
        when = datetime.fromisoformat(value)
        return None if when.tzinfo is None else when.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # not ISO 8601; or e.g. year 1 with a positive offset
        return None


def _stale(event: str, delivery_id: str, body_time: datetime) -> JSONResponse:
    """An event-bound body older, by its own time, than the store keeps digests
    (``bot.store.deliveries.replay_window``): were it a replay, its first delivery's digest may be
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


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refusing (413) anything over ``limit`` bytes without reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise Rejected(400, "invalid Content-Length", "headers")
        if int(declared) > limit:
            raise Rejected(413, f"payload larger than {limit} bytes", "too_large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Rejected(413, f"payload larger than {limit} bytes", "too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def _required_headers(request: Request) -> tuple[str, str]:
    event = request.headers.get("x-github-event", "").strip()
    delivery_id = request.headers.get("x-github-delivery", "").strip()
    if not event or not delivery_id:
        raise Rejected(400, "X-GitHub-Event and X-GitHub-Delivery headers are required",
                       "headers")
    if len(event) > _MAX_HEADER_CHARS or len(delivery_id) > _MAX_HEADER_CHARS:
        raise Rejected(400, "X-GitHub-Event or X-GitHub-Delivery is too long", "headers")
    return event, delivery_id


def parse_payload(body: bytes) -> dict[str, Any]:
    """The JSON object in ``body``; 400 for anything else."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Rejected(400, "body is not valid JSON", "payload") from None
    except RecursionError:  # e.g. 5,000 nested brackets: valid JSON, but no GitHub payload
        raise Rejected(400, "body is nested too deeply", "payload") from None
    if not isinstance(payload, dict):
        raise Rejected(400, "body is not a JSON object", "payload")
    return payload


def delivery_keys(payload: dict[str, Any]) -> dict[str, Any]:
    """installation_id, repo and PR/issue number of a payload (None where absent); 400 for a
    value no GitHub payload has (wrong type, out of range, over-long, NUL, lone surrogate)."""
    item = (_obj(payload.get("pull_request")) or _obj(payload.get("issue"))
            or _first_pull(_obj(payload.get("check_run"))))
    repo = _obj(payload.get("repository")).get("full_name")
    if repo is not None and _clean_text(repo, 300) is None:
        raise Rejected(400, "payload repository.full_name is not a repository name", "payload")
    return {"installation_id": _whole(_obj(payload.get("installation")).get("id"),
                                      "installation.id", _MAX_INT64),
            "repo": repo,
            "number": _whole(item.get("number", payload.get("number")), "number", _MAX_INT32)}


def with_fork_pr(state: SqlStateStore, event: str, payload: dict[str, Any], keys: dict[str, Any]) -> dict[str, Any]:
    """A fork PR's check run lists no PR (GitHub fills ``pull_requests`` only for same-repository
    branches); the PR PR Sieve scored at that commit is its PR, so its re-run or button press is
    stored under that number and waits for the PR's other deliveries like any of them."""
    sha = _obj(payload.get("check_run")).get("head_sha")
    if keys["number"] is not None or event != "check_run" or not keys["repo"] or not isinstance(sha, str):
        return keys
    return keys | {"number": state.pr_for_head(keys["repo"], sha)}


def _obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _first_pull(check_run: dict) -> dict:
    """A check run's first pull request, so a re-run waits for that PR's other deliveries."""
    pulls = check_run.get("pull_requests")
    return _obj(pulls[0]) if isinstance(pulls, list) and pulls else {}


def _whole(value: Any, name: str, maximum: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= maximum:
        raise Rejected(400, f"payload {name} is not a valid id", "payload")
    return value


def _clean_text(value: Any, max_chars: int) -> str | None:
    """``value`` if it is a short, storable string (no NUL, no lone surrogate), else None."""
    if not isinstance(value, str) or not value or len(value) > max_chars or "\x00" in value:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def _payload_text(body: bytes, payload: dict) -> str:
    """The body itself when it is plain UTF-8 (GitHub's), else ``payload`` re-encoded: UTF-16/32
    (which decode as "UTF-8" full of NULs) or a byte-order mark would not parse again as text."""
    if json.detect_encoding(body) == "utf-8":
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:  # e.g. surrogates, which json.loads lets through
            pass
    return json.dumps(payload)


def _database_answers(engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1")).scalar() == 1
