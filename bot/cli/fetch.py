"""``sieve fetch``: export a repository's pull requests for the offline commands.

Writes one REST bundle per line (``{"pull", "files", "commits", "pr_template"}``, the shape
``bot.loaders.github_json`` reads), so ``sieve score``, ``sieve report`` and ``sieve eval --data``
can read a live repository's PRs without the App. Each PR is read as the App reads it
(``bot.github.export``), with the template its author was shown (``bot.app.prtemplate``).

The token comes from ``GITHUB_TOKEN`` or ``GH_TOKEN`` (never from the command line, where other
users of the machine could read it); without one GitHub is read anonymously. A PR that cannot be
read gets one error line naming it and the rest are still written (exit 3); bad credentials or
an exhausted rate limit stop the run (exit 3). ``--out FILE`` is written beside FILE and moved
over it only when the run has read every PR, so a run that stops or misses a PR leaves an earlier
export as it was; what it wrote is kept in ``FILE.partial``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Optional, TextIO
from urllib.parse import urlsplit

import typer

from bot.cli.score import EXIT_ERROR

TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")
REPO_NAME = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


class _Stop(Exception):
    """A failure every later request would share (bad credentials, no rate limit left)."""


def fetch_command(
    repo: Annotated[str, typer.Argument(help="OWNER/REPO on GitHub.")],
    numbers: Annotated[Optional[list[int]], typer.Argument(
        help="PR numbers (default: the newest PRs in --state).", show_default=False)] = None,
    state: Annotated[str, typer.Option(help="Which PRs without NUMBERS: open, closed or all.")] = "open",
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many PRs without NUMBERS.")] = 30,
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file to write, or - for stdout.")] = Path("-"),
    template: Annotated[bool, typer.Option(help="Look up the PR template each author was shown.")] = True,
    api_url: Annotated[str, typer.Option(envvar="SIEVE_GITHUB_API_URL", help="GitHub REST API base URL "
                                         "(https://HOST/api/v3 for GitHub Enterprise Server).")] = "https://api.github.com",
) -> None:
    """Export a repository's pull requests as JSONL for sieve score, report and eval --data."""
    from bot.github.export import PullExporter

    _check_arguments(repo, state, api_url)
    token = next((os.environ[v] for v in TOKEN_VARIABLES if os.environ.get(v)), None)
    if token is None:
        _note("no GITHUB_TOKEN or GH_TOKEN: reading anonymously (GitHub allows 60 requests an hour)")
    exporter = PullExporter.for_token(token, base_url=api_url)
    _check_out(out)
    wanted = list(numbers) if numbers else _newest(exporter, repo, state, limit)
    if _in_place(out):
        with _opened(out) as sink:
            written, failed, _ = _export(exporter, repo, wanted, sink, template)
        where = " to stdout" if str(out) == "-" else f" to {out}"
    else:
        written, failed, where = _export_to_file(exporter, repo, wanted, out, template)
    _note(f"wrote {written} of {len(wanted)} PRs of {repo}{where}")
    if failed:
        raise typer.Exit(EXIT_ERROR)


def _check_arguments(repo: str, state: str, api_url: str) -> None:
    from bot.github.export import STATES

    if not REPO_NAME.fullmatch(repo):
        raise typer.BadParameter(f"{repo!r} is not OWNER/REPO", param_hint="REPO")
    if state not in STATES:
        raise typer.BadParameter(f"{state!r} is not one of {', '.join(STATES)}", param_hint="--state")
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise typer.BadParameter(f"{api_url!r} is not an http(s) URL", param_hint="--api-url")


