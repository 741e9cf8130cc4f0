"""The App's database for the operator commands (``sieve deliveries``, ``sieve decisions``)."""

from __future__ import annotations

import typer


def fail(prog: str, message: str) -> typer.Exit:
    typer.echo(f"sieve {prog}: {message}", err=True)
    return typer.Exit(2)


def setting(prog: str, name: str):
    """One App setting as the server reads it (environment, ``.env``), or a one-line error and exit 2."""
    from bot.settings import SettingsError, load_settings

    try:
        return getattr(load_settings(), name)
    except SettingsError as exc:
        raise fail(prog, str(exc)) from None


def purge_days(prog: str, days: float | None, name: str, what: str) -> float | None:
    """``--days`` as given, else the retention setting ``name`` the server purges by; None (after
    saying so) when that setting is 0, which keeps everything: purging now must delete nothing.
    A ``--days`` past the longest retention, or not finite, is a one-line error and exit 2 (it
    overflowed the cutoff's date arithmetic)."""
    from bot.settings import MAX_RETENTION_DAYS

    if days is not None:
        if not 0 <= days <= MAX_RETENTION_DAYS:
            raise fail(prog, f"--days {days:.15g} is not a number of days from 0 to {MAX_RETENTION_DAYS}")
        return days
    days = setting(prog, name)
    if not days:
        typer.echo(f"0 {what} deleted (SIEVE_{name.upper()} is 0: everything is kept; give --days to delete anyway)")
        return None
    return days


def engine(prog: str):
    """The engine for ``SIEVE_DATABASE_URL`` as it is (never created, never migrated: the server
    does that), or a one-line error and exit 2."""
    from sqlalchemy.exc import OperationalError

    from bot.settings import SettingsError, load_settings
    from bot.store import open_existing

    try:
        settings = load_settings()
    except SettingsError as exc:
        raise fail(prog, str(exc)) from None
    try:
        return open_existing(settings.database_url)
    except OperationalError as exc:  # missing, unreachable, damaged, older or newer than this release: say why
        raise fail(prog, f"cannot open {where(settings.database_url)}: {str(exc.orig).splitlines()[0]}") from None
    except Exception as exc:  # noqa: BLE001 - any other driver error becomes one line
        raise fail(prog, f"cannot open {where(settings.database_url)}: {type(exc).__name__}") from None


def where(database_url: str) -> str:
    """The database a URL names, for an error: host, port and name, never a user, a password or the
    query string (``?password=...`` is a password too)."""
    return database_url.split("?", 1)[0].split("@")[-1]
