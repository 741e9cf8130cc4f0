"""``sieve score`` on a bundle, a JSONL file (with a malformed line) and a git range."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.cli.score import EXIT_BY_BAND
from bot.loaders.github_json import load_bundle
from bot.scoring import ScoreConfig, score

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "low-effort-pr.json"


@pytest.fixture()
def run(shipped_model):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(build_app(), ["score", *args, "--model", str(shipped_model)])

    return invoke


def test_bundle_exit_code_follows_the_band(run, shipped_model):
    expected = score(load_bundle(EXAMPLE), ScoreConfig(model_path=str(shipped_model)))
    result = run(str(EXAMPLE), "--json")
    out = json.loads(result.stdout)
    assert out["band"] == expected.band and out["score"] == expected.score
    assert result.exit_code == EXIT_BY_BAND[expected.band]


def test_bundle_table_output(run, shipped_model):
    expected = score(load_bundle(EXAMPLE), ScoreConfig(model_path=str(shipped_model)))
    result = run(str(EXAMPLE))
    assert "PR Sieve" in result.stdout and expected.band in result.stdout
    assert all(hit.name in result.stdout for hit in expected.fired)


RECORDS = [
    {"title": "Fix race in span buffer flush", "body": "", "commit_messages": ["Fix race in span buffer flush"],
     "files": [{"path": "internal/buffer.go", "additions": 4, "deletions": 2},
               {"path": "internal/buffer_test.go", "additions": 25, "deletions": 0}]},
    {"title": "Enhance documentation", "body": "## Summary\n\nThis PR enhances the documentation to improve clarity "
     "and ensure a comprehensive overview.\n\n## Changes\n\n- **Improved README**: clearer\n\n## Testing\n\n- ✅ All tests pass",
     "commit_messages": ["Enhance documentation"], "files": [{"path": "README.md", "additions": 3, "deletions": 1}]},
]


def test_jsonl_scores_every_good_record_and_names_the_bad_line(run, tmp_path):
    path = tmp_path / "prs.jsonl"
    lines = [json.dumps(RECORDS[0]), "{not json", json.dumps({"files": "nope"}), json.dumps(RECORDS[1])]
    path.write_text("\n".join(lines) + "\n")
    result = run(str(path), "--json")
    outputs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [o["ref"] for o in outputs] == ["prs.jsonl:1", "prs.jsonl:4"]
    assert "prs.jsonl:2" in result.stderr and "prs.jsonl:3" in result.stderr
    assert result.exit_code == 3  # two records were left out: not the band of the file


def test_missing_file_is_one_line_error(run, tmp_path):
    result = run(str(tmp_path / "absent.json"))
    assert result.exit_code == 3 and "no such file" in result.stderr


@pytest.fixture()
def feature_repo(tmp_path):
    """A repository whose branch ``feature`` adds ``sub()`` to ``app.py`` on top of ``main``."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")

    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "dev@example.com")
    git("config", "user.name", "Dev")
    (tmp_path / "app.py").write_text("def add(a, b):\n    return a + b\n")
    git("add", ".")
    git("commit", "-qm", "initial")
    git("checkout", "-qb", "feature")
    (tmp_path / "app.py").write_text("def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n")
    git("commit", "-qam", "Add sub()")
    return tmp_path


def test_git_range(run, feature_repo):
    result = run("--git", "main..feature", "--repo", str(feature_repo), "--json")
    out = json.loads(result.stdout)
    assert out["ref"] == "main..feature"
    assert result.exit_code == EXIT_BY_BAND[out["band"]]


@pytest.mark.parametrize(("band", "effort", "said"), [("medium", 0.0, True), ("medium", 0.8, False), ("low", 0.0, False)])
def test_details_say_when_only_the_model_raised_the_score(band, effort, said):
    from rich.console import Console

    from bot.cli.score import _print_details
    from bot.result import Result, SignalHit

    hits = (SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai"),
            SignalHit("issue_link_only", effort, "only 'Fixes #1'" if effort else ""))
    console = Console(record=True, width=200)
    _print_details(Result(score=55, band=band, probability=0.42, confidence=0.3, signals=hits), console)
    assert ("the model's probability alone" in console.export_text()) is said


def test_git_range_with_a_draft_description_from_stdin(shipped_model, feature_repo):
    draft = "## Summary\nThis PR adds comprehensive tests.\n\nAll tests pass."
    args = ["score", "--git", "main..feature", "--repo", str(feature_repo), "--json", "--model", str(shipped_model)]
    with_draft = CliRunner().invoke(build_app(), [*args, "--body-file", "-"], input=draft)
    without = CliRunner().invoke(build_app(), args)
    fired = {s["name"] for s in json.loads(with_draft.stdout)["signals"]}
    assert "claims_tests_without_tests" in fired  # the draft claims tests the diff does not have
    assert "claims_tests_without_tests" not in {s["name"] for s in json.loads(without.stdout)["signals"]}


def test_title_and_body_file_need_a_git_range(run):
    result = run(str(EXAMPLE), "--title", "x")  # a usage error: exit 2, as the README says
    assert result.exit_code == 2 and "use them with --git RANGE" in " ".join(result.stderr.replace("│", " ").split())


def test_an_unreadable_body_file_is_a_clear_error(run, tmp_path):
    result = run("--git", "main..feature", "--repo", str(tmp_path), "--body-file", str(tmp_path / "missing.md"))
    assert result.exit_code == 3 and "cannot read the description" in result.stderr


def test_standard_input_takes_a_bundle_or_jsonl(shipped_model):
    def from_stdin(text):
        return CliRunner().invoke(build_app(), ["score", "-", "--json", "--model", str(shipped_model)], input=text)

    bundle = from_stdin(EXAMPLE.read_text())
    assert json.loads(bundle.stdout)["ref"] == "-"
    assert json.loads(bundle.stdout)["score"] == json.loads(
        CliRunner().invoke(build_app(), ["score", str(EXAMPLE), "--json", "--model", str(shipped_model)]).stdout)["score"]
    jsonl = from_stdin("\n".join([json.dumps(RECORDS[0]), "{not json", json.dumps(RECORDS[1])]) + "\n")
    assert [json.loads(line)["ref"] for line in jsonl.stdout.splitlines()] == ["-:1", "-:3"]
    assert "-:2: not valid JSON" in jsonl.stderr
    empty = from_stdin("")
    assert empty.exit_code == 3 and "standard input is empty" in empty.stderr


def test_a_bare_pulls_get_response_is_scored_and_says_what_it_lacks(run, tmp_path):
    pull = json.loads(EXAMPLE.read_text())["pull"]
    path = tmp_path / "pull.json"
    path.write_text(json.dumps(pull))
    out = json.loads(run(str(path), "--json").stdout)
    assert f"files listed: 0 of {pull['changed_files']}" in out["notes"]
    assert out["band"] in EXIT_BY_BAND
