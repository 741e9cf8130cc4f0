"""``sieve decisions``: what the App decided (or, in shadow mode, would have done) on each PR.

Shadow mode exists so a project can watch PR Sieve before it acts; this is where that watching
happens. Each row is one scoring: when, which PR and commit, score and band, whether it was in
shadow mode, the actions it took or would have taken, and the maintainer decision in force on
that PR now. The last line counts the latest band per PR and the overrides among them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli import database

_ACTION_CHARS = 60


def _override_text(override) -> str:
    return f"{override.kind} by {override.actor}" if override else ""


def _table(rows, overrides: dict) -> Table:
    table = Table("at (UTC)", "PR", "commit", "score", "band", "shadow", "actions (intended)", "override now")
    for d in rows:
        actions = ", ".join(d.actions) or "none"
        cells = (d.at.strftime("%Y-%m-%d %H:%M:%S"), f"{d.repo}#{d.number}", d.head_sha[:7], str(d.score),
                 d.band, "yes" if d.shadow else "no",
                 actions[:_ACTION_CHARS] + ("…" if len(actions) > _ACTION_CHARS else ""),
                 _override_text(overrides.get((d.repo, d.number))))
        table.add_row(*(Text(cell) for cell in cells))  # stored text, never rich markup
    return table


def summary(rows, overrides: dict) -> str:
    """The latest band of each PR among ``rows`` (newest first), and the overrides in force."""
    latest = {}
    for d in rows:
        latest.setdefault((d.repo, d.number), d.band)
    bands = Counter(latest.values())
    kept = sum(1 for key in latest if overrides.get(key))
    shown = ", ".join(f"{band} {bands[band]}" for band in ("high", "medium", "low") if bands[band])
    return f"{len(rows)} decisions on {len(latest)} PRs; latest band: {shown or 'none'}; overridden now: {kept}"


def _as_json(rows, overrides: dict) -> str:
    return json.dumps([{"at": d.at.isoformat(), "repo": d.repo, "number": d.number, "head_sha": d.head_sha,
                        "score": d.score, "band": d.band, "shadow": d.shadow, "actions": list(d.actions),
                        "model_version": d.model_version,
                        "override": _override_text(overrides.get((d.repo, d.number))) or None}
                       for d in rows], indent=1)


def decisions_command(
    ctx: typer.Context,
    repo: Annotated[Optional[str], typer.Option(help="Only this repository (owner/name).")] = None,  # noqa: UP007
    number: Annotated[Optional[int], typer.Option(help="Only this PR number (with --repo).")] = None,  # noqa: UP007
    shadow_only: Annotated[bool, typer.Option("--shadow-only", help="Only decisions made in shadow mode.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Read at most this many, newest first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array instead of the table.")] = False,
) -> None:
    """List recorded decisions, newest first, with the maintainer override in force on each PR."""
    if ctx.invoked_subcommand is not None:
        return
    if number is not None and repo is None:
        raise database.fail("decisions", "--number needs --repo")
    state = _state()
    rows = state.decisions(repo, number, limit=limit, shadow=True if shadow_only else None)
    overrides = {key: state.get_override(*key) for key in {(d.repo, d.number) for d in rows}}
    if as_json:
        typer.echo(_as_json(rows, overrides))
        return
    console = Console()
    console.print(_table(rows, overrides))
    console.print(summary(rows, overrides), markup=False, highlight=False)


def purge_command(days: Annotated[Optional[float], typer.Option(  # noqa: UP007 - typer needs Optional
        min=0, show_default=False, help="Delete decisions made more than this many days ago, at most 36500 "
        "(default: SIEVE_DECISION_RETENTION_DAYS, 90; each PR's newest, and the one that posted its comment, stay).")
        ] = None) -> None:
    """Delete old decisions now, as the server does hourly (SIEVE_DECISION_RETENTION_DAYS)."""
    days = database.purge_days("decisions", days, "decision_retention_days", "decisions")
    if days is not None:
        typer.echo(f"{_state().purge_decisions(days)} decisions deleted")


def _state():
    from bot.store import SqlStateStore

    return SqlStateStore(database.engine("decisions"))


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="What the App decided on each PR (or, in shadow mode, would have done).",
                        invoke_without_command=True)
    group.callback()(decisions_command)
    group.command("purge")(purge_command)
    app.add_typer(group, name="decisions")
