"""``sieve check-config``: validate a repository's ``.github/sieve.yml`` before pushing it.

As Prow's ``checkconfig``: the file is read exactly as the App reads it (``bot.app.config``), a
broken file gets the one-line error the check run would show (exit 1), and a good one prints the
settings it gives, merged over the defaults (and over an organisation file, with ``--org``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def check_config_command(
    path: Annotated[Path, typer.Argument(help="The repository's config file.")] = Path(".github/sieve.yml"),
    org: Annotated[Optional[Path], typer.Option(
        "--org", help="The organisation's .github/sieve.yml, read first as the App does.")] = None,
) -> None:
    """Check a .github/sieve.yml as the App would read it; exit 1 with the error if it is broken."""
    from bot.app import config
    from bot.app.render import render

    layers = [(f"{config.ORG_REPO}:{org}", _read(org))] if org else []
    layers.append((str(path), _read(path)))
    loaded = config.build(layers)
    typer.echo(render("_settings.md.j2", settings=loaded, settings_title="Settings this gives").strip())
    if loaded.error:
        typer.echo(f"sieve check-config: {loaded.error}", err=True)
        raise typer.Exit(1)


def _read(path: Path) -> bytes:
    """The file's bytes, decoded by ``config.build`` as the App decodes them from GitHub: line
    endings as they are, and a file that is not UTF-8 gets the App's error (exit 1)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        typer.echo(f"sieve check-config: cannot read {path}: {exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    app.command("check-config")(check_config_command)
