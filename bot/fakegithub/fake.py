"""``FakeGitHub``: a small, realistic GitHub REST server on 127.0.0.1 for tests, demo, benchmarks.

    with FakeGitHub() as fake:
        fake.add_pull("octo/repo", 7, {"title": "Fix typo", "user": "alice"},
                      files=[{"filename": "README.md", "additions": 1, "patch": "@@ ..."}],
                      commits=["Fix typo"])
        port = PyGithubPort.for_app(fake.app_id, fake.app_private_key, base_url=fake.base_url,
                                    installation_id=fake.installation_id)
        ...
        assert fake.issue_labels("octo/repo", 7) == [...]
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
from urllib.parse import unquote

import jwt

from bot.fakegithub import events, faults, routes_repo, routes_search, shapes  # noqa: F401 - routes register
from bot.fakegithub.router import Abort, Reply
from bot.fakegithub.routes_issues import check_run_body
from bot.fakegithub.seeding import Seeding
from bot.fakegithub.state import FakeState
from bot.fakegithub.transport import (FakeHTTPServer, RateLimits, RequestRecord, build_req,
                                      identity, mask, render, route)

log = logging.getLogger(__name__)


class FakeGitHub(Seeding):
    def __init__(self, *, app_id: int = 1, app_slug: str = "pr-sieve", installation_id: int = 1,
                 account: str = "octo-org", host: str = "127.0.0.1", port: int = 0,
                 delay: float = 0.0, rate_limit: int = 5000, strict_auth: bool = True,
                 token_ttl: float = 3600.0, writes_per_minute: int | None = None,
                 search_rate_limit: int = 30) -> None:
        self.app_id, self.installation_id = app_id, installation_id
        self.state = FakeState(app_id=app_id, app_slug=app_slug, app_owner=account)
        self.state.add_installation(installation_id, account)
        self.state.token_ttl = token_ttl  # installation tokens expire after this many seconds
        self.delay = delay  # seconds added to every response (benchmarks use 0.05)
        self.strict_auth = strict_auth  # False: repo endpoints accept missing credentials
        self._limits = RateLimits(rate_limit)
        self._search_limits = RateLimits(search_rate_limit, window=60, resource="search")
        self._faults = faults.FaultTable()
        self._writes = faults.WriteLimiter(writes_per_minute)  # None: no secondary limit
        self._log: list[RequestRecord] = []
        self._log_lock = threading.Lock()
        self._key_lock = threading.Lock()
        self._private_key: str | None = None
        self._public_key = None
        self._server = FakeHTTPServer(self, host, port)
        self.base_url = f"http://{host}:{self._server.server_address[1]}"
        self._thread: threading.Thread | None = None

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self) -> "FakeGitHub":
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                            name="fake-github", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "FakeGitHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ---- App credentials -------------------------------------------------------------------
    @property
    def app_private_key(self) -> str:
        """PEM of an RSA key generated for this fake; JWTs signed with it are verified."""
        with self._key_lock:
            if self._private_key is None:
                self._private_key, self._public_key = _shared_key_pair()
            return self._private_key

    @property
    def bot_login(self) -> str:
        return self.state.bot_login

    def check_jwt(self, credential: str) -> str | None:
        """Why this App JWT is refused (GitHub's messages), or None when it is good."""
        public = self._public_key
        try:
            if public is None:
                claims = jwt.decode(credential, options={"verify_signature": False})
            else:
                claims = jwt.decode(credential, public, algorithms=["RS256"],
                                    options={"verify_exp": False, "verify_iat": False})
        except jwt.PyJWTError:
            return "A JSON web token could not be decoded"
        return _claims_problem(claims, self.app_id)

    def issue_token(self, installation_id: int | None = None) -> str:
        return self.state.issue_token(installation_id or self.installation_id)[0]

    def revoke_tokens(self) -> None:
        """Invalidate every installation token issued so far (they now get 401)."""
        with self.state.lock:
            self.state.tokens.clear()

    def auth_headers(self, installation_id: int | None = None) -> dict[str, str]:
        return {"Authorization": f"token {self.issue_token(installation_id)}"}

    # ---- serving ---------------------------------------------------------------------------
    def dispatch(self, method: str, target: str, headers: dict[str, str], raw: bytes):
        """Answer one request: ``(status, headers, body)``, or None to reset the connection."""
        req, limits = None, None
        fault = self._faults.take(method, unquote(target.split("?", 1)[0]))
        time.sleep(self.delay + (fault.delay if fault else 0.0))
        try:
            req = build_req(self, method, target, headers, raw)
            limits = req.rate = self._limiter(req.path).spend(identity(req))
            reply = self._reply(req, fault, limits)
        except Abort as abort:
            reply = abort.reply
        except Exception as exc:  # noqa: BLE001 - a fake bug answers 500, like GitHub would
            log.exception("fake GitHub failed on %s %s", method, target)
            reply = Reply(500, shapes.error(f"fake GitHub error: {type(exc).__name__}", 500))
        if fault is not None and fault.reset:
            self._record(method, target, req, 0, headers)
            return None
        self._record(method, target, req, reply.status, headers)
        return render(reply, limits or self._limits.spend(identity(req)))

    def _reply(self, req, fault, limits: dict[str, str]) -> Reply:
        if fault is not None and fault.status is not None:
            return Reply(fault.status, fault.error_body(), headers=dict(fault.headers))
        if int(limits["x-ratelimit-used"]) > int(limits["x-ratelimit-limit"]):  # the real primary limit
            message = faults.PRIMARY_MESSAGE.format(installation=req.installation_id)
            return Reply(403, shapes.error(message, 403))
        wait = self._writes.retry_after(identity(req), req.method)
        if wait is not None:  # the secondary limit on content creation
            return Reply(403, shapes.error(faults.SECONDARY_MESSAGE, 403),
                         headers={"retry-after": str(wait)})
        return route(self, req)

    def _limiter(self, path: str) -> RateLimits:
        """Search has its own, much smaller budget (30 a minute), as on GitHub."""
        return self._search_limits if path.startswith("/search/") else self._limits

    def _record(self, method: str, target: str, req, status: int, headers: dict) -> None:
        record = RequestRecord(method, unquote(target.partition("?")[0]), req.query if req else {}, req.json if req else None,
                               status, mask(headers))
        with self._log_lock:
            self._log.append(record)

    # ---- read-back -------------------------------------------------------------------------
    @property
    def requests(self) -> list[RequestRecord]:
        with self._log_lock:
            return list(self._log)

    def calls(self, method: str | None = None, path_regex: str | None = None) -> list[RequestRecord]:
        return [r for r in self.requests if (method is None or r.method == method.upper())
                and (path_regex is None or re.search(path_regex, r.path))]

    def clear_log(self) -> None:
        with self._log_lock:
            self._log.clear()

    def issue_labels(self, repo: str, number: int) -> list[str]:
        with self.state.lock:
            return list(self._repo(repo).issue_labels.get(number, []))

    def repo_labels(self, repo: str) -> dict[str, dict]:
        with self.state.lock:
            return {m["name"]: dict(m) for m in self._repo(repo).labels.values()}

    def comments(self, repo: str, number: int) -> list[dict]:
        """``{"id", "body", "login"}`` for each comment on the issue, oldest first."""
        with self.state.lock:
            full_name = self._repo(repo).full_name
            return [{"id": c.id, "body": c.body, "login": c.login}
                    for c in self.state.comments.values()
                    if c.repo == full_name and c.number == number]

    def check_runs(self, repo: str, head_sha: str | None = None) -> list[dict]:
        """REST bodies of the check runs on ``repo`` (for ``head_sha`` when given), oldest first."""
        with self.state.lock:
            full_name = self._repo(repo).full_name
            return [check_run_body(self.state, self.base_url, r)
                    for r in self.state.check_runs.values() if r.repo == full_name
                    and head_sha in (None, r.fields["head_sha"])]

    def check_run_actions(self, repo: str, head_sha: str) -> list[list[dict]]:
        """The buttons (``actions``) last sent for each check run on ``head_sha``: GitHub shows
        them but does not return them in a check run's body."""
        with self.state.lock:
            full_name = self._repo(repo).full_name
            return [list(r.fields.get("actions", [])) for r in self.state.check_runs.values()
                    if r.repo == full_name and r.fields["head_sha"] == head_sha]

    # ---- webhook payloads ------------------------------------------------------------------
    def pull_request_event(self, repo: str, number: int, action: str = "opened",
                           sender: str | None = None, **extra) -> dict:
        """A ``pull_request`` webhook payload matching this fake's PR (``extra``: e.g. changes)."""
        return events.pull_request_event(self, repo, number, action, sender, **extra)

    def issue_comment_event(self, repo: str, number: int, body: str, login: str, *,
                            association: str = "CONTRIBUTOR", action: str = "created") -> dict:
        """Post a comment by ``login`` on the PR and return its ``issue_comment`` payload."""
        return events.issue_comment_event(self, repo, number, body, login,
                                          association=association, action=action)

    def pull_request_review_event(self, repo: str, number: int, body: str | None, login: str, **kw) -> dict:
        """A ``pull_request_review`` payload: ``login`` submits a review of the PR with text ``body``
        (``kw``: state, association, action, review_id, submitted_at, user_type)."""
        return events.pull_request_review_event(self, repo, number, body, login, **kw)

    def pull_request_review_comment_event(self, repo: str, number: int, body: str | None, login: str,
                                          **kw) -> dict:
        """A ``pull_request_review_comment`` payload: ``login`` comments on a line of the PR's diff
        (``kw``: association, action, comment_id, created_at, updated_at, user_type, path)."""
        return events.pull_request_review_comment_event(self, repo, number, body, login, **kw)

    def check_run_action_event(self, repo: str, number: int, identifier: str, login: str,
                               run_id: int | None = None) -> dict:
        """A ``check_run.requested_action`` payload: ``login`` pressed a button on the App's check
        (run ``run_id``; by default the latest at the PR's head)."""
        return events.check_run_action_event(self, repo, number, identifier, login, run_id)

    # ---- faults ----------------------------------------------------------------------------
    def inject(self, method: str, path_regex: str, status: int | None = 500, times: int | None = 1,
               headers: dict | None = None, delay: float = 0.0, body: object = None,
               reset: bool = False) -> faults.Fault:
        """Make the next ``times`` matching requests (``None``: all) fail with ``status``, be
        delayed by ``delay`` seconds (``status=None`` serves normally after it) or have their
        connection ``reset``. ``method`` may be "*"; ``path_regex`` is searched in the path."""
        return self._faults.add(faults.make_fault(method, path_regex, status, times, headers,
                                                  delay, body, reset))

    def inject_secondary_rate_limit(self, method: str, path_regex: str, *, retry_after: float = 1,
                                    times: int | None = 1, status: int = 403) -> faults.Fault:
        return self.inject(method, path_regex, status, times,
                           faults.secondary_limit_headers(retry_after),
                           body=shapes.error(faults.SECONDARY_MESSAGE, status))

    def inject_primary_rate_limit(self, method: str, path_regex: str, *, reset_in: float = 1,
                                  times: int | None = 1, status: int = 403) -> faults.Fault:
        message = faults.PRIMARY_MESSAGE.format(installation=self.installation_id)
        return self.inject(method, path_regex, status, times,
                           faults.primary_limit_headers(reset_in, self._limits.limit),
                           body=shapes.error(message, status))

    def clear_faults(self) -> None:
        self._faults.clear()


@functools.cache
def _shared_key_pair() -> tuple[str, object]:
    """One RSA key per process (generating one per fake would slow every test down)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    return pem, key.public_key()


def _claims_problem(claims: dict, app_id: int) -> str | None:
    now = time.time()
    if str(claims.get("iss")) != str(app_id):
        return "Integration not found"
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or exp < now:
        return ("'Expiration time' claim ('exp') must be a numeric value representing the "
                "future time at which the assertion expires")
    if exp - now > 600 + 60:
        return "'Expiration time' claim ('exp') is too far in the future"
    return None
