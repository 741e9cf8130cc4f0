"""``sieve score``: score a GitHub JSON bundle, a JSONL file of records, or a local git range.

Exit code: 0 low, 1 high, 2 medium (for many records: the worst band), 3 when nothing could
be scored (unreadable input, no model) or when any record could not be read or scored, 141 when
the reader of the output stopped early (``| head``). A malformed JSONL line gets one line on
stderr naming ``file:line``; the other records are still scored and printed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli import PipeConsole
from bot.cli.score_inputs import file_inputs, print_skipped, stdin_bytes, stdin_inputs
from bot.loaders import LoadError
from bot.result import Result

EXIT_BY_BAND = {"low": 0, "high": 1, "medium": 2}
EXIT_ERROR = 3
SEVERITY = {"low": 0, "medium": 1, "high": 2}
NO_INPUT = "give a bundle .json file, a .jsonl file, - for standard input, or --git RANGE"
NOT_OPENED = "--title and --body-file describe a PR not yet opened: use them with --git RANGE"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"sieve score: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


class Skipped:
    """An error sink that prints each record's line on stderr (``sieve COMMAND: ...``) and keeps
    it, so that the exit code can say some input was left out."""

    def __init__(self, command: str = "score") -> None:
        self.command = command
        self.seen: list[LoadError] = []

    def __call__(self, error: LoadError) -> None:
        self.seen.append(error)
        typer.echo(f"sieve {self.command}: {error}", err=True)


def read_description(body_file: Path) -> str:
    """The draft description in ``body_file`` (``-``: standard input); a leading BOM is dropped."""
    try:
        data = stdin_bytes() if str(body_file) == "-" else body_file.read_bytes()
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"{body_file}: cannot read the description ({exc.__class__.__name__})") from None


def one_input(path: Path | None, git_range: str | None, title: str | None = None,
              body_file: Path | None = None) -> None:
    """Usage errors (exit 2): no input, a file and ``--git`` together (one would be ignored), or
    ``--title``/``--body-file`` without ``--git``."""
    if path is not None and git_range:
        raise typer.BadParameter("give a FILE or --git RANGE, not both", param_hint="--git")
    if path is None and not git_range:
        raise typer.BadParameter(NO_INPUT, param_hint="PATH")
    if not git_range and (title is not None or body_file is not None):
        raise typer.BadParameter(NOT_OPENED, param_hint="--title/--body-file")


def load_inputs(path: Path | None, git_range: str | None, repo: Path, title: str | None = None,
                body_file: Path | None = None, on_error=print_skipped) -> list[tuple[str, object]]:
    """``[(reference, snapshot)]`` from the one input given; raises ``LoadError`` on bad input.
    A JSONL record that cannot be read goes to ``on_error`` and the others are kept."""
    if git_range:
        from bot.loaders.git_range import snapshot_from_git

        description = read_description(body_file) if body_file is not None else None
        return [(git_range, snapshot_from_git(repo, git_range, title=title, description=description))]
    if title is not None or body_file is not None:
        raise LoadError(NOT_OPENED)
    if path is None:
        raise LoadError(NO_INPUT)
    if str(path) == "-":
        return stdin_inputs(stdin_bytes(), on_error)  # bytes: a bad byte is named, not a crash
    return file_inputs(path, on_error)


def _signals_text(result: Result, limit: int = 3) -> str:
    fired = sorted(result.fired, key=lambda h: -h.value)[:limit]
    return ", ".join(f"{h.name} ({h.value:.2f})" for h in fired) or "–"


def print_table(scored: list[tuple[str, Result]], console: Console) -> None:
    table = Table(title="PR Sieve")
    for column in ("PR", "score", "band", "probability", "confidence", "signals"):  # names wrap, never cut
        numeric = column in ("score", "probability", "confidence")
        table.add_column(column, justify="right" if numeric else "left", no_wrap=numeric or column == "band",
                         overflow="fold")
    colour = {"low": "green", "medium": "yellow", "high": "red"}
    for ref, r in scored:
        table.add_row(Text(ref), str(r.score), Text(r.band, style=colour[r.band]), f"{r.probability:.3f}",
                      f"{r.confidence:.2f}", Text(_signals_text(r)))  # file names and PR text: never markup
    console.print(table)
    if len(scored) == 1:
        _print_details(scored[0][1], console)


def _print_details(result: Result, console: Console) -> None:
    for hit in result.fired:
        console.print(Text.assemble("  ", (hit.name, "bold"), f" ({hit.kind}, {hit.value:.2f}): {hit.evidence}"))
    for note in result.notes:
        console.print(f"  note: {note}", highlight=False, markup=False)
    if result.band != "low" and not any(h.kind == "effort" for h in result.fired):
        from bot.app.render import render  # the same words as the check run's

        console.print(f"  note: {render('_model_only.md.j2').strip()}", highlight=False, markup=False)
    for ask in _asks(result):
        console.print(f"  to do: {ask}", highlight=False, markup=False)
    console.print(f"  model {result.model_version}", highlight=False, markup=False)


def _asks(result: Result) -> list[str]:
    """What the PR comment would ask the author to fix (the same words, strongest signal first)."""
    from bot.app.render import ask_texts

    return ask_texts(sorted((h for h in result.fired if h.kind == "effort"), key=lambda h: -h.value))


def well_formed(value):
    """``value`` (a string, or lists and dicts of them) with each lone surrogate as U+FFFD. A file
    name that is not UTF-8 reaches Python as ``pr\\udcffs.jsonl``; JSON written with it carries
    ``"\\udcff"``, which strict parsers refuse, and matplotlib cannot draw it."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {well_formed(k): well_formed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [well_formed(v) for v in value]
    return value


