"""Security headers on every HTTP answer the App gives, pages, JSON and errors alike.

Every response carries ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
``X-Frame-Options: DENY`` and a Content-Security-Policy that allows nothing
(``default-src 'none'``); a response that sets its own policy keeps it. The HTML pages
(``bot.app.pages``) set ``page_policy(html)``: the same, plus ``style-src`` with the SHA-256 of
each ``<style>`` element in the HTML they serve, so their CSS applies and no script ever runs.

``install(app)`` adds ``SecurityHeaders`` (a plain ASGI middleware: no request buffering) and
an error handler, since Starlette answers an unhandled exception outside user middleware.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import lru_cache

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_LOCKED = ("default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'")
NOTHING_ALLOWED = "; ".join(_LOCKED)
EVERY_RESPONSE = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                  "X-Frame-Options": "DENY", "Content-Security-Policy": NOTHING_ALLOWED}
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r"""<[^>]*?\sstyle=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@lru_cache(maxsize=8)  # the App serves a few fixed pages: hash each once, not per request
def page_policy(page: str) -> str:
    """The policy for the HTML ``page``: nothing allowed but its own inline CSS, by hash.

    A ``style="..."`` attribute (markdown-it writes one for an aligned table column) is
    allowed by its hash too, which CSP only honours beside ``'unsafe-hashes'``.
    """
    sources = [_hash(css) for css in _STYLE_ELEMENT.findall(page)]
    attributes = [html.unescape(a or b) for a, b in _STYLE_ATTRIBUTE.findall(page)]
    if attributes:
        sources += ["'unsafe-hashes'", *dict.fromkeys(_hash(a) for a in attributes)]
    if not sources:
        return NOTHING_ALLOWED
    return "; ".join((_LOCKED[0], "style-src " + " ".join(sources), *_LOCKED[1:]))


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class SecurityHeaders:
    """Adds ``EVERY_RESPONSE`` to each HTTP response that does not already set the header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_missing(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _add_missing(headers: MutableHeaders) -> None:
    for name, value in EVERY_RESPONSE.items():
        headers.setdefault(name, value)


async def internal_error(_request: Request, _exc: Exception) -> Response:
    """Starlette's plain 500, with the headers (its error middleware sits outside ours)."""
    return PlainTextResponse("Internal Server Error", status_code=500, headers=EVERY_RESPONSE)


def install(app) -> None:
    """Security headers on every answer ``app`` (a Starlette/FastAPI app) gives."""
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(Exception, internal_error)
