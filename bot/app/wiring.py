"""Production wiring: settings → GitHub adapter factory, handler, state store, worker pool.

Imports of the handlers and of the PyGithub adapter happen inside functions, so importing
this module (or the server) loads neither.
"""

from __future__ import annotations

import gc
import importlib
import logging
import signal
import threading

from sqlalchemy import Engine

from bot.app.worker import Accepts, GitHubFactory, Handler, RetryPolicy, Worker, WorkerPool
from bot.settings import Settings, SettingsError
from bot.store import DeliveryStore, SqlStateStore, init_db
from bot.store.notify import start_listener

log = logging.getLogger(__name__)

# Used when bot.app.dispatch does not publish its own HANDLED map (None = every action).
DEFAULT_HANDLED: dict[str, set[str] | None] = {
    "pull_request": None, "issue_comment": None,
    "installation": None, "installation_repositories": None,
}


def handled_events() -> dict[str, set[str] | None]:
    """event → actions the handlers act on, from ``bot.app.dispatch.HANDLED`` when it exists."""
    try:
        dispatch = importlib.import_module("bot.app.dispatch")
    except ModuleNotFoundError as exc:
        if exc.name != "bot.app.dispatch":
            raise
        return dict(DEFAULT_HANDLED)
    handled = getattr(dispatch, "HANDLED", None)
    return {event: (set(actions) if actions else None) for event, actions in handled.items()} \
        if handled else dict(DEFAULT_HANDLED)


def accepts(handled: dict[str, set[str] | None]) -> Accepts:
    """The (event, action) predicate for a handled map; None or empty = every action."""
    def _accepts(event: str, action: str | None) -> bool:
        if event not in handled:
            return False
        actions = handled[event]
        return not actions or action in actions
    return _accepts


def default_handler() -> Handler:
    """The real handlers. The shipped model is loaded now, when the workers are built, so a
    missing or mismatched model stops start-up with one clear line instead of failing every
    delivery, and the first PR does not pay for the load."""
    from bot.app.dispatch import handle

    check_model()
    return handle


def check_model(keep: bool = True) -> None:
    """Load the shipped model now; ``SettingsError`` (one line) if it is missing or mismatched.
    ``keep=False`` only checks: a server whose workers run in another process needs no model."""
    from bot import scoring
    from bot.model.persist import ModelMismatchError, load_model

    try:
        scoring.warm_up() if keep else load_model(None)
    except ModelMismatchError as exc:
        raise SettingsError(f"cannot load the model: {exc}") from None


def github_factory_from_settings(settings: Settings) -> GitHubFactory:
    """Installation-scoped PyGithub adapters (``bot.github``) with cached tokens."""
    if settings.app_id is None:
        raise SettingsError("SIEVE_APP_ID is required to call GitHub")
    key = settings.private_key_pem()
    if not key:
        raise SettingsError("SIEVE_PRIVATE_KEY or SIEVE_PRIVATE_KEY_PATH is required")
    if "-----BEGIN" not in key:
        raise SettingsError("the App private key is not a PEM key (-----BEGIN ... PRIVATE KEY)")
    from bot.github import make_github_factory
    return make_github_factory(app_id=settings.app_id, private_key=key,
                               base_url=settings.github_api_url,
                               file_cache_seconds=settings.config_cache_seconds,
                               template_cache_seconds=settings.template_cache_seconds)


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(max_attempts=settings.max_attempts, max_rate_limited_attempts=settings.max_rate_limited_attempts,
                       backoff_base=settings.backoff_base,
                       backoff_cap=settings.backoff_cap, lease_seconds=settings.lease_seconds,
                       max_handling_seconds=settings.max_handling_seconds)


def build_worker_pool(settings: Settings, engine: Engine, *,
                      github_factory: GitHubFactory | None = None,
                      handler: Handler | None = None) -> WorkerPool:
    """A pool of ``settings.workers`` threads processing the deliveries stored in ``engine``."""
    github_factory = github_factory or github_factory_from_settings(settings)
    handler = handler or default_handler()
    store, state = DeliveryStore(engine), SqlStateStore(engine)
    policy, predicate = retry_policy(settings), accepts(handled_events())

    def make_worker(_index: int) -> Worker:
        return Worker(store, handler, github_factory, state, policy=policy,
                      shadow=settings.shadow, accepts=predicate, help_url=settings.help_url())

    return WorkerPool(make_worker, max(1, settings.workers), settings.poll_interval,
                      housekeeping=housekeeping(settings, store, state),
                      listen=lambda wake, stop: start_listener(engine, wake, stop))


def housekeeping(settings: Settings, store: DeliveryStore, state: SqlStateStore):
    """The hourly purge: finished deliveries and old decisions, each after its retention (0: kept)."""
    jobs = [(days, job) for days, job in ((settings.retention_days, store.purge),
                                          (settings.decision_retention_days, state.purge_decisions)) if days]
    if not jobs:
        return None

    def run() -> None:
        for days, job in jobs:
            job(days)
    return run


def run_workers(settings: Settings, *, github_factory: GitHubFactory | None = None,
                handler: Handler | None = None, stop: threading.Event | None = None,
                parent_pipe=None) -> None:
    """Process deliveries in this process until SIGINT/SIGTERM (or ``stop``) — no HTTP.

    ``parent_pipe``: a binary stream from the server that started this process
    (``bot.app.worker_process``): each byte wakes the workers, its end stops them."""
    engine = init_db(settings.database_url)
    pool = build_worker_pool(settings, engine, github_factory=github_factory, handler=handler)
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
    gc.collect()
    gc.freeze()  # the loaded model and modules leave the GC's view: no long full collections
    pool.start()
    if parent_pipe is not None:
        from bot.app.worker_process import follow_parent
        follow_parent(pool.wake, stop, parent_pipe)
    try:
        stop.wait()
    finally:
        pool.stop()
        engine.dispose()
