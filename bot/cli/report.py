"""``sieve report``: a Markdown triage report for many PRs (an export or a git range).

Same inputs as ``sieve score``; the PRs are ranked by score so a maintainer can read the
report as a queue. The text comes from ``templates/report.md.j2`` and untrusted titles are
neutralised by the same renderer the App uses for its comments.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from bot.cli.score import EXIT_ERROR, Skipped, load_inputs, one_input
from bot.loaders import LoadError

TOP_SIGNALS = 3
# owner/name; a segment of dots only (``../..``) is a path step in a URL, not a repository
_REPO = re.compile(r"^(?!\.+/)[A-Za-z0-9_.-]+/(?!\.+\Z)[A-Za-z0-9_.-]+\Z")  # \Z: "$" also matched before a final "\n"


def pr_link(snapshot):
    """A Markdown link ``[owner/repo#N](https://github.com/owner/repo/pull/N)`` when the snapshot
    names its repository and number (both checked, so the link is safe as written), else None."""
    from bot.app.markdown import Trusted

    if not (_REPO.match(snapshot.repo or "") and isinstance(snapshot.number, int) and snapshot.number > 0):
        return None
    return Trusted(f"[{snapshot.repo}#{snapshot.number}](https://github.com/{snapshot.repo}/pull/{snapshot.number})")


def _cell_code(text: str):
    """``text`` as a code span that stays in its table cell: GitHub ends a cell at a ``|`` even
    inside code, unless it is written ``\\|`` (a file named ``a|b.jsonl``)."""
    from bot.app.markdown import Trusted, code

    return Trusted(code(text).replace("|", "\\|"))


def _rows(inputs, results) -> list[dict]:
    rows = []
    for (ref, snapshot), result in zip(inputs, results):
        top = sorted((h for h in result.fired if h.kind == "effort"), key=lambda h: -h.value)
        rows.append({"ref": ref, "ref_md": _cell_code(ref), "title": snapshot.title, "result": result,
                     "top": top[:TOP_SIGNALS], "link": pr_link(snapshot)})
    return sorted(rows, key=lambda row: -row["result"].score)


def build_report(inputs, results, errors: int = 0, unscored: int = 0) -> str:
    """``errors``: records that could not be read; ``unscored``: read, but the scorer failed on them."""
    from bot.app.render import render

    counts = Counter(r.band for r in results)
    return render("report.md.j2", rows=_rows(inputs, results), total=len(results),
                  counts={band: counts.get(band, 0) for band in ("low", "medium", "high")},
                  model_version=results[0].model_version if results else "", errors=errors,
                  unscored=unscored)


def report_command(
    path: Annotated[Optional[Path], typer.Argument(help="GitHub JSON bundle or JSONL records.")] = None,
    git: Annotated[Optional[str], typer.Option("--git", help="A local git range, e.g. main..HEAD.")] = None,
    repo: Annotated[Path, typer.Option("--repo", help="Repository for --git.")] = Path("."),
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the Markdown here (default: stdout).")] = None,
) -> None:
    """Write a Markdown triage report ranking the PRs by score (exit 3 when a record could not be
    read or scored: the report, written all the same, leaves it out)."""
    from bot.cli.batch import score_all
    from bot.scoring import ScoreConfig

    one_input(path, git)
    unreadable, unscored = Skipped("report"), Skipped("report")
    try:
        inputs = load_inputs(path, git, repo, on_error=unreadable)
    except LoadError as exc:
        raise _fail(str(exc)) from None
    if not inputs:
        raise _fail(f"{path}: no record could be read")
    results = dict(score_all(inputs, ScoreConfig(), unscored))
    if not results:
        raise _fail(f"{path or git}: no record could be scored")
    kept = [(ref, snapshot) for ref, snapshot in inputs if ref in results]
    text = build_report(kept, [results[ref] for ref, _ in kept], errors=len(unreadable.seen),
                        unscored=len(unscored.seen))
    if out is None:
        typer.echo(text)
    else:
        _write(out, text)
        typer.echo(f"wrote {out} ({len(kept)} PRs)")
    if unreadable.seen or unscored.seen:  # as sieve score: a queue missing PRs is not a clean run
        raise typer.Exit(EXIT_ERROR)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"sieve report: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _write(out: Path, text: str) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{out}: cannot write the report ({exc.strerror or exc})") from None


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
