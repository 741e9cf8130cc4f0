"""``sieve eval --data``: several files, where the ROC PNG goes, and the bands under ``--as-scored``."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from bot.cli import evaluate
from tests.eval_cli import eval_app as _app, write_jsonl as _write

AGENTS = [{"title": "Add retry helper " + "x" * n, "body": "Summary", "label": "ai_agent", "repo": "o/a"}
          for n in (100, 140, 180)]
PEOPLE = [{"title": "Fix flush " + "y" * n, "body": "z" * 300, "label": "human", "repo": "o/a"}
          for n in (0, 20, 60)]

PEOPLE_ONE_CLASS = "people.jsonl:agent_vs_human: 0 ai_agent records: AUC and TPR@FPR undefined"




@pytest.fixture
def scored_titles(monkeypatch):
    """Score = title length / 400; the titles of every call are kept."""
    calls: list[list[str]] = []

    def load(model, as_scored=False):
        def score(snaps):
            calls.append([s.title for s in snaps])
            return [min(1.0, len(s.title) / 400) for s in snaps]
        return score

    monkeypatch.setattr(evaluate, "load_scorer", load)
    return calls


def run(*args, **kwargs):
    return CliRunner().invoke(_app(), ["eval", *args], **kwargs)


# --- several --data files -------------------------------------------------------------------


def test_agents_in_one_file_and_people_in_another_are_also_evaluated_together(tmp_path, scored_titles):
    """Each file was its own set: one class each, no AUC, exit 0 (found by an outside review)."""
    agents, people = _write(tmp_path / "agents.jsonl", AGENTS), _write(tmp_path / "people.jsonl", PEOPLE)
    result = run("--data", str(agents), "--data", str(people), "--json", "--roc", str(tmp_path / "roc.png"))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    alone = [report["sets"][f"{path}:agent_vs_human"] for path in (agents, people)]
    assert [(s["n_pos"], s["n_neg"], s["auc"]) for s in alone] == [(3, 0, None), (0, 3, None)]
    pooled = report["sets"]["all:agent_vs_human"]
    assert (pooled["n_pos"], pooled["n_neg"], pooled["auc"]) == (3, 3, 1.0)
    assert report["roc_png"] == str(tmp_path / "roc.png")
    # the pooled set gives each PR its first score: nothing is scored twice
    titles = [t for call in scored_titles for t in call]
    assert sorted(titles) == sorted(r["title"] for r in AGENTS + PEOPLE)


def test_the_pooled_set_is_in_the_table(tmp_path, scored_titles):
    agents, people = _write(tmp_path / "agents.jsonl", AGENTS), _write(tmp_path / "people.jsonl", PEOPLE)
    result = run("--data", str(agents), "--data", str(people), "--roc", str(tmp_path / "roc.png"),
                 env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "all:agent_vs_human" in line)
    assert "3/3" in row and "1.000" in row


def test_one_data_file_has_no_pooled_set(tmp_path, scored_titles):
    both = _write(tmp_path / "both.jsonl", AGENTS + PEOPLE)
    result = run("--data", str(both), "--json", "--roc", str(tmp_path / "roc.png"))
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)["sets"]) == ["both.jsonl:agent_vs_human"]


# --- the ROC PNG ----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"an older run's curves"


def test_without_roc_a_file_at_the_default_path_is_left_alone(tmp_path, monkeypatch, scored_titles):
    """A one-class file and no --roc removed out/roc.png in the working folder, whatever it held
    (found by an outside review)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    for held in (b"precious", PNG):
        (tmp_path / "out" / "roc.png").write_bytes(held)
        people = _write(tmp_path / "people.jsonl", PEOPLE)
        result = run("--data", str(people), "--json")
        assert result.exit_code == 0, result.output
        assert (tmp_path / "out" / "roc.png").read_bytes() == held
        assert json.loads(result.stdout)["notes"] == [
            PEOPLE_ONE_CLASS, "no ROC curve (no set has both labels); out/roc.png is not from this run (left as it was)"]


