"""A broken config layer still keeps its ``enabled: false`` and ``shadow: true``: a typo elsewhere
in the file must not make a repository that opted out start labelling and commenting."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.app import config as cfg
from bot.app import dispatch
from bot.cli import build_app

REPO = "Codertocat/Hello-World"
SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"


@pytest.mark.parametrize("text, field, kept", [
    ("shadow: true\ncomment: {enable: false}\n", "shadow", True),
    ("enabled: false\nlabel: {}\n", "enabled", False),
    ("label: {}\nenabled: false\nshadow: true\n", "shadow", True),
])
def test_a_broken_layer_still_turns_pr_sieve_off_or_shadow_on(text, field, kept):
    loaded = cfg.build([(".github/sieve.yml", text)])
    assert getattr(loaded.config, field) is kept
    assert loaded.error.startswith(".github/sieve.yml: ") and "unknown key" in loaded.error
    assert loaded.sources == ()  # the rest of the file is still ignored


def test_only_the_safe_direction_and_only_real_booleans_are_kept():
    on = cfg.build([("org", "enabled: false\nshadow: true\n"), ("repo", "enabled: true\nshadow: false\nbogus: 1\n")])
    assert (on.config.enabled, on.config.shadow) == (False, True)  # a broken file never turns it back on
    for text in ("enabled: 0\nbogus: 1\n", "enabled: 'false'\nbogus: 1\n", "shadow: 1\nbogus: 1\n",
                 "shadow: 'yes'\n", "comment: {enabled: 0}\nbogus: 1\n", "comment: {enabled: true}\nbogus: 1\n"):
        assert cfg.build([("repo", text)]).config == cfg.RepoConfig(), text


def test_a_broken_layer_keeps_comments_off():
    """A typo in a file that says comment: {enabled: false} used to post public comments with the
    defaults (review)."""
    loaded = cfg.build([("repo", "comment: {enabled: false, bands: [high]}\nthresholds: {hihg: 90}\n")])
    assert loaded.error and loaded.config.comment.enabled is False
    assert loaded.config.comment.bands == ["medium", "high"]  # only the off switch is kept
    on = cfg.build([("org", "comment: {enabled: false}\n"), ("repo", "comment: {enabled: true}\nbogus: 1\n")])
    assert on.config.comment.enabled is False


def test_the_rest_of_a_broken_layer_is_still_dropped():
    loaded = cfg.build([("repo", "shadow: true\nthresholds: {medium: 10}\nbogus: 1\n")])
    assert loaded.config.shadow and loaded.config.thresholds.medium == 50


def test_check_config_shows_the_error_and_the_kept_setting(tmp_path):
    path = tmp_path / "sieve.yml"
    path.write_text("shadow: true\ncomment: {enable: false}\n")
    result = CliRunner().invoke(build_app(), ["check-config", str(path)])
    assert result.exit_code == 1
    assert "comment.enable: unknown key" in result.stderr
    assert "Config error" in result.stdout and "Shadow mode" in result.stdout


def test_a_disabled_repository_with_a_broken_file_shows_the_error_and_labels_nothing(
        ctx, gh, scorer, payload, scored_by_default):
    gh.files[(REPO, ".github/sieve.yml")] = "enabled: false\nlabel: {}\n"
    assert dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx).startswith("skipped")
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.conclusion == "failure" and "label: unknown key" in check.title
    assert [w[0] for w in gh.writes] == ["check_run"] and scorer.calls == []


def test_a_shadow_repository_with_a_broken_file_writes_nothing(ctx, gh, scorer, payload, scored_by_default):
    gh.files[(REPO, ".github/sieve.yml")] = "shadow: true\ncomment: {enable: false}\n"
    dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    assert gh.writes == [] and len(scorer.calls) == 1  # scored and recorded, as shadow mode does


def test_a_shadow_trials_broken_file_is_logged_and_named_in_the_result(ctx, gh, scorer, payload, scored_by_default,
                                                                       caplog):
    """Shadow mode writes no check run, so the error used to appear nowhere: the trial ran on the
    defaults and the operator reviewing it was not told (review)."""
    gh.files[(REPO, ".github/sieve.yml")] = "shadow: true\nthresholds: {medium: 60, hihg: 80}\n"
    with caplog.at_level("WARNING", logger="bot.app.review"):
        outcome = dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    assert gh.writes == [] and "config error: .github/sieve.yml: thresholds.hihg" in outcome
    assert any("shadow mode, nothing written" in r.getMessage() and "hihg" in r.getMessage()
               for r in caplog.records)