def _newest(exporter, repo: str, state: str, limit: int) -> list[int]:
    from bot.ports import GitHubError
    try:
        return exporter.numbers(repo, state, limit)
    except GitHubError as exc:
        _note(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None


def _export(exporter, repo: str, numbers: list[int], sink: TextIO, template: bool) -> tuple[int, int, bool]:
    """``(written, not written, stopped)``."""
    written = 0
    for number in numbers:
        try:
            bundle = _bundle(exporter, repo, number, template)
        except _Stop as exc:
            _note(f"error: {exc}; stopped after {written} PRs")
            return written, len(numbers) - written, True
        if bundle is not None:
            sink.write(json.dumps(bundle) + "\n")  # ASCII: a lone surrogate in a PR's text stays writable
            sink.flush()
            written += 1
    return written, len(numbers) - written, False


def _export_to_file(exporter, repo: str, numbers: list[int], out: Path, template: bool) -> tuple[int, int, str]:
    """``_export`` into a new file beside ``out``, moved over ``out`` only when every PR was read: a
    run that stops (bad credentials, the rate limit, Ctrl-C) or misses a PR (a 404, no connection)
    never empties or shortens an earlier export, and what it wrote is kept in ``OUT.partial``. Returns ``(written, not written, " to FILE")``: where
    they went, for the closing line."""
    temporary = _temporary(out)
    try:
        with temporary.open("w", encoding="utf-8") as sink:
            written, failed, stopped = _export(exporter, repo, numbers, sink, template)
    except BaseException:  # Ctrl-C, or a bug: still nothing lost
        kept, unchanged = _set_aside(temporary, out)
        _note(f"stopped early{f': what was written is in {kept}' if kept else ''}; {unchanged}")
        raise
    if stopped or failed:  # a PR not read (404, no connection) would drop out of an earlier, whole export
        kept, unchanged = _set_aside(temporary, out)
        return written, failed, f"{f' to {kept}' if kept else ''}; {unchanged}"
    try:
        os.replace(temporary, out)
    except OSError as exc:
        _note(f"error: cannot write {out}: {exc.strerror or exc}; the PRs are in {temporary}")
        raise typer.Exit(EXIT_ERROR) from None
    return written, failed, f" to {out}"


def _temporary(out: Path) -> Path:
    """A new, empty file beside ``out`` (same file system, so the final move is atomic), with
    ``out``'s permissions when it exists."""
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        temporary.open("w", encoding="utf-8").close()
        if out.exists():
            shutil.copymode(out, temporary)
    except OSError as exc:
        _note(f"error: cannot write {out}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ERROR) from None
    return temporary


def _set_aside(temporary: Path, out: Path) -> tuple[str | None, str]:
    """After a stop or a PR not read: what was written moves to ``OUT.partial`` and ``out`` is not touched.
    Returns the file now holding the PRs written (None: there were none) and what became of ``out``."""
    partial = out.with_name(out.name + ".partial")
    unchanged = f"{out} was left as it was" if out.exists() else f"{out} was not created"
    try:
        if temporary.stat().st_size == 0:
            temporary.unlink()
            return None, unchanged
        os.replace(temporary, partial)
    except OSError as exc:
        return f"{temporary} (not moved to {partial}: {exc.strerror or exc})", unchanged
    return str(partial), unchanged


def _bundle(exporter, repo: str, number: int, template: bool) -> dict | None:
    """The PR's bundle; None (after an error line) when GitHub would not give it."""
    bundle = _guarded(lambda: exporter.bundle(repo, number), f"{repo}#{number} not written")
    if bundle is not None and template:
        found = _guarded(lambda: _template(exporter, repo, bundle), f"{repo}#{number} written without its PR template")
        if found:
            bundle["pr_template"] = found
    return bundle


def _template(exporter, repo: str, bundle: dict) -> str | None:
    from bot.app import prtemplate
    return prtemplate.find(exporter, repo, bundle["pull"].get("body") or "")


def _guarded(read, what: str):
    from bot.ports import GitHubError
    try:
        return read()
    except GitHubError as exc:
        if exc.status == 401 or exc.retry_after is not None:
            raise _Stop(str(exc)) from None
        _note(f"error: {what}: {exc}")
        return None


def _check_out(out: Path) -> None:
    """A directory as ``--out`` is refused before anything is read (it would fail only at the end)."""
    if str(out) != "-" and out.is_dir():
        _note(f"error: cannot write {out}: is a directory")
        raise typer.Exit(EXIT_ERROR)


def _in_place(out: Path) -> bool:
    """Standard output, or a path that is not a regular file (``-o /dev/stdout``, ``-o >(gzip > x)``):
    written as it goes, since there is no earlier export to keep and nothing to move over it."""
    return str(out) == "-" or (out.exists() and not out.is_file())


def _opened(out: Path):
    if str(out) == "-":
        return nullcontext(sys.stdout)
    try:
        return out.open("w", encoding="utf-8")
    except OSError as exc:
        _note(f"error: cannot write {out}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ERROR) from None


def _note(message: str) -> None:
    typer.echo(f"sieve fetch: {message}", err=True)


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch_command)