def test_a_named_roc_that_is_not_a_png_is_left_alone(tmp_path, scored_titles):
    roc = tmp_path / "roc.png"
    roc.write_bytes(b"precious")
    result = run("--data", str(_write(tmp_path / "people.jsonl", PEOPLE)), "--json", "--roc", str(roc))
    assert result.exit_code == 0, result.output
    assert roc.read_bytes() == b"precious"
    assert json.loads(result.stdout)["notes"] == [
        PEOPLE_ONE_CLASS, f"no ROC curve (no set has both labels); {roc} is not from this run (left as it was)"]


def test_a_named_roc_that_is_an_older_png_is_removed(tmp_path, scored_titles):
    roc = tmp_path / "roc.png"
    roc.write_bytes(PNG)
    result = run("--data", str(_write(tmp_path / "people.jsonl", PEOPLE)), "--json", "--roc", str(roc))
    assert result.exit_code == 0, result.output
    assert not roc.exists()
    assert json.loads(result.stdout)["notes"] == [
        PEOPLE_ONE_CLASS, f"no ROC curve (no set has both labels); the older {roc} was removed"]


def test_no_curve_creates_no_out_folder(tmp_path, monkeypatch, scored_titles):
    monkeypatch.chdir(tmp_path)
    result = run("--data", str(_write(tmp_path / "people.jsonl", PEOPLE)), "--json")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out").exists()