def print_json(scored: list[tuple[str, Result]], snapshots: dict | None = None) -> None:
    """One JSON object a line, one line per PR (the fields are in README.md); ``snapshots`` by
    reference give each line the PR's repository and number (``null`` when the input has none)."""
    for ref, result in scored:
        snapshot = (snapshots or {}).get(ref)
        number = getattr(snapshot, "number", None)
        pr = {"repo": getattr(snapshot, "repo", None) or None,
              "number": number if isinstance(number, int) and not isinstance(number, bool) else None}
        typer.echo(json.dumps(well_formed({"ref": ref, **pr, **result.to_dict()})))


def worst_band(results: list[Result]) -> str:
    return max((r.band for r in results), key=SEVERITY.__getitem__, default="low")


def score_command(
    path: Annotated[Optional[Path], typer.Argument(
        help="GitHub JSON bundle or pulls/get response (.json), JSONL records (.jsonl), or - for stdin.")] = None,
    git: Annotated[Optional[str], typer.Option("--git", help="Score a local git range, e.g. main..HEAD.")] = None,
    repo: Annotated[Path, typer.Option("--repo", help="Repository for --git (default: current directory).")] = Path("."),
    title: Annotated[Optional[str], typer.Option(
        "--title", help="With --git: the PR title you will use (default: the oldest commit's subject).")] = None,
    body_file: Annotated[Optional[Path], typer.Option(
        "--body-file", help="With --git: the PR description you will submit, from a file or - for stdin; "
        "the repository's PR template is then read from the base revision.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (JSON lines for many records).")] = False,
    model: Annotated[Optional[Path], typer.Option("--model", help="Model file (default: the shipped model).")] = None,
) -> None:
    """Score pull requests for low-effort, AI-generated signatures (exit 0 low, 1 high, 2 medium, 3 error)."""
    from bot.cli.batch import score_all
    from bot.model.persist import ModelMismatchError
    from bot.scoring import ScoreConfig

    one_input(path, git, title, body_file)
    skipped = Skipped()
    try:
        inputs = load_inputs(path, git, repo, title, body_file, on_error=skipped)
    except LoadError as exc:
        raise _fail(str(exc)) from None
    if not inputs:
        raise _fail(f"{path or git}: no record could be read")
    try:
        scored = score_all(inputs, ScoreConfig(model_path=str(model) if model else None), skipped)
    except ModelMismatchError as exc:
        raise _fail(str(exc)) from None
    if not scored:
        raise _fail(f"{path or git}: no record could be scored")
    results = [result for _, result in scored]
    if as_json:
        print_json(scored, dict(inputs))
    else:
        print_table(scored, PipeConsole())
    # a band for the records scored would read as the whole input's
    raise typer.Exit(EXIT_ERROR if skipped.seen else EXIT_BY_BAND[worst_band(results)])


def register(app: typer.Typer) -> None:
    app.command("score")(score_command)
