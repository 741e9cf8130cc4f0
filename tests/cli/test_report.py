"""``sieve report`` ranks PRs by score in Markdown and neutralises their titles."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")

CAREFUL = {"title": "config: reload on rename events", "body": (
    "Editors that save through a rename emit RENAME + CREATE, so the reload never ran. "
    "This watches the directory and filters on the base name. Tested with "
    "`go test ./internal/config/... -count=50`."),
    "commit_messages": ["config: watch the directory so renames reload"],
    "files": [{"path": "internal/config/watch.go", "additions": 14, "deletions": 5},
              {"path": "internal/config/watch_test.go", "additions": 22, "deletions": 0}]}
HOSTILE = {"title": "@maintainers <img src=x onerror=alert(1)> [click](https://evil.example)",
           "body": "## 🚀 Summary\n\nThis PR introduces comprehensive, robust improvements.\n\n"
                   "## ✅ Testing\n\n- [x] Added unit tests\n- [x] All tests pass\n\nFixes #1",
           "commit_messages": ["Initial plan", "Update README.md"],
           "files": [{"path": "README.md", "additions": 1, "deletions": 1}]}


def test_report_ranks_by_score_and_neutralises_titles(tmp_path):
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(CAREFUL) + "\n" + json.dumps(HOSTILE) + "\n{broken\n")
    out = tmp_path / "report.md"
    result = CliRunner().invoke(build_app(), ["report", str(data), "--out", str(out)])
    assert result.exit_code == 3, result.output  # the broken line is left out; the report is written
    text = out.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| ") and "prs.jsonl" in line]
    assert [("prs.jsonl:2" in rows[0]), ("prs.jsonl:1" in rows[1])] == [True, True]
    assert "<img" not in text and "](https://evil" not in text
    assert "@maintainers" not in text  # no live mention
    assert "prs.jsonl:3" in result.output  # the broken line is named on stderr


def test_a_flag_without_effort_signals_says_model_only():
    from bot.cli.report import build_report
    from bot.result import Result, SignalHit
    from bot.snapshot import PRSnapshot

    quiet = (SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai"),)
    effort = (SignalHit("docs_only_drive_by", 0.9, "README.md only"),)
    results = [Result(score=62, band="medium", probability=0.5, confidence=0.3, signals=quiet),
               Result(score=60, band="medium", probability=0.4, confidence=0.3, signals=effort),
               Result(score=10, band="low", probability=0.1, confidence=0.3, signals=())]
    inputs = [(ref, PRSnapshot(title=ref.upper())) for ref in ("pr-a", "pr-b", "pr-c")]
    text = build_report(inputs, results)
    rows = {ref: next(line for line in text.splitlines() if line.startswith("| ") and ref in line)
            for ref in ("pr-a", "pr-b", "pr-c")}
    assert rows["pr-a"].rstrip(" |").endswith("*model only*")
    assert "*model only*" not in rows["pr-b"] and rows["pr-c"].rstrip(" |").endswith("–")
    assert "the model's probability alone" in text
    assert "the model's probability alone" not in build_report(inputs[1:], results[1:])  # no such row: no legend


def test_unreadable_records_are_counted_in_the_report_and_named_on_stderr(tmp_path):
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(CAREFUL) + "\n{broken\n" + json.dumps({"files": "nope"}) + "\n")
    result = CliRunner().invoke(build_app(), ["report", str(data)])
    assert result.exit_code == 3  # exit 0 read as a report of the whole file
    assert "2 records could not be read (listed on stderr)." in result.stdout
    assert result.stderr.splitlines()[0].startswith("sieve report: prs.jsonl:2: not valid JSON")


@pytest.mark.parametrize("content", ["", "\n\n  \n", "{broken\n"])
def test_a_file_with_no_readable_record_is_an_error_not_an_empty_report(tmp_path, content):
    data = tmp_path / "prs.jsonl"
    data.write_text(content)
    result = CliRunner().invoke(build_app(), ["report", str(data)])
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"sieve report: {data}: no record could be read"


def test_an_unwritable_out_path_is_one_line_error(tmp_path):
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(CAREFUL) + "\n")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for out in (tmp_path, blocker / "report.md"):  # a directory; a path under a file
        result = CliRunner().invoke(build_app(), ["report", str(data), "--out", str(out)])
        assert result.exit_code == 3, out
        assert result.stderr.startswith(f"sieve report: {out}: cannot write the report (")
        assert len(result.stderr.splitlines()) == 1


def test_a_pr_that_names_its_repository_and_number_links_to_it():
    from bot.cli.report import build_report
    from bot.result import Result
    from bot.snapshot import PRSnapshot

    result = Result(score=10, band="low", probability=0.1, confidence=0.3, signals=())
    inputs = [("prs.jsonl:1", PRSnapshot(title="a", repo="gofiber/fiber", number=4603)),
              ("prs.jsonl:2", PRSnapshot(title="b", repo="evil](https://x.example) [y", number=1)),
              ("prs.jsonl:3", PRSnapshot(title="c", repo="gofiber/fiber"))]
    text = build_report(inputs, [result] * 3)
    assert "| [gofiber/fiber#4603](https://github.com/gofiber/fiber/pull/4603) |" in text
    assert "` prs.jsonl:2 `" in text and "x.example" not in text  # an odd repo name is not linked
    assert "` prs.jsonl:3 `" in text  # no number: the record's place in the file


def _failing_on(title: str, monkeypatch):
    """The scorer raises on every PR titled ``title`` (in a batch, and then alone)."""
    import bot.scoring

    real = bot.scoring.score_many

    def score_many(snapshots, config):
        if any(s.title == title for s in snapshots):
            raise RuntimeError("a signal failed")
        return real(snapshots, config)

    monkeypatch.setattr(bot.scoring, "score_many", score_many)


def test_records_read_but_not_scored_are_counted_as_such(tmp_path, monkeypatch):
    _failing_on(HOSTILE["title"], monkeypatch)
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(CAREFUL) + "\n" + json.dumps(HOSTILE) + "\n{broken\n")
    result = CliRunner().invoke(build_app(), ["report", str(data)])
    assert result.exit_code == 3, result.output
    assert "1 record could not be read (listed on stderr)." in result.stdout
    assert "1 record could be read but not scored (listed on stderr)." in result.stdout
    assert "prs.jsonl:2: could not be scored (RuntimeError" in result.stderr


def test_a_file_with_no_scorable_record_is_an_error_not_an_empty_report(tmp_path, monkeypatch):
    _failing_on(CAREFUL["title"], monkeypatch)
    data = tmp_path / "prs.jsonl"
    data.write_text(json.dumps(CAREFUL) + "\n")
    result = CliRunner().invoke(build_app(), ["report", str(data)])
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"sieve report: {data}: no record could be scored"


def test_a_bar_in_a_file_name_stays_in_its_table_cell():
    from bot.cli.report import build_report
    from bot.result import Result
    from bot.snapshot import PRSnapshot

    result = Result(score=10, band="low", probability=0.1, confidence=0.3, signals=())
    text = build_report([("a`b|c.jsonl:1", PRSnapshot(title="x|y"))], [result])
    [row] = [line for line in text.splitlines() if line.startswith("| 1 |")]
    assert "`` a`b\\|c.jsonl:1 ``" in row
    assert row.replace("\\|", "").count("|") == 7  # six cells
