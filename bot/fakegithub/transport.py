"""HTTP plumbing of the fake: socket server, auth, rate-limit headers, pagination, faults."""

from __future__ import annotations

import json
import socket
import struct
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from bot.fakegithub.router import APP_ROUTES, ROUTER, Abort, Reply, Req
from bot.fakegithub.shapes import error


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: dict
    json: object
    status: int  # 0 when the connection was reset on purpose
    headers: dict  # request headers, lower-case, credentials masked


class RateLimits:
    """Per-identity primary rate-limit counters, like GitHub's ``core`` (an hour's window) or
    ``search`` (30 requests a minute)."""

    def __init__(self, limit: int, window: int = 3600, resource: str = "core") -> None:
        self.limit, self.window, self.resource = limit, window, resource
        self._lock = threading.Lock()
        self._windows: dict[str, list[float]] = {}  # identity -> [used, reset epoch]

    def spend(self, identity: str) -> dict[str, str]:
        with self._lock:
            window = self._windows.get(identity)
            if window is None or window[1] <= time.time():
                window = self._windows[identity] = [0, int(time.time()) + self.window]
            window[0] += 1
            used, reset = window
        return {"x-ratelimit-limit": str(self.limit),
                "x-ratelimit-remaining": str(max(self.limit - int(used), 0)),
                "x-ratelimit-used": str(int(used)), "x-ratelimit-reset": str(int(reset)),
                "x-ratelimit-resource": self.resource}


def paginate(reply: Reply, base: str, path: str, query: dict) -> Reply:
    """Serve one page of a list body, with GitHub's ``Link`` header (absolute, our base URL)."""
    per_page = min(max(int(query.get("per_page") or 30), 1), 100)
    page = max(int(query.get("page") or 1), 1)
    items = reply.body
    last = max((len(items) + per_page - 1) // per_page, 1)
    reply.body = items[(page - 1) * per_page: page * per_page]
    if reply.build is not None:
        reply.body = [reply.build(item) for item in reply.body]

    def link(number: int, rel: str) -> str:
        return f'<{base}{path}?{urlencode(query | {"page": number})}>; rel="{rel}"'
    links = []
    if page < last:
        links += [link(page + 1, "next"), link(last, "last")]
    if page > 1:
        links += [link(page - 1, "prev"), link(1, "first")]
    if links:
        reply.headers["link"] = ", ".join(links)
    return reply


def parse_body(raw: bytes) -> object:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise Abort(Reply(400, error("Problems parsing JSON", 400))) from None


def mask(headers: dict[str, str]) -> dict[str, str]:
    out = dict(headers)
    if "authorization" in out:
        out["authorization"] = out["authorization"].split(" ", 1)[0] + " ***"
    return out


def build_req(fake, method: str, target: str, headers: dict[str, str], raw: bytes) -> Req:
    url = urlsplit(target)
    req = Req(method, url.path, {}, dict(parse_qsl(url.query)), None, headers)
    req.json = parse_body(raw)
    scheme, _, credential = headers.get("authorization", "").partition(" ")
    if APP_ROUTES.search(url.path):
        problem = fake.check_jwt(credential)
        if problem:
            raise Abort(Reply(401, error(problem, 401)))
        req.is_app = True
        return req
    req.installation_id = fake.state.token_installation(credential) if credential else None
    if req.installation_id is None and fake.strict_auth:
        raise Abort(Reply(401, error("Bad credentials", 401)))
    return req


def route(fake, req: Req) -> Reply:
    found = ROUTER.match(req.method, req.path)
    if found is None:
        return Reply(404, error("Not Found", 404))
    handler, params = found
    req.params = params
    with fake.state.lock:
        reply = handler(fake.state, fake.base_url, req)
        if reply.paginate:
            reply = paginate(reply, fake.base_url, req.path, req.query)
    return reply


def identity(req: Req | None) -> str:
    if req is None or (req.installation_id is None and not req.is_app):
        return "anonymous"
    return "app" if req.is_app else f"installation:{req.installation_id}"


def render(reply: Reply, limits: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    headers = {"content-type": "application/json; charset=utf-8",
               "x-github-request-id": uuid.uuid4().hex[:20].upper(),
               "x-github-api-version-selected": "2022-11-28", "x-github-media-type": "github.v3"}
    headers |= limits | {k.lower(): v for k, v in reply.headers.items()}
    if reply.status == 204 or reply.body is None:
        return reply.status, headers, b""
    payload = reply.body.encode() if reply.text else json.dumps(reply.body).encode()
    return reply.status, headers, payload


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    timeout = 60  # idle keep-alive connections end after this

    def do_GET(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        outcome = self.server.fake.dispatch(self.command, self.path, headers, raw)
        if outcome is None:
            self._reset()
            return
        status, response_headers, payload = outcome
        self.send_response(status)
        for name, value in response_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def _reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - silence stderr logging
        return


class FakeHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 256  # benchmarks open many connections at once (default is 5)

    def __init__(self, fake, host: str, port: int) -> None:
        self.fake = fake
        super().__init__((host, port), _Handler)

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away (timed out, reset): nothing to report
        super().handle_error(request, client_address)

    def shutdown_request(self, request) -> None:
        try:
            linger = request.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)
            if struct.unpack("ii", linger)[0]:  # reset on purpose: close without FIN
                request.close()
                return
        except OSError:
            pass
        super().shutdown_request(request)
