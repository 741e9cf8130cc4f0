"""Request/reply types and the regex route table shared by the fake's handler modules."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from bot.fakegithub.shapes import error


@dataclass
class Req:
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, str]
    json: object
    headers: dict[str, str]  # lower-case names
    installation_id: int | None = None  # set when authenticated with an installation token
    is_app: bool = False  # set when authenticated with the App JWT
    rate: dict[str, str] = field(default_factory=dict)  # this caller's x-ratelimit-* headers


@dataclass
class Reply:
    status: int
    body: object = None  # JSON-able, or str when ``text`` is True
    headers: dict[str, str] = field(default_factory=dict)
    paginate: bool = False  # body is a list to serve page by page with a Link header
    build: Callable | None = None  # applied to each item of the served page only
    text: bool = False


Handler = Callable[..., Reply]

# Routes that need the App's JWT rather than an installation token.
APP_ROUTES = re.compile(r"^/app(/|$)|^/repos/[^/]+/[^/]+/installation$")


class Abort(Exception):
    """Raised by handlers to answer with ``reply`` right away."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


def not_found(message: str = "Not Found") -> Reply:
    return Reply(404, error(message, 404))


def invalid(resource: str, field_name: str, code: str, status: int = 422) -> Reply:
    return Reply(status, error("Validation Failed", status, errors=[
        {"resource": resource, "code": code, "field": field_name}]))


class Router:
    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern, Handler]] = []

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        compiled = re.compile("^" + pattern.replace("{repo}", r"(?P<owner>[^/]+)/(?P<name>[^/]+)") + "$")

        def register(handler: Handler) -> Handler:
            self._routes.append((method, compiled, handler))
            return handler
        return register

    def match(self, method: str, path: str) -> tuple[Handler, dict[str, str]] | None:
        """The handler and URL-decoded path parameters, or None (404/405 decided by caller)."""
        for verb, pattern, handler in self._routes:
            found = pattern.match(path)
            if found and verb == method:
                params = {k: unquote(v) for k, v in found.groupdict().items()}
                if "owner" in params:
                    params["repo"] = f"{params.pop('owner')}/{params.pop('name')}"
                return handler, params
        return None


ROUTER = Router()