def test_a_curve_goes_to_out_roc_png_by_default(tmp_path, monkeypatch, scored_titles):
    monkeypatch.chdir(tmp_path)
    result = run("--data", str(_write(tmp_path / "both.jsonl", AGENTS + PEOPLE)), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["roc_png"] == "out/roc.png"
    assert (tmp_path / "out" / "roc.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


# --- --as-scored: the bands score() gives ---------------------------------------------------


def test_as_scored_reports_the_bands_sieve_score_gives_per_class(tmp_path):
    """FPR@thr compares the probability alone with the 'high' threshold; score() bands with points
    and caps thin evidence at medium, so the README's "in medium or above" could not be read off
    sieve eval (found by an outside review). The real scorer: eval's counts are score's bands."""
    from bot.cli import build_app

    rows = AGENTS + PEOPLE + [{"title": "Fix typo in README", "body": "", "label": "human", "repo": "o/b"},
                              {"title": "docs: update the guide", "body": "", "label": "ai_agent", "repo": "o/b"}]
    path = _write(tmp_path / "prs.jsonl", rows)
    evaluated = CliRunner().invoke(build_app(), ["eval", "--data", str(path), "--as-scored", "--json",
                                                 "--roc", str(tmp_path / "roc.png")])
    assert evaluated.exit_code == 0, evaluated.output
    main = json.loads(evaluated.stdout)["sets"]["prs.jsonl:agent_vs_human"]
    scored = CliRunner().invoke(build_app(), ["score", str(path), "--json"])
    bands = [json.loads(line)["band"] for line in scored.stdout.splitlines()]
    assert len(bands) == len(rows)
    expected = {side: {band: sum(1 for r, b in zip(rows, bands) if b == band and (r["label"] == "ai_agent") == (side == "pos"))
                       for band in ("low", "medium", "high")} for side in ("pos", "neg")}
    assert main["bands"] == expected
    # the figures that were there before are there as before
    assert {"n", "n_pos", "n_neg", "auc", "tpr_at_fpr1", "tpr_at_fpr5", "fpr_at_threshold",
            "tpr_at_threshold", "per_repo", "slices"} <= set(main)


def test_the_bands_table_and_only_under_as_scored(tmp_path, monkeypatch):
    import bot.scoring
    from types import SimpleNamespace

    monkeypatch.setattr(bot.scoring, "warm_up", lambda path=None: None)

    def score_many(snapshots, config=None):  # agents by title length: medium/high; people: low, one medium
        return [SimpleNamespace(probability=min(1.0, len(s.title) / 400),
                                band="high" if len(s.title) > 180 else "medium" if len(s.title) > 60 else "low")
                for s in snapshots]

    monkeypatch.setattr(bot.scoring, "score_many", score_many)
    path = _write(tmp_path / "prs.jsonl", AGENTS + PEOPLE)
    args = ["--data", str(path), "--roc", str(tmp_path / "roc.png")]
    report = json.loads(run(*args, "--as-scored", "--json").stdout)
    assert report["sets"]["prs.jsonl:agent_vs_human"]["bands"] == {
        "pos": {"low": 0, "medium": 2, "high": 1}, "neg": {"low": 2, "medium": 1, "high": 0}}
    table = run(*args, "--as-scored", env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "Bands as score() gives them" in table.stdout
    rows = [" ".join(line.split("│")[2:]).split() for line in table.stdout.splitlines() if "agent_vs_human" in line]
    assert ["ai_agent", "0", "2", "1", "3/3", "(100.0", "%)"] in rows
    assert ["human", "2", "1", "0", "1/3", "(33.3", "%)"] in rows
    monkeypatch.setattr(evaluate, "load_scorer", lambda model, as_scored=False: lambda snaps: [0.5] * len(snaps))
    plain = run(*args, "--json")
    assert "bands" not in json.loads(plain.stdout)["sets"]["prs.jsonl:agent_vs_human"]


# --- --data - -------------------------------------------------------------------------------


def test_data_dash_reads_standard_input_as_score_and_report_do(tmp_path, scored_titles):
    """``--data -`` was "-: no such file" (exit 2), while score and report read - (outside review)."""
    rows = "".join(json.dumps(r) + "\n" for r in AGENTS + PEOPLE) + "{broken\n"
    result = run("--data", "-", "--json", "--roc", str(tmp_path / "roc.png"), input=rows)
    assert result.exit_code == 2, result.output  # the broken line: bad input, after the report
    assert "skipped -:7" in result.stderr
    main = json.loads(result.stdout)["sets"]["-:agent_vs_human"]
    assert (main["n_pos"], main["n_neg"], main["auc"]) == (3, 3, 1.0)


def test_data_dash_beside_a_file_is_pooled_with_it(tmp_path, scored_titles):
    import gzip

    agents = _write(tmp_path / "agents.jsonl", AGENTS)
    people = gzip.compress("".join(json.dumps(r) + "\n" for r in PEOPLE).encode())
    result = run("--data", str(agents), "--data", "-", "--json", "--roc", str(tmp_path / "roc.png"), input=people)
    assert result.exit_code == 0, result.output
    sets = json.loads(result.stdout)["sets"]
    assert (sets["-:agent_vs_human"]["n_neg"], sets["all:agent_vs_human"]["auc"]) == (3, 1.0)


def _pipe(rows) -> int:
    """The read end of a pipe holding ``rows``: what ``--data <(zcat export.jsonl.gz)`` opens as /dev/fd/N."""
    read, write = os.pipe()
    os.write(write, "".join(json.dumps(r) + "\n" for r in rows).encode())
    os.close(write)
    return read


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="no /dev/fd")
def test_a_process_substitution_is_named_by_its_descriptor_not_its_bare_number(tmp_path, scored_titles):
    """``--data <(cat prs.jsonl)`` named its sets ``63:agent_vs_human`` and its records ``63:LINE`` (the
    file name of /dev/fd/63), and beside a file ``/dev/fd/63:…``; ``fd:63`` says what it was."""
    agents, people = _pipe(AGENTS + PEOPLE + ["not a record"]), _pipe(PEOPLE)
    try:
        alone = run("--data", f"/dev/fd/{agents}", "--json", "--roc", str(tmp_path / "roc.png"))
        beside = run("--data", str(_write(tmp_path / "agents.jsonl", AGENTS)), "--data", f"/dev/fd/{people}",
                     "--json", "--roc", str(tmp_path / "roc.png"))
    finally:
        os.close(agents), os.close(people)
    assert list(json.loads(alone.stdout)["sets"]) == [f"fd:{agents}:agent_vs_human"]
    assert f"skipped fd:{agents}:7: " in alone.stderr
    assert list(json.loads(beside.stdout)["sets"]) == [f"{tmp_path / 'agents.jsonl'}:agent_vs_human",
                                                       f"fd:{people}:agent_vs_human", "all:agent_vs_human"]


def test_standard_input_twice_is_refused(tmp_path, scored_titles):
    result = run("--data", "-", "--data", "-", input="")
    assert result.exit_code == 2 and "standard input can be read once" in result.stderr
    assert scored_titles == []
