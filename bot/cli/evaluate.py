"""``sieve eval``: the fixed evaluation protocol, or AUC/TPR on your own labelled JSONL."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.cli import PipeConsole, batch, eval_roc
from bot.cli.eval_notes import figure_notes
from bot.cli.eval_sources import fail as _fail, given_twice, read_source
from bot.cli.eval_tables import print_tables
from bot.cli.score import well_formed
from bot.evaluation import datasets, protocol
from bot.loaders import LoadError
from bot.paths import shared_dir


def load_scorer(model: Path | None, as_scored: bool = False) -> protocol.Scorer:
    """The protocol's scorer (``bot.scoring.batch_score``) bound to ``model``; ``as_scored``: the
    probabilities ``score()`` gives, which read the AI attribution and disclosure signals at 0."""
    try:
        from bot.scoring import batch_score, warm_up
    except ImportError as exc:
        raise _fail(f"the scorer is not available ({exc})") from exc
    if model is not None and not model.is_file():
        raise _fail(f"{model}: no such model file")
    from bot.model.persist import ModelMismatchError

    path = str(model) if model else None
    try:
        warm_up(path)  # a model that does not load is one error, not one per PR
    except ModelMismatchError as exc:
        raise _fail(str(exc)) from None
    if as_scored:
        return _AsScored(path)
    return lambda snapshots: batch_score(snapshots, model_path=path)


class _AsScored:
    """The probabilities ``score_many`` gives, with the band it gave each PR kept (``bands``) for the
    report: ``score()`` bands with points (probability, effort and care signals, a thin-evidence
    cap at medium), not with the probability alone, so FPR@thr is not the share it puts in high."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.bands: dict[int, tuple[object, str]] = {}  # id(snapshot) -> (snapshot, kept alive; band)

    def __call__(self, snapshots):
        import numpy as np

        from bot.scoring import ScoreConfig, score_many

        results = score_many(snapshots, ScoreConfig(model_path=self.path))
        for snapshot, result in zip(snapshots, results):
            self.bands[id(snapshot)] = (snapshot, result.band)
        return np.array([r.probability for r in results])


def band_counts(sets: dict[str, list[datasets.Example]], bands: dict[int, tuple[object, str]]) -> dict[str, dict]:
    """Per set, how many positives and negatives ``score()`` put in each band (the PRs it scored)."""
    from bot.result import BANDS

    out = {}
    for name, examples in sets.items():
        counts = {"pos": dict.fromkeys(BANDS, 0), "neg": dict.fromkeys(BANDS, 0)}
        for e in examples:
            if id(e.snapshot) in bands:
                counts["pos" if e.y == 1 else "neg"][bands[id(e.snapshot)][1]] += 1
        out[name] = counts
    return out


def _build_sets(data: list[Path], sink, note) -> dict[str, list[datasets.Example]]:
    if not data:
        shared = shared_dir()
        if shared is None:
            raise _fail("../shared not found: set SIEVE_SHARED_DIR or pass --data")
        return datasets.protocol_sets(protocol.data_dir(shared), sink)
    if sum(str(path) == "-" for path in data) > 1:
        raise _fail("-: standard input can be read once")
    twice = given_twice(data)
    if str(twice) == "-":
        raise _fail("-: standard input is read from a file given to --data already")
    if twice is not None:  # its sets would overwrite each other's, and "all" would hold its PRs twice
        raise _fail(f"{well_formed(str(twice))}: given to --data twice")
    files = [read_source(path, len(data) > 1, sink) for path in data]
    sets, by_kind = {}, {}
    for label, read in datasets.data_files_sets(files, note).items():  # first-time over every file
        for name, examples in read.items():
            sets[f"{label}:{name}"] = examples
            by_kind.setdefault(name, []).append(examples)
    return sets | _pooled(by_kind, [label for label, _ in files])


def _pooled(by_kind: dict[str, list[list]], labels: list[str]) -> dict[str, list]:
    """``all:KIND``: the records of every ``--data`` file together, for each kind of set two or more
    files have. Agents in one file and people in another have no AUC alone (each file is one class),
    and one export per repository or per class is the natural way to fetch them."""
    pool = "all" if "all" not in labels else "all files"
    return {f"{pool}:{kind}": [e for examples in parts for e in examples]
            for kind, parts in by_kind.items() if len(parts) > 1}


def _progress(enabled: bool):
    if not enabled:
        return nullcontext(None)
    return Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=True)


def _updater(bar: Progress | None, sets: dict) -> protocol.Progress | None:
    if bar is None:
        return None
    task = bar.add_task("scoring", total=sum(map(len, sets.values())))
    return lambda name, done, total: bar.update(task, completed=done, description=f"scoring {name}")


_DATA_HELP = ("JSONL records with label ai_agent/human, or - for standard input (repeatable: each file "
              "alone, and all files pooled). "
              "Default: the fixed protocol on ../shared/data.")
_THRESHOLD_HELP = ("Operating threshold, a probability from 0 to 1, for FPR/TPR and slice FPRs (default: the model's 'high' "
                   "probability threshold, chosen on training data, and for PRs without files its "
                   "file-blind 'high' threshold, as score() reads them).")


_AS_SCORED_HELP = ("Score PRs as score(), the App and 'sieve score' read them: the AI attribution and "
                   "disclosure signals at 0 (the protocol's default scorer lets the classifier read them).")


