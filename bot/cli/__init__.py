"""The ``sieve`` command line. Each sub-command lives in its own module with a ``register``."""

from __future__ import annotations

import importlib
import os
import sys

import typer
from rich.console import Console
from typer.core import TyperGroup

# Modules under bot.cli that each define ``register(app: typer.Typer) -> None``.
COMMAND_MODULES = ("score", "report", "train", "evaluate", "serve", "demo", "deliveries", "decisions", "checkconfig", "fetch")
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell tool killed by the signal gives


class _Commands(TyperGroup):
    """The ``sieve`` group. A reader that stops early (``sieve score --json | head -1``) ends the
    command quietly with 141: click's own handling exits 1, which ``sieve score`` means as 'high'."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _stdout_to_devnull()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None


def _stdout_to_devnull() -> None:
    """So that the interpreter's last flush does not fail again (the Python docs' note on SIGPIPE)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (a test runner)
        pass


class PipeConsole(Console):
    """A rich console whose broken pipe is a ``BrokenPipeError`` for ``_Commands`` (rich's own
    handling exits 1). It writes standard output through ``WholeWrites``."""

    def __init__(self, **kwargs) -> None:
        super().__init__(file=kwargs.pop("file", None) or WholeWrites(sys.stdout), **kwargs)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError("stdout closed")


class WholeWrites:
    """``stream`` whose every write goes out whole or raises. A pipe whose reader leaves during a
    large write (``sieve score many.jsonl | head -1``) takes part of it; the text layer drops the
    rest without an error, so a table written in one piece ended with the band's exit code and
    nothing on stderr. Writing the rest raises the ``BrokenPipeError`` the reader's exit means."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        raw = getattr(self._stream, "buffer", None)
        if raw is None:  # a stream without a byte layer (a test's StringIO) does not write in part
            return self._stream.write(text)
        self._stream.flush()  # whatever the text layer holds goes first
        rest = memoryview(text.encode(self._stream.encoding or "utf-8", self._stream.errors or "strict"))
        while rest:
            taken = raw.write(rest)
            if not taken:  # nothing taken (a non-blocking stream): leave it to the stream's flush
                break
            rest = rest[taken:]
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str):  # isatty, fileno, encoding: the stream's own
        return getattr(self._stream, name)


def build_app() -> typer.Typer:
    app = typer.Typer(help="PR Sieve: triage low-effort, AI-generated pull requests.",
                      no_args_is_help=True, add_completion=False, cls=_Commands)
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
