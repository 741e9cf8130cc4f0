"""Operational HTTP routes: liveness, readiness and the Prometheus exposition.

The server mounts ``ops_router(check_db)``; ``check_db`` returns True when the database
answers (e.g. ``SELECT 1``). A check that raises counts as not ready, never as a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from bot.obs.metrics import exposition

log = logging.getLogger(__name__)


def _ready(check_db: Callable[[], bool]) -> bool:
    try:
        return bool(check_db())
    except Exception:  # noqa: BLE001 - readiness reports, it does not crash
        log.warning("readiness check failed", exc_info=True)
        return False


def ops_router(check_db: Callable[[], bool], *, metrics: bool = True) -> APIRouter:
    """Routes ``GET /healthz`` (process alive), ``GET /readyz`` (DB reachable), ``GET /metrics``."""
    router = APIRouter(tags=["ops"])

    @router.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    def readyz() -> JSONResponse:
        if _ready(check_db):
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "database unreachable"}, status_code=503)

    if metrics:
        @router.get("/metrics")
        def metrics_page() -> Response:
            body, content_type = exposition()
            return Response(content=body, media_type=content_type)

    return router
