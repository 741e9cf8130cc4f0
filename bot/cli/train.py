"""``sieve train``: train the classifier on the training split and write model + metadata."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Annotated, Optional

import math

import typer
from rich.console import Console


def _weight(value: float | None) -> float | None:
    """A weight option: a finite number of 0 or more, in one message (typer's ``min`` named the
    wrong bound for ``nan`` and let ``inf`` through, which fits rows at an infinite weight)."""
    if value is not None and not (math.isfinite(value) and value >= 0.0):
        raise typer.BadParameter(f"{value} is not a weight: a finite number of 0 or more")
    return value


def train_command(
    out: Annotated[Path, typer.Option("--out", help="Directory for the model file and model-metadata.json.")
                   ] = Path("models"),
    small: Annotated[bool, typer.Option("--small", help="Tiny, fast model on a small subset (CI pipeline tests).")
                     ] = False,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    shared: Annotated[Optional[Path], typer.Option("--shared", help="The ../shared folder (default: found automatically).")
                      ] = None,
    length_balance: Annotated[bool, typer.Option(
        "--length-balance/--no-length-balance",
        help="Balance description length across labels (v3). --no-length-balance trains v2's design.")] = True,
    min_samples_leaf: Annotated[Optional[int], typer.Option(
        "--min-samples-leaf", min=1, help="The trees' smallest leaf (default 100, v4); 20 trains v3's design.")] = None,
    converged_solvers: Annotated[bool, typer.Option(
        "--converged-solvers", help="Solve the logistic regressions to convergence: the same model on any CPU. "
        "Not the shipped model's setting (models/HISTORY.md, 'Numerical noise').")] = False,
    char_bare_titles: Annotated[bool, typer.Option(
        "--char-bare-titles/--all-titles", help="Read title character n-grams on bare titles only (v6), or on "
        "every title (v1-v5).")] = True,
    headed_weight: Annotated[float, typer.Option(
        "--headed-weight", callback=_weight, help="Weight of the training copies of human PRs re-laid under common "
        "headings (bot.model.relaid; default 8, v6; v5: 4); 0 only scores the heading probes (v4's design).")] = 8.0,
    record_folds: Annotated[bool, typer.Option(
        "--record-folds/--no-record-folds", help="With --headed-weight: a copy shares its record's inner "
        "text fold (a CV lead, not v5's setting: models/HISTORY.md, thirteenth session); the default splits rows "
        "as v4 does.")] = False,
    fit_as_scored: Annotated[bool, typer.Option(
        "--fit-as-scored", help="Read every training row as score() reads a PR (without disclosure sentences, "
        "bot commands, comments; AI signals at 0): a v6 candidate (models/HISTORY.md, fourteenth session).")] = False,
    ticked_weight: Annotated[float, typer.Option(
        "--ticked-weight", callback=_weight, help="Weight of the training copies of human PRs followed by a ticked "
        "checklist (bot.model.relaid.ticked; default 4, v6); 0 builds them unfitted (v5's design).")] = 4.0,
    ticked_under_headings: Annotated[bool, typer.Option(
        "--ticked-under-headings/--ticked-after-words", help="Each checklist copy is the record's heading "
        "copy followed by the checklist (v6), or the record's own words followed by it.")] = True,
    tested_weight: Annotated[float, typer.Option(
        "--tested-weight", callback=_weight, help="Weight of the training copies of human PRs followed by how their author "
        "tested, in their own words (bot.model.relaid.tested; default 4, v6); 0 builds them unfitted.")] = 4.0,
    tested_under_headings: Annotated[bool, typer.Option(
        "--tested-under-headings/--tested-after-words", help="Each testing copy is the record's heading copy "
        "followed by the testing paragraph (v6), or the record's own words followed by it.")] = True,
    code_masked: Annotated[bool, typer.Option(
        "--code-masked/--code-read", help="Read each inline code span as one placeholder in the text blocks "
        "(v6: models/HISTORY.md, 'Eighteenth session'), or read its words (v1-v5).")] = True,
    rejection_weight: Annotated[float, typer.Option(
        "--rejection-weight", callback=_weight, help="How far the rejection head reaches: its weight in the blend "
        "(bot.model.blend's lambda; default 1.5, v7 and v8; v2-v6: 1).")] = 1.5,
    rejection_down: Annotated[Optional[float], typer.Option(
        "--rejection-down", callback=_weight, help="The rejection head's weight on PRs that read as merged ones "
        "(z(r) <= 0); default: the same as --rejection-weight (v2-v7).")] = None,
    rejection_floor: Annotated[Optional[float], typer.Option(
        "--rejection-floor", help="A floor under the rejection head's downward push, in z units of the agent "
        "blend: below it a push counts --rejection-floor-soft per unit (default 0.5, v8: models/HISTORY.md, "
        "'Twenty-first session').")] = 0.5,
    rejection_floor_soft: Annotated[float, typer.Option(
        "--rejection-floor-soft", min=0.0, max=1.0, help="How much of a downward push counts below "
        "--rejection-floor: 0 a hard floor, 1 all of it, which is no floor (v2-v7); default 0.5 (v8).")] = 0.5,
    tests_only_lower: Annotated[bool, typer.Option(
        "--tests-only-lower/--tests-either-way", help="The trees may read a changed test only as lowering the "
        "score, never raising it (a candidate: models/HISTORY.md, 'Twenty-third session'), or either way (v1-v8).")
    ] = False,
    bodied_weight: Annotated[float, typer.Option(
        "--bodied-weight", callback=_weight, help="Weight of the training copies of human PRs without a description of their "
        "own, their first commit's body as one (bot.model.commitbody; default 4, v10); 0 only scores them "
        "out of fold, which fits v9's design.")] = 4.0,
    bodied_max_lines: Annotated[int, typer.Option(
        "--bodied-max-lines", min=0, help="Fit only those copies of at most this many changed lines, and "
        "score the rest out of fold (default 20, v10; the twenty-sixth session fitted them all: a number "
        "larger than any PR's).")] = 20,
    ai_words_masked: Annotated[bool, typer.Option(
        "--ai-words-masked", help="Never read the AI vocabulary (agent and tool names, 'ai', 'llm', ...) in "
        "the text blocks (a CV lead, not the shipped setting: models/HISTORY.md, 'Eleventh session').")] = False,
) -> None:
    """Train on the training split only (never the evaluation split) and write the model."""
    from bot.model.train import TrainOptions, train
    from bot.paths import shared_dir

    shared = shared or shared_dir()
    if shared is None or not (shared / "data").is_dir():
        typer.echo("sieve train: ../shared/data not found: set SIEVE_SHARED_DIR or pass --shared", err=True)
        raise typer.Exit(2)
    _writable(out)
    console = Console(stderr=True)
    start = time.monotonic()

    def progress(message: str) -> None:
        console.print(f"[dim]{time.monotonic() - start:6.1f}s[/] {message}", highlight=False)

    leaf = {"min_samples_leaf": min_samples_leaf} if min_samples_leaf else {}
    options = TrainOptions(out_dir=out, shared=shared, small=small, seed=seed, length_balance=length_balance,
                           converged_solvers=converged_solvers, char_bare_titles=char_bare_titles,
                           headed_weight=headed_weight, record_folds=record_folds, fit_as_scored=fit_as_scored,
                           ticked_weight=ticked_weight, ticked_under_headings=ticked_under_headings,
                           tested_weight=tested_weight, tested_under_headings=tested_under_headings,
                           ai_words_masked=ai_words_masked, code_masked=code_masked,
                           rejection_weight=rejection_weight, rejection_down=rejection_down,
                           rejection_floor=rejection_floor, rejection_floor_soft=rejection_floor_soft,
                           tests_only_lower=tests_only_lower, bodied_weight=bodied_weight,
                           bodied_max_lines=bodied_max_lines, **leaf)
    path = train(options, progress)
    typer.echo(str(path))


def _writable(out: Path) -> None:
    """Fail before training, not after it, when the model cannot be written to ``out``."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        typer.echo(f"sieve train: cannot write the model to {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)
