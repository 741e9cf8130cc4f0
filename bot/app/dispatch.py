"""Route a webhook delivery to its handler, Prow-style: each handler module declares the
(event, action) pairs it serves. ``HANDLED`` lets the server drop everything else early.

``handle`` raises ``PayloadError`` (non-retryable) for a payload without ``installation.id`` or
a key its handler needs, and lets ``GitHubError`` through for the worker's retry policy.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from bot.app.context import HandlerContext
from bot.app.handlers import check_run, comments, installation, labels, pull_request
from bot.app.payload import PayloadError, installation_id

HANDLERS: tuple[ModuleType, ...] = (pull_request, labels, comments, check_run, installation)


def _registry() -> dict[tuple[str, str], ModuleType]:
    table: dict[tuple[str, str], ModuleType] = {}
    for module in HANDLERS:
        for event, actions in module.EVENTS.items():
            for action in actions:
                if (event, action) in table:
                    raise RuntimeError(f"two handlers for {event}.{action}")
                table[(event, action)] = module
    return table


REGISTRY = _registry()
HANDLED: dict[str, set[str]] = {}
for _event, _action in REGISTRY:
    HANDLED.setdefault(_event, set()).add(_action)


def handler_for(event: str, action: str | None) -> ModuleType | None:
    return REGISTRY.get((event, action or ""))


def handle(event: str, payload: Any, ctx: HandlerContext) -> str:
    """Run the handler for ``event``/``payload["action"]``; returns a one-line outcome."""
    if not isinstance(payload, dict):
        raise PayloadError(f"{event} payload is {type(payload).__name__}, not a JSON object")
    module = handler_for(event, payload.get("action"))
    if module is None:
        return f"ignored: no handler for {event}.{payload.get('action')}"
    installation_id(payload)
    return module.handle(event, payload, ctx)


def help_texts() -> dict[str, str]:
    """Operator-facing: what each handler does (``sieve serve --help``-style listings)."""
    return {module.__name__.rsplit(".", 1)[-1]: module.HELP for module in HANDLERS}


__all__ = ["HANDLED", "HANDLERS", "PayloadError", "handle", "handler_for", "help_texts"]
