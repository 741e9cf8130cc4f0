"""``sieve score``'s exit codes as the README states them, which CI scripts rely on: **0** for
``low``, **1** for ``high``, **2** for ``medium``, and for many PRs the worst band's code (high is
worse than medium). ``test_cli_score.py`` compared the exit code with ``EXIT_BY_BAND`` and
``SEVERITY`` imported from ``bot.cli.score``, so swapping high and medium there passed; the codes
here are literals, and the bands are chosen by a stand-in scorer so each case is certain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.result import Result

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _record(title: str) -> str:
    return json.dumps({"title": title, "body": "", "commit_messages": [title],
                       "files": [{"path": "a.py", "additions": 1, "deletions": 0}]})


@pytest.fixture
def bands_by_title(monkeypatch):
    """``sieve score`` scores each record as the band its title names ("low", "medium", "high")."""
    from bot import scoring

    def score_many(snapshots, config=None):
        points = {"low": 10, "medium": 60, "high": 90}
        return [Result(score=points[s.title], band=s.title, probability=points[s.title] / 100,
                       confidence=0.5, model_version="stand-in") for s in snapshots]

    monkeypatch.setattr(scoring, "score_many", score_many)


def _score(tmp_path: Path, bands: list[str], *extra: str):
    path = tmp_path / "prs.jsonl"
    path.write_text("".join(_record(b) + "\n" for b in bands))
    return CliRunner().invoke(build_app(), ["score", str(path), *extra])


@pytest.mark.parametrize(("band", "code"), [
    ("low", 0),  # nothing to look at: CI goes on
    ("high", 1),  # README: 1 for high
    ("medium", 2),  # README: 2 for medium
])
@pytest.mark.parametrize("as_json", [False, True])
def test_one_pr_exits_with_its_bands_code(tmp_path, bands_by_title, band, code, as_json):
    result = _score(tmp_path, [band], *(["--json"] if as_json else []))
    assert result.exit_code == code, result.output
    if as_json:
        assert json.loads(result.stdout)["band"] == band  # the stand-in was used


@pytest.mark.parametrize(("bands", "code"), [
    (["low", "high"], 1),  # the high PR decides
    (["low", "medium"], 2),
    (["medium", "high"], 1),  # high is worse than medium, whatever the order
    (["high", "medium"], 1),
    (["medium", "low", "high", "low"], 1),
    (["medium", "low", "medium"], 2),
    (["low", "low"], 0),
])
def test_many_prs_exit_with_the_worst_bands_code(tmp_path, bands_by_title, bands, code):
    result = _score(tmp_path, bands, "--json")
    assert [json.loads(line)["band"] for line in result.stdout.splitlines()] == bands
    assert result.exit_code == code, result.output


def test_the_bundled_low_effort_example_exits_1_for_high(shipped_model):
    """The README's own example (``try examples/low-effort-pr.json``) scores at the top of the
    scale with the shipped model; the exit code is the one for high."""
    result = CliRunner().invoke(build_app(), ["score", str(EXAMPLES / "low-effort-pr.json"), "--json",
                                              "--model", str(shipped_model)])
    assert json.loads(result.stdout)["band"] == "high"
    assert result.exit_code == 1  # high
