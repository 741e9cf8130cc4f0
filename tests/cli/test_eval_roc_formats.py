"""``sieve eval --roc``: the figure's format is the one its suffix names; a suffix it cannot write is
refused before any scoring (found by review: ``--roc roc.svg`` held PNG bytes)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import evaluate
from bot.evaluation.plot import SIGNATURES, holds_format
from tests.eval_cli import eval_app as _app, write_jsonl as _write

ROWS = [{"title": "Add retry helper " + "x" * n, "body": "Summary", "label": "ai_agent", "repo": "o/a"}
        for n in (100, 140)] + [{"title": "Fix flush " + "y" * n, "body": "z" * 300, "label": "human",
                                 "repo": "o/a"} for n in (0, 60)]
PNG = b"\x89PNG\r\n\x1a\n" + b"an older run's curves"
SVG = b'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n<svg xmlns="http://www.w3.org/2000/svg">'


@pytest.fixture
def scored(monkeypatch):
    """Score = title length / 400; each call's number of PRs is kept."""
    calls: list[int] = []

    def load(model, as_scored=False):
        def score(snaps):
            calls.append(len(snaps))
            return [min(1.0, len(s.title) / 400) for s in snaps]
        return score

    monkeypatch.setattr(evaluate, "load_scorer", load)
    return calls


def run(*args):
    return CliRunner().invoke(_app(), ["eval", *args, "--json"])


@pytest.mark.parametrize("name, head", [("roc.svg", b"<?xml"), ("roc.pdf", b"%PDF-"), ("roc.eps", b"%!PS"),
                                        ("ROC.SVG", b"<?xml"), ("roc", b"\x89PNG\r\n\x1a\n")])
def test_the_suffix_names_the_format_written(tmp_path, scored, name, head):
    roc = tmp_path / name
    result = run("--data", str(_write(tmp_path / "prs.jsonl", ROWS)), "--roc", str(roc))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["roc_png"] == str(roc)
    assert roc.read_bytes().startswith(head)


@pytest.mark.parametrize("fmt", list(SIGNATURES))
def test_each_format_written_is_one_its_signature_recognises(tmp_path, scored, fmt):
    """What ``--roc`` writes is what a later run without a curve will recognise, and remove, as its own."""
    roc = tmp_path / f"roc.{fmt}"
    result = run("--data", str(_write(tmp_path / "prs.jsonl", ROWS)), "--roc", str(roc))
    assert result.exit_code == 0, result.output
    assert holds_format(roc, fmt) and not holds_format(roc, "png" if fmt != "png" else "pdf")


@pytest.mark.parametrize("name", ["roc-v9.1", "run.2026-11-29", "roc.png.bak", "roc.txt"])
def test_a_suffix_that_names_no_image_format_is_part_of_the_name_and_the_figure_a_png(tmp_path, scored, name):
    """Found by review: before formats were read from the suffix, ``--roc roc-v9.1`` wrote a PNG there."""
    roc = tmp_path / name
    result = run("--data", str(_write(tmp_path / "prs.jsonl", ROWS)), "--roc", str(roc))
    assert result.exit_code == 0, result.output
    assert holds_format(roc, "png") and json.loads(result.stdout)["roc_png"] == str(roc)
    assert f"{roc}: {roc.suffix} names no image format written; the ROC curves are a PNG" in result.stderr


@pytest.mark.parametrize("name", ["roc.raw", "roc.RGBA", "roc.pgf", "roc.avif"])
def test_an_image_format_it_does_not_write_is_one_line_before_any_scoring(tmp_path, scored, name):
    roc = tmp_path / name
    result = run("--data", str(_write(tmp_path / "prs.jsonl", ROWS)), "--roc", str(roc))
    assert result.exit_code == 2 and result.stdout == "" and scored == [], result.output
    suffix = roc.suffix
    assert result.stderr.splitlines() == [
        f"sieve eval: {roc}: cannot write the ROC curves as {suffix} (the suffix names the format: .png, "
        ".svg, .svgz, .pdf, .eps, .ps, .jpg, .jpeg, .tif, .tiff, .webp or .gif)"]
    assert not roc.exists()


@pytest.mark.parametrize("name, held, removed", [("roc.svg", SVG, True), ("roc.pdf", b"%PDF-1.4 older", True),
                                                 ("roc.svg", PNG, False), ("roc.pdf", b"precious", False)])
def test_with_no_curve_only_an_older_figure_of_the_suffixs_format_is_removed(tmp_path, scored, name, held,
                                                                           removed):
    """A PNG an earlier version wrote at roc.svg is not an SVG: left as it was, with a note."""
    roc = tmp_path / name
    roc.write_bytes(held)
    people = _write(tmp_path / "people.jsonl", [r for r in ROWS if r["label"] == "human"])
    result = run("--data", str(people), "--roc", str(roc))
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)["notes"][-1]
    if removed:
        assert not roc.exists() and note == f"no ROC curve (no set has both labels); the older {roc} was removed"
    else:
        assert roc.read_bytes() == held
        assert note == f"no ROC curve (no set has both labels); {roc} is not from this run (left as it was)"
