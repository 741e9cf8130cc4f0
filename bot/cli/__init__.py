"""The ``sieve`` command line. Each sub-command lives in its own module with a ``register``."""

from __future__ import annotations

import importlib
import sys

import typer

# Modules under bot.cli that each define ``register(app: typer.Typer) -> None``.
COMMAND_MODULES = ("score", "report", "train", "evaluate", "serve", "demo", "deliveries", "decisions", "checkconfig", "fetch")


def build_app() -> typer.Typer:
    app = typer.Typer(help="PR Sieve: triage low-effort, AI-generated pull requests.",
                      no_args_is_help=True, add_completion=False)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"bot.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bot.cli.{name}":
                raise
            continue
        module.register(app)
    return app


def _tolerant_streams() -> None:
    """A terminal that cannot show a character (``PYTHONIOENCODING=latin-1``, a legacy code page)
    gets ``?`` for it instead of a UnicodeEncodeError that loses the output and the exit code."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or unusual stream: leave it as it is
                pass


def main() -> None:
    _tolerant_streams()
    build_app()()
