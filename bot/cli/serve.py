"""``sieve serve``: the webhook server with its delivery workers (or workers alone)."""

from __future__ import annotations

import gc
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import OperationalError

from bot.settings import Settings, SettingsError, describe_settings, load_settings


def _fail(message: str) -> typer.Exit:
    typer.echo(f"sieve serve: {message}", err=True)
    return typer.Exit(2)


def print_settings() -> None:
    table = Table("variable", "default", "description", title="PR Sieve settings (env or .env)")
    for name, default, description in describe_settings():
        table.add_row(name, default, description)
    Console().print(table)


def _configure_logging(settings: Settings) -> None:
    from bot.obs.logging import configure_logging
    secrets = [s.get_secret_value() for s in (settings.webhook_secret, settings.private_key) if s]
    configure_logging(settings.log_level, secrets=[*secrets, *_db_passwords(settings)])


def _db_passwords(settings: Settings) -> list[str]:
    """The database password, in the URL's user part or its query string (``?password=...``)."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    query = url.query.get("password")
    return [p for p in (url.password, *(query if isinstance(query, tuple) else (query,))) if p]


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
        workers_only: Annotated[bool, typer.Option(
            "--workers-only", help="Process stored deliveries without serving HTTP.")] = False,
        parent_pipe: Annotated[bool, typer.Option(
            "--parent-pipe", hidden=True,
            help="With --workers-only: started by `sieve serve`; stdin wakes and stops it.")] = False,
        print_settings_: Annotated[bool, typer.Option(
            "--print-settings", help="List every SIEVE_* setting with its default and exit.")
        ] = False,
    ) -> None:
        """Run the GitHub App: webhook intake on /api/github/webhooks plus delivery workers."""
        if print_settings_:
            print_settings()
            return
        try:
            settings = load_settings()
            _configure_logging(settings)
            _run(settings, host, port, workers_only, parent_pipe)
        except SettingsError as exc:
            raise _fail(str(exc)) from None
        except OperationalError as exc:  # database unreachable or unwritable
            raise _fail(f"cannot open the database: {str(exc.orig).splitlines()[0]}") from None


def _run(settings: Settings, host: str, port: int, workers_only: bool, parent_pipe: bool) -> None:
    if workers_only:
        from bot.app.wiring import run_workers
        from bot.app.worker_process import lower_priority
        lower_priority(settings.worker_nice)
        if settings.metrics_port and not parent_pipe:  # a child's metrics go to its server
            from bot.obs.metrics import serve_metrics
            serve_metrics(settings.metrics_port)
        run_workers(settings, parent_pipe=sys.stdin.buffer if parent_pipe else None)
        return
    settings.require_webhook_secret()  # the first thing to fix, before the workers' settings
    workers = _worker_process(settings)  # before the server's imports: see bot.obs.multiproc
    import uvicorn

    from bot.app.server import create_app
    app = create_app(settings, workers=workers)
    gc.collect()
    gc.freeze()  # start-up objects (modules, a model) leave the GC's view: no long full pauses
    uvicorn.run(app, host=host, port=port, log_config=None, proxy_headers=True,
                timeout_graceful_shutdown=10)


def _worker_process(settings: Settings):
    """The child process running the workers, or None (threads in this process, or none)."""
    if settings.workers <= 0 or not settings.worker_process:
        return None
    from bot.obs import multiproc
    folder = multiproc.share_with_children()  # first: the child's metrics on our /metrics
    from bot.app.wiring import check_model, github_factory_from_settings
    from bot.app.worker_process import WorkerProcess
    github_factory_from_settings(settings)  # the child would refuse these settings: say so now,
    check_model(keep=False)  # and a missing or mismatched model, in one clear line, before serving
    return WorkerProcess(after_stop=lambda: multiproc.remove(folder))
