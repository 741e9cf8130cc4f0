"""GitHub App authentication: one ``Github`` client per installation, cached.

``Auth.AppAuth(app_id, key).get_installation_auth(id)`` fetches the installation token lazily
(``POST /app/installations/{id}/access_tokens`` with the App JWT) and refreshes it 20 s before
it expires, so keeping one client per installation reuses each token for its whole hour.
The private key and tokens are never logged (``redact_pygithub_debug_logs``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from github import Auth, Github, GithubIntegration

from bot.github.retry import OnRequest, OnRetry, SieveRetry

DEFAULT_BASE_URL = "https://api.github.com"
_SECRET = re.compile(r'("token"\s*:\s*")[^"]+|gh[su]_[A-Za-z0-9_]+|-----BEGIN[^-]*-----[^-]+')


@dataclass(frozen=True)
class ClientSettings:
    base_url: str = DEFAULT_BASE_URL
    timeout: int = 15  # seconds per HTTP request (PyGithub wants an int)
    retries: int = 3  # in-process retries per request
    max_wait: float = 30.0  # longest in-process wait; longer rate limits go to the worker
    backoff_factor: float = 0.25
    backoff_max: float = 8.0
    per_page: int = 100
    pool_size: int = 10
    user_agent: str = "pr-sieve"
    max_installations: int = 512  # cached clients (tokens) kept at most


class _RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg, record.args = record.getMessage(), None
        record.msg = _SECRET.sub(lambda m: (m.group(1) or "") + "***", str(record.msg))
        return True


def redact_pygithub_debug_logs() -> None:
    """PyGithub's DEBUG log prints response bodies (including fresh tokens): mask them."""
    logger = logging.getLogger("github.Requester")
    if not any(isinstance(f, _RedactSecrets) for f in logger.filters):
        logger.addFilter(_RedactSecrets())


class GitHubClients:
    def __init__(self, app_id: int | str, private_key: str, *,
                 settings: ClientSettings = ClientSettings(),
                 on_request: OnRequest | None = None, on_retry: OnRetry | None = None) -> None:
        self.app_id = app_id
        self._app_auth = Auth.AppAuth(app_id, private_key)
        self.settings = settings
        self._hooks = (on_request, on_retry)
        self._lock = threading.Lock()
        self._clients: OrderedDict[int, Github] = OrderedDict()
        self._bot_login: str | None = None
        redact_pygithub_debug_logs()

    def __repr__(self) -> str:  # never show the key
        return f"GitHubClients(app_id={self._app_auth.app_id!r}, base_url={self.settings.base_url!r})"

    def retry(self) -> SieveRetry:
        s = self.settings
        return SieveRetry(total=s.retries, max_wait=s.max_wait, backoff_factor=s.backoff_factor,
                          backoff_max=s.backoff_max, on_request=self._hooks[0],
                          on_retry=self._hooks[1])

    def _options(self) -> dict:
        s = self.settings
        return dict(base_url=s.base_url.rstrip("/"), timeout=int(s.timeout), user_agent=s.user_agent,
                    per_page=s.per_page, retry=self.retry(), pool_size=s.pool_size,
                    seconds_between_requests=None, seconds_between_writes=None)

    def installation(self, installation_id: int) -> Github:
        """The cached client for an installation (created on first use, token fetched lazily)."""
        with self._lock:
            client = self._clients.get(installation_id)
            if client is not None:
                self._clients.move_to_end(installation_id)
                return client
            auth = self._app_auth.get_installation_auth(int(installation_id))
            client = Github(auth=auth, lazy=True, **self._options())
            self._clients[installation_id] = client
            while len(self._clients) > self.settings.max_installations:
                self._clients.popitem(last=False)[1].close()
            return client

    def app(self) -> GithubIntegration:
        """A client authenticated as the App itself (JWT), for ``GET /app``."""
        return GithubIntegration(auth=self._app_auth, **self._options())

    def bot_login(self) -> str:
        """``<slug>[bot]`` from ``GET /app``, fetched once."""
        if self._bot_login is None:
            integration = self.app()
            try:
                self._bot_login = f"{integration.get_app().slug}[bot]"
            finally:
                integration.close()
        return self._bot_login
