"""``sieve eval --data`` end to end on a tiny JSONL, with a stand-in scorer."""

import json

import pytest
from typer.testing import CliRunner

from bot.cli import evaluate
from tests.eval_cli import eval_app as _app

ROWS = [
    {"title": "Fix race in span flush", "body": "x" * 300, "label": "human", "repo": "o/a",
     "author_association": "FIRST_TIME_CONTRIBUTOR"},
    {"title": "Add helper", "body": "Summary", "label": "ai_agent", "repo": "o/a", "outcome": "merged"},
    "{this line is broken",
    {"title": "Refactor everything " * 20, "body": "", "label": "ai_agent", "repo": "o/b",
     "outcome": "closed_unmerged"},
    {"title": "Docs", "body": "short", "label": "human", "repo": "o/b"},
    {"title": "Bump deps", "label": "bot", "repo": "o/b"},
]



@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in ROWS) + "\n")
    return path


@pytest.fixture
def stub_scorer(monkeypatch):
    """Score = title length / 400: the two long-titled rows score highest."""
    seen = []

    def load(model, as_scored=False):
        seen.append(model if not as_scored else (model, "as_scored"))
        return lambda snaps: [min(1.0, len(s.title) / 400) for s in snaps]

    monkeypatch.setattr(evaluate, "load_scorer", load)
    return seen


def test_eval_data_json(data_file, tmp_path, stub_scorer):
    roc = tmp_path / "out" / "roc.png"
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--json",
                                         "--roc", str(roc), "--model", "m.skops",
                                         "--threshold", "0.05"])
    assert result.exit_code == 2, result.output  # the data holds a broken line: bad input
    assert stub_scorer == [evaluate.Path("m.skops")]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    bad = [line for line in lines if line.startswith("skipped")]
    assert len(bad) == 1 and "tiny.jsonl:3" in bad[0]  # one line naming the broken record
    # the bot row is read but not compared, and a note says so (not counted as a bad record)
    small = [line for line in lines if "read at FPR 0" in line]  # 2 and 1 negatives: TPR@1%/5% at FPR 0
    assert [line.split(": n_neg=")[0] for line in small] == ["note: tiny.jsonl:agent_vs_human",
                                                              "note: tiny.jsonl:low_effort"]
    assert [line for line in lines[1:] if line not in small] == ["note: tiny.jsonl: 1 record is not compared: labels other than 'ai_agent' and 'human' "
                         "('bot' x1)", "sieve eval: 1 record was left out (not readable or not scorable, each "
                         "named above): the figures are without them"]
    report = json.loads(result.stdout)
    main = report["sets"]["tiny.jsonl:agent_vs_human"]
    assert (main["n_pos"], main["n_neg"]) == (2, 2)  # the bot row is not labelled ai/human
    # scores: human 0.055, 0.01; agent 0.025, 1.0 -> pairs won 3 of 4
    assert main["auc"] == 0.75
    assert main["per_repo"]["groups"]["o/b"]["auc"] == 1.0
    # at threshold 0.05 only the first-time human's 0.055 is flagged among negatives
    assert main["fpr_at_threshold"] == 0.5
    assert main["slices"]["first_time"] == {"n_neg": 1, "n_neg_known": 1, "fpr": 1.0}
    assert main["slices"]["short_body"] == {"n_neg": 1, "n_neg_known": 2, "fpr": 0.0}
    low = report["sets"]["tiny.jsonl:low_effort"]
    assert (low["n_pos"], low["n_neg"], low["auc"]) == (1, 1, 1.0)
    assert report["bad_records"] == 1 and len(report["notes"]) == 3
    assert roc.read_bytes().startswith(b"\x89PNG")


def test_eval_table_output(data_file, tmp_path, stub_scorer):
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file),
                                         "--roc", str(tmp_path / "roc.png")])
    assert result.exit_code == 2, result.output  # the data holds a broken line: bad input
    assert "tiny.jsonl:agent_vs_human" in result.stdout and "0.750" in result.stdout
    # the threshold is on the model's probability, not on the 0-100 score a PR is shown with
    assert "flag when probability >= " in " ".join(result.stdout.split())