def model_threshold(model: Path | None, band: str = "high") -> protocol.Threshold:
    """The ``band``'s probability threshold recorded with the model at training time, paired
    with its file-blind one when the model records that (an ``OperatingPoint``)."""
    from bot.model.persist import ModelMismatchError, default_model_path, read_metadata

    try:
        meta = read_metadata(model or default_model_path())
    except (OSError, ModelMismatchError):
        meta = {}
    with_files = float((meta.get("band_probability_thresholds") or {}).get(band, protocol.DEFAULT_THRESHOLD))
    blind = (meta.get("band_probability_thresholds_file_blind") or {}).get(band)
    return with_files if blind is None else protocol.OperatingPoint(with_files, float(blind))


def _probability(value: float | None) -> float | None:
    """``--threshold`` within 0..1, as one message naming the range: typer's ``min``/``max`` named one
    bound, and the wrong one for ``nan`` ("less than or equal to 1"), which is not JSON either."""
    if value is not None and not 0.0 <= value <= 1.0:  # False for nan too
        raise typer.BadParameter(f"{value} is not a probability from 0 to 1")
    return value


def eval_command(
    data: Annotated[Optional[list[Path]], typer.Option("--data", help=_DATA_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    roc: Annotated[Optional[Path], typer.Option("--roc", help=eval_roc.HELP, show_default=False)] = None,
    model: Annotated[Optional[Path], typer.Option("--model", help="Model file to score with.")
                     ] = None,
    threshold: Annotated[Optional[float], typer.Option("--threshold", help=_THRESHOLD_HELP,
                                                       callback=_probability)] = None,
    as_scored: Annotated[bool, typer.Option("--as-scored", help=_AS_SCORED_HELP)] = False,
) -> None:
    """Score labelled PRs and report ROC-AUC, TPR at FPR 1%/5% and slice FPRs (exit 2 on bad input,
    also when some records could not be read or scored: the report is printed without them)."""
    roc_problem = eval_roc.unwritable(roc or eval_roc.DEFAULT)
    if roc_problem:  # before any reading or scoring, which a long evaluation would lose
        raise _fail(roc_problem)
    bad: list[LoadError] = []
    notes: list[str] = []

    def sink(error: LoadError) -> None:
        bad.append(error)
        datasets.print_error(error)

    def note(text: str) -> None:
        notes.append(text)
        datasets.print_note(text)

    sets = {k: v for k, v in _build_sets(list(data or []), sink, note).items() if v}
    if not sets:
        raise _fail("no records labelled ai_agent or human to evaluate")
    scorer = load_scorer(model, as_scored)
    banded = getattr(scorer, "bands", None)  # --as-scored: the band score() gave each PR
    if len(data or []) > 1:
        scorer = _once_each(scorer)  # an all:KIND set holds the files' PRs again
    threshold = model_threshold(model) if threshold is None else threshold
    show = not as_json and sys.stderr.isatty()
    with _progress(show) as bar:
        report, scored = protocol.evaluate(scorer, sets, _updater(bar, sets), threshold, _unscored_sink(sink))
    if not any(y.size for y, _ in scored.values()):  # tables of n=0 would read as a result
        raise _fail("no PR could be scored (each one is named above)")
    for text in figure_notes(report["sets"]):
        note(text)
    written, roc_error = eval_roc.write(scored, roc or eval_roc.DEFAULT)
    if written is not None and eval_roc.as_png(written):
        note(eval_roc.as_png(written))
    if written is None and roc_error is None:
        note(eval_roc.no_curve(roc or eval_roc.DEFAULT, remove=roc is not None))
    report.update(bad_records=len(bad), notes=notes, roc_png=str(written) if written else None,
                  scorer="as_scored" if as_scored else "protocol")
    if banded is not None:
        for name, counts in band_counts(sets, banded).items():
            if name in report["sets"]:
                report["sets"][name]["bands"] = counts
    if as_json:
        typer.echo(json.dumps(well_formed(report), indent=2))
    else:
        print_tables(report, PipeConsole())
    if roc_error:
        raise _fail(roc_error)  # after the report: a long evaluation is not lost to a bad --roc
    if bad:  # bad input, as the README says: exit 0 read as figures over the whole file
        raise _fail(f"{len(bad)} {'record was' if len(bad) == 1 else 'records were'} left out "
                    "(not readable or not scorable, each named above): the figures are without them")


def _once_each(scorer: protocol.Scorer) -> protocol.Scorer:
    """``scorer`` that scores each snapshot once: a PR in a file's set and in the pooled set is
    given its first score again (the protocol's scorers score each snapshot on its own)."""
    import numpy as np

    seen: dict[int, tuple[object, float]] = {}  # id(snapshot) -> (snapshot, kept alive; its score)

    def score(snapshots):
        new = [s for s in snapshots if id(s) not in seen]
        if new:
            values = np.asarray(scorer(new), dtype=float).reshape(-1)
            if values.size != len(new):
                raise ValueError(f"scorer returned {values.size} scores for {len(new)} snapshots")
            for snapshot, value in zip(new, values):
                seen[id(snapshot)] = (snapshot, float(value))
        return np.array([seen[id(s)][1] for s in snapshots], dtype=float)

    return score


def _unscored_sink(sink):
    """``protocol.OnFailure`` reporting each PR the scorer failed on once, as a bad record (one PR
    is in several sets: E1 and E2 share the agent PRs)."""
    failed: set[int] = set()

    def unscored(_set_name: str, example, exc: Exception) -> None:
        if id(example.snapshot) not in failed:
            failed.add(id(example.snapshot))
            ref = example.meta.get("ref") or example.snapshot.title[:60]
            sink(batch.unscored(ref, exc))

    return unscored


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
