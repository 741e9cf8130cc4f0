"""GitHub App authentication: one installation token shared by all threads, cached clients.

``Auth.AppAuth(app_id, key).get_installation_auth(id)`` fetches the installation token lazily
(``POST /app/installations/{id}/access_tokens`` with the App JWT) and refreshes it 20 s before
it expires; keeping one per installation reuses each token for its whole hour.
The private key and tokens are never logged (``redact_pygithub_debug_logs``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from github import Auth, Github, GithubIntegration

from bot.github.filecache import TTLCache
from bot.github.searchbudget import SearchBudget
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
    backoff_jitter: float = 0.25  # up to this many seconds added at random to each backoff
    per_page: int = 100
    pool_size: int = 10
    user_agent: str = "pr-sieve"
    max_installations: int = 512  # cached clients (tokens) kept at most
    file_cache_seconds: float = 60.0  # default-branch file reads (config) kept this long
    template_cache_seconds: float = 600.0  # ... of the PR template: three folder listings a repository, and its files
    search_cache_seconds: float = 600.0  # author searches (search has its own budget: 30 a minute)
    label_cache_seconds: float = 600.0  # a label made sure of (ensure_label) is not created again for this long
    search_max_wait: float = 0.0  # a rate-limited search is not waited for: it is optional (see SearchBudget)


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


class _InstallationToken:
    """One installation's token, shared by every thread: fetched and refreshed under a lock.

    ``AppInstallationAuth`` refreshes 20 s before ``expires_at``; it is bound to a private
    client that only this object uses (PyGithub connections are not safe to share)."""

    def __init__(self, app_auth: Auth.AppAuth, installation_id: int, options: dict) -> None:
        self._auth = app_auth.get_installation_auth(installation_id)
        self._owner = Github(auth=self._auth, **options)
        self._lock = threading.Lock()

    def token(self) -> str:
        with self._lock:
            return self._auth.token


class _SharedTokenAuth(Auth.Auth):
    def __init__(self, source: _InstallationToken) -> None:
        self._source = source

    @property
    def token_type(self) -> str:
        return "token"

    @property
    def token(self) -> str:
        return self._source.token()

    @property
    def _masked_token(self) -> str:
        return "token (installation token removed)"


class GitHubClients:
    """Clients for one App. Tokens are shared per installation; ``Github`` objects are kept
    per thread, because a PyGithub connection must not be used by two threads at once."""

    def __init__(self, app_id: int | str, private_key: str | None, *,
                 settings: ClientSettings = ClientSettings(),
                 on_request: OnRequest | None = None, on_retry: OnRetry | None = None) -> None:
        self.app_id = app_id
        self._app_auth = Auth.AppAuth(app_id, private_key) if private_key is not None else None
        self.settings = settings
        self._hooks = (on_request, on_retry)
        self._lock = threading.Lock()
        self._tokens: OrderedDict[int, _InstallationToken] = OrderedDict()
        self._local = threading.local()
        self._bot_login: str | None = None
        self.files = TTLCache(settings.file_cache_seconds)
        self.templates = TTLCache(settings.template_cache_seconds)
        self.searches = TTLCache(settings.search_cache_seconds)
        self.labels = TTLCache(settings.label_cache_seconds)
        self.search_budget = SearchBudget()
        redact_pygithub_debug_logs()

    def __repr__(self) -> str:  # never show the key
        return f"GitHubClients(app_id={self.app_id!r}, base_url={self.settings.base_url!r})"

    def retry(self, max_wait: float | None = None) -> SieveRetry:
        s = self.settings
        return SieveRetry(total=s.retries, max_wait=s.max_wait if max_wait is None else max_wait,
                          backoff_factor=s.backoff_factor,
                          backoff_max=s.backoff_max, backoff_jitter=s.backoff_jitter,
                          on_request=self._hooks[0],
                          on_retry=self._hooks[1])

    def _options(self, max_wait: float | None = None) -> dict:
        s = self.settings
        return dict(base_url=s.base_url.rstrip("/"), timeout=int(s.timeout),
                    user_agent=s.user_agent, per_page=s.per_page, retry=self.retry(max_wait),
                    pool_size=s.pool_size, seconds_between_requests=None,
                    seconds_between_writes=None)

    def _token(self, installation_id: int) -> _InstallationToken:
        with self._lock:
            source = self._tokens.get(installation_id)
            if source is None:
                source = _InstallationToken(self._app_auth, installation_id, self._options())
                self._tokens[installation_id] = source
            self._tokens.move_to_end(installation_id)
            while len(self._tokens) > self.settings.max_installations:
                self._tokens.popitem(last=False)
            return source

    def forget(self, installation_id: int) -> None:
        """Drop an installation's token (e.g. after a 401); the next call fetches a new one."""
        with self._lock:
            self._tokens.pop(int(installation_id), None)

    def installation(self, installation_id: int) -> Github:
        """This thread's client for an installation (the token is fetched lazily, then shared)."""
        return self._client(int(installation_id), "api")

    def search(self, installation_id: int) -> Github:
        """This thread's client for an installation's searches: the same token, but a rate limit
        is never waited for in process (``search_max_wait``), so a search another replica has
        used the budget for cannot hold up a PR's labels."""
        return self._client(int(installation_id), "search")

    def _client(self, installation_id: int, kind: str) -> Github:
        source = self._token(installation_id)
        mine = self._local.__dict__.setdefault("clients", OrderedDict())
        key = (installation_id, kind)
        cached = mine.get(key)
        if cached is None or cached[0] is not source:
            wait = self.settings.search_max_wait if kind == "search" else None
            cached = mine[key] = (source, Github(auth=self._auth(source), lazy=True,
                                                 **self._options(wait)))
        mine.move_to_end(key)
        while len(mine) > self.settings.max_installations:
            mine.popitem(last=False)[1][1].close()
        return cached[1]

    def _auth(self, source) -> Auth.Auth | None:
        return _SharedTokenAuth(source)

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


class TokenClients(GitHubClients):
    """Clients that call GitHub with one person's token (``sieve fetch``), or anonymously when
    there is none: the App's retries, caches and per-thread clients, without the App."""

    def __init__(self, token: str | None, *, settings: ClientSettings = ClientSettings(),
                 on_request: OnRequest | None = None, on_retry: OnRetry | None = None) -> None:
        super().__init__("personal-token", None, settings=settings, on_request=on_request, on_retry=on_retry)
        self._personal = Auth.Token(token) if token else None

    def _token(self, installation_id: int):
        return self  # one token for every "installation": the person's

    def _auth(self, source) -> Auth.Auth | None:
        return self._personal

    def forget(self, installation_id: int) -> None:
        pass  # a person's token is not refreshed: a 401 stays a 401