def test_eval_without_shared_data_says_so(tmp_path, monkeypatch, stub_scorer):
    monkeypatch.setenv("SIEVE_SHARED_DIR", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(_app(), ["eval", "--roc", str(tmp_path / "roc.png")])
    assert result.exit_code == 2 and "../shared not found" in result.stderr


def test_eval_missing_data_file(tmp_path, stub_scorer):
    result = CliRunner().invoke(_app(), ["eval", "--data", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "none.jsonl: no such file" in result.stderr
    folder = CliRunner().invoke(_app(), ["eval", "--data", str(tmp_path)])
    assert folder.exit_code == 2 and "is a directory, not a JSONL file" in folder.stderr


def test_eval_reads_prs_without_files_against_the_models_file_blind_threshold(data_file, tmp_path, stub_scorer):
    model = tmp_path / "m.skops"
    (tmp_path / "model-metadata.json").write_text(json.dumps({
        "band_probability_thresholds": {"medium": 0.02, "high": 0.05},
        "band_probability_thresholds_file_blind": {"medium": 0.5, "high": 0.9}}))
    assert evaluate.model_threshold(model) == evaluate.protocol.OperatingPoint(0.05, 0.9)
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--json", "--model", str(model),
                                         "--roc", str(tmp_path / "roc.png")])
    assert result.exit_code == 2, result.output  # the data holds a broken line: bad input
    report = json.loads(result.stdout)
    assert (report["threshold"], report["threshold_without_files"]) == (0.05, 0.9)
    # no row has files, so the first-time human's 0.055 is not flagged at 0.9 (it is at 0.05, above)
    assert report["sets"]["tiny.jsonl:agent_vs_human"]["fpr_at_threshold"] == 0.0
    table = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--model", str(model),
                                        "--roc", str(tmp_path / "roc.png")])
    assert "without files >= 0.9" in table.stdout


def test_an_unwritable_roc_path_keeps_the_report_and_says_so_in_one_line(data_file, tmp_path, stub_scorer):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for roc in (tmp_path, blocker / "roc.png"):  # a directory; a path under a file
        result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--json", "--roc", str(roc)])
        assert result.exit_code == 2, roc
        report = json.loads(result.stdout)  # the evaluation is not lost
        assert report["roc_png"] is None and report["sets"]["tiny.jsonl:agent_vs_human"]["auc"] == 0.75
        assert result.stderr.splitlines()[-1].startswith(f"sieve eval: {roc}: cannot write the ROC curves (")


def test_a_pr_the_scorer_fails_on_is_left_out_and_named_once(data_file, tmp_path, monkeypatch):
    """The scorer raises on one PR (in a chunk, then alone): the evaluation goes on without it."""
    def load(model, as_scored=False):
        def score(snaps):
            if any(s.title == "Add helper" for s in snaps):
                raise RuntimeError("a signal failed")
            return [min(1.0, len(s.title) / 400) for s in snaps]
        return score

    monkeypatch.setattr(evaluate, "load_scorer", load)
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--json",
                                         "--roc", str(tmp_path / "roc.png"), "--threshold", "0.05"])
    assert result.exit_code == 2, result.output  # the data holds a broken line: bad input
    failed = [line for line in result.stderr.splitlines() if "could not be scored" in line]
    assert failed == ["skipped tiny.jsonl:2: could not be scored (RuntimeError: a signal failed)"]
    report = json.loads(result.stdout)
    main = report["sets"]["tiny.jsonl:agent_vs_human"]
    assert (main["n_pos"], main["n_neg"], main["auc"]) == (1, 2, 1.0)  # the other agent outranks both humans
    assert report["bad_records"] == 2  # the broken line and the unscored PR


def test_a_model_that_does_not_load_is_one_error(data_file, tmp_path):
    model = tmp_path / "m.skops"
    model.write_bytes(b"not a model")
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--model", str(model)])
    assert result.exit_code == 2 and "could not be scored" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("sieve eval:")]) == 1


def test_eval_as_scored_asks_for_the_products_scorer_and_says_so(data_file, tmp_path, stub_scorer):
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--json", "--as-scored",
                                         "--roc", str(tmp_path / "roc.png"), "--threshold", "0.05"])
    assert result.exit_code == 2, result.output  # the data holds a broken line: bad input
    assert stub_scorer == [(None, "as_scored")]
    assert json.loads(result.stdout)["scorer"] == "as_scored"


def test_eval_table_says_when_it_scored_as_the_product_does(data_file, tmp_path, stub_scorer):
    args = ["eval", "--data", str(data_file), "--roc", str(tmp_path / "roc.png"), "--threshold", "0.05"]
    plain = CliRunner().invoke(_app(), args)
    scored = CliRunner().invoke(_app(), [*args, "--as-scored"])
    assert plain.exit_code == 2 and scored.exit_code == 2, plain.output + scored.output
    flat = lambda text: " ".join(text.split())  # noqa: E731 - the table title may wrap
    assert "AI signals at 0" in flat(scored.stdout) and "AI signals at 0" not in flat(plain.stdout)


def test_when_the_scorer_fails_on_every_pr_there_is_no_report(data_file, tmp_path, monkeypatch):
    def load(model, as_scored=False):
        def score(snaps):
            raise RuntimeError("a signal failed")
        return score

    monkeypatch.setattr(evaluate, "load_scorer", load)
    roc = tmp_path / "roc.png"
    for extra in ([], ["--json"]):
        result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--roc", str(roc), *extra])
        assert result.exit_code == 2 and result.stdout == "", result.output
        assert result.stderr.splitlines()[-1] == "sieve eval: no PR could be scored (each one is named above)"
        assert not roc.exists()


