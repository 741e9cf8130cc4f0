"""``sieve deliveries``: inspect stored webhook deliveries and send failed ones back to work."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from bot.cli import database
from bot.store import DeliveryStore
from bot.store.models import STATUSES

_ERROR_CHARS = 80


def _fail(message: str) -> typer.Exit:
    return database.fail("deliveries", message)


def _store() -> DeliveryStore:
    return DeliveryStore(database.engine("deliveries"))


def _table(rows) -> Table:
    # the id whole, whatever the width (a pipe gets 80 columns): `sieve deliveries retry ID` takes it
    whole = Column("delivery", no_wrap=True, min_width=max((len(d.delivery_id) for d in rows), default=8))
    status = Column("status", no_wrap=True, min_width=max(map(len, STATUSES)))  # and `| grep failed`
    table = Table(whole, "event/action", "repo", status, "attempts", "received (UTC)", "result / last error")
    for d in rows:
        where = f"{d.repo}#{d.number}" if d.number is not None else (d.repo or "")
        note = d.result if d.status in ("done", "ignored") and d.result else d.last_error
        error = (note or "").replace("\n", " ")
        cells = (d.delivery_id, f"{d.event}/{d.action or '-'}", where, d.status,
                 str(d.attempts), d.received_at.strftime("%Y-%m-%d %H:%M:%S"),
                 error[:_ERROR_CHARS] + ("…" if len(error) > _ERROR_CHARS else ""))
        table.add_row(*(Text(cell) for cell in cells))  # stored text, never rich markup
    return table


def _utc(at):
    """Stored times are naive UTC; written with their offset, as ``sieve decisions --json`` does."""
    return None if at is None else at.replace(tzinfo=UTC).isoformat()


def _as_json(rows) -> str:
    return json.dumps([{"delivery_id": d.delivery_id, "event": d.event, "action": d.action, "repo": d.repo,
                        "number": d.number, "status": d.status, "attempts": d.attempts,
                        "received_at": _utc(d.received_at), "finished_at": _utc(d.finished_at),
                        "last_error": d.last_error, "result": d.result} for d in rows], indent=1)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Inspect and retry stored webhook deliveries.",
                        invoke_without_command=True)

    @group.callback()
    def listing(
        ctx: typer.Context,
        status: Annotated[Optional[str], typer.Option(  # noqa: UP007 - typer needs Optional
            help=f"Only deliveries with this status ({', '.join(STATUSES)}).")] = None,
        limit: Annotated[int, typer.Option(min=1, help="Show at most this many, newest first.")
                         ] = 50,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON array instead of the table.")] = False,
    ) -> None:
        """List deliveries newest first (id, event/action, repo, status, attempts, error)."""
        if ctx.invoked_subcommand is not None:
            return
        if status is not None and status not in STATUSES:
            raise _fail(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        store = _store()
        rows = store.list(status=status, limit=limit)
        if as_json:
            typer.echo(_as_json(rows))
            return
        counts = store.counts()
        console = Console()
        console.print(_table(rows))
        console.print(", ".join(f"{k}: {counts.get(k, 0)}" for k in STATUSES))

    @group.command("retry")
    def retry(
        delivery_id: Annotated[Optional[str], typer.Argument(  # noqa: UP007
            help="The X-GitHub-Delivery id to process again.")] = None,
        all_failed: Annotated[bool, typer.Option(
            "--all-failed", help="Send every failed delivery back to pending.")] = False,
    ) -> None:
        """Put a delivery (or all failed ones) back to pending with attempts reset."""
        if (delivery_id is None) == (not all_failed):
            raise _fail("give either a delivery id or --all-failed")
        store = _store()
        if all_failed:
            typer.echo(f"{store.retry_all_failed()} failed deliveries back to pending")
            return
        if not store.retry(delivery_id):
            known = store.get(delivery_id)
            raise _fail(f"{delivery_id}: no such delivery" if known is None
                        else f"{delivery_id} is being processed right now")
        typer.echo(f"{delivery_id} back to pending")

    @group.command("show")
    def show(
        delivery_id: Annotated[str, typer.Argument(help="The X-GitHub-Delivery id.")],
        payload: Annotated[bool, typer.Option("--payload", help="Also print the payload JSON.")
                           ] = False,
    ) -> None:
        """Every stored field of one delivery, with its full error."""
        found = _store().get(delivery_id, with_payload=payload)
        if found is None:
            raise _fail(f"{delivery_id}: no such delivery")
        for name, value in vars(found).items():
            if name != "payload":
                typer.echo(f"{name}: {'' if value is None else value}")
        if payload:
            typer.echo(found.payload)

    @group.command("purge")
    def purge(days: Annotated[Optional[float], typer.Option(  # noqa: UP007 - typer needs Optional
            min=0, show_default=False, help="Delete done/ignored deliveries finished more than this many "
            "days ago (default: SIEVE_RETENTION_DAYS, 14); pull request and comment ones an hour later, "
            "and never before 3 days and 2 hours, so their replays are still refused. At most 36500.")] = None) -> None:
        """Delete old done and ignored deliveries now, as the server does hourly (SIEVE_RETENTION_DAYS)."""
        days = database.purge_days("deliveries", days, "retention_days", "deliveries")
        if days is not None:
            typer.echo(f"{_store().purge(days)} deliveries deleted")

    app.add_typer(group, name="deliveries")
