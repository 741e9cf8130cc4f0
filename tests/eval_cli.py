"""``sieve eval`` as a Typer app of its own, and JSONL input files, for the CLI's tests."""

from __future__ import annotations

import json

import typer

from bot.cli import evaluate


def eval_app() -> typer.Typer:
    app = typer.Typer()
    app.callback()(lambda: None)  # keep "eval" a sub-command, as in the real CLI
    evaluate.register(app)
    return app


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path