def test_two_data_files_with_the_same_name_are_two_sets_named_by_their_paths(data_file, tmp_path, stub_scorer):
    other = tmp_path / "d2" / data_file.name
    other.parent.mkdir()
    other.write_bytes(data_file.read_bytes())
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--data", str(other), "--json",
                                         "--roc", str(tmp_path / "roc.png"), "--threshold", "0.05"])
    assert result.exit_code == 2, result.output  # the data holds a broken line: bad input
    sets = json.loads(result.stdout)["sets"]
    assert set(sets) == {f"{path}:{name}" for path in (data_file, other, "all") for name in ("agent_vs_human", "low_effort")}
    assert sets[f"{other}:agent_vs_human"] == sets[f"{data_file}:agent_vs_human"]
    errors = sorted(line.split(": not valid JSON")[0] for line in result.stderr.splitlines() if "not valid JSON" in line)
    assert errors == sorted([f"skipped {data_file}:3", f"skipped {other}:3"])  # which file to mend
    notes = sorted(line.split(": 1 record")[0] for line in result.stderr.splitlines() if "not compared" in line)
    assert notes == sorted([f"note: {data_file}", f"note: {other}"])


@pytest.mark.parametrize("value", ["nan", "NaN", "5", "-0.1", "inf"])
def test_a_threshold_that_is_not_a_probability_is_a_usage_error(data_file, tmp_path, stub_scorer, value):
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--json", "--threshold", value,
                                         "--roc", str(tmp_path / "roc.png")])
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert "--threshold" in result.stderr and stub_scorer == []  # nothing was scored


@pytest.mark.parametrize("value, shown", [("nan", "nan"), ("inf", "inf"), ("-inf", "-inf"), ("1e400", "inf"),
                                          ("5", "5.0"), ("-0.1", "-0.1")])
def test_a_threshold_out_of_range_is_named_with_the_range_on_one_line(data_file, tmp_path, stub_scorer,
                                                                      value, shown):
    """``nan`` was "Input should be less than or equal to 1" (nan is not above 1) and ``-inf`` "greater
    than or equal to 0": one bound each, and not the range a threshold is taken from."""
    result = CliRunner().invoke(_app(), ["eval", "--data", str(data_file), "--threshold", value,
                                         "--roc", str(tmp_path / "roc.png")])
    assert result.exit_code == 2 and stub_scorer == [], result.output
    assert f"Invalid value for '--threshold': {shown} is not a probability from 0 to 1" in result.stderr


def test_a_date_with_no_utc_time_is_read_as_undated_not_a_crash(tmp_path, stub_scorer):
    """Year 1 at +01:00 is before datetime's first UTC instant: ``astimezone`` raises
    OverflowError, which ended the whole run with a traceback (found by review)."""
    rows = [dict(r, author="a", date="2024-01-02T00:00:00+00:00") for r in ROWS if isinstance(r, dict)]
    rows[0]["date"] = "0001-01-01T00:00:00+01:00"
    path = tmp_path / "dated.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(_app(), ["eval", "--data", str(path), "--json", "--roc", str(tmp_path / "r.png")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_without_a_curve_to_draw_an_older_png_is_not_left_to_read_as_this_runs(tmp_path, stub_scorer):
    """Only one label in the data: no curve. The PNG an earlier run wrote at --roc was kept without a
    word, and read as this run's curves (found by review)."""
    roc = tmp_path / "roc.png"
    roc.write_bytes(b"\x89PNG\r\n\x1a\n" + b"an older run's curves")  # removed only when it is a PNG
    path = tmp_path / "people.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS if isinstance(r, dict) and r["label"] == "human"))
    result = CliRunner().invoke(_app(), ["eval", "--data", str(path), "--json", "--roc", str(roc)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["roc_png"] is None and not roc.exists()
    assert report["notes"] == ["people.jsonl:agent_vs_human: 0 ai_agent records: AUC and TPR@FPR undefined",
                               f"no ROC curve (no set has both labels); the older {roc} was removed"]


def test_a_narrow_table_folds_names_and_never_cuts_a_figure(tmp_path, stub_scorer):
    """At 80 columns a long set name read "aidev_p…" and a count "2426/37…": a figure lost from a
    saved report (found by review). Names now fold onto more lines; figures stay whole."""
    rows = [dict(r, repo=f"o/r{i}") for i, r in enumerate(ROWS * 3) if isinstance(r, dict)]
    path = tmp_path / ("a-long-export-name-" * 3 + ".jsonl")
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(_app(), ["eval", "--data", str(path), "--roc", str(tmp_path / "r.png")],
                                env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert "6/6" in result.stdout  # agent_vs_human: 6 agents, 6 people, on one line
