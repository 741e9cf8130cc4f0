"""A readable but broken config file that renames PR Sieve's labels (review of config loading):
its ``labels`` section still applies when it is valid on its own, as ``exempt`` does; when that
section is broken too, no band label goes on until the file is fixed; installation creates no
labels from a broken file."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.app import config as cfg
from bot.app import dispatch
from bot.app.actions import STICKY_MARKER
from bot.app.handlers import installation
from bot.cli import build_app

REPO = "Codertocat/Hello-World"
SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"
RENAMED = "labels: {high: {name: ai/high}, medium: {name: ai/medium}}\n"


def opened(payload, action="opened"):
    event = payload("pull_request", "opened.payload.json")
    event["action"] = action
    return event


def test_a_broken_files_valid_labels_section_still_names_the_labels():
    loaded = cfg.build([(".github/sieve.yml", RENAMED + "thresholds: {hihg: 1}\n")])
    assert "hihg" in loaded.error and not loaded.labels_unknown
    assert loaded.config.band_labels() == {"medium": "ai/medium", "high": "ai/high"}


def test_a_broken_files_labels_section_never_turns_model_only_labels_on():
    loaded = cfg.build([("org", "labels: {model_only: false}\n"), ("repo", "labels: {model_only: true}\nfoo: 1\n")])
    assert loaded.config.labels.model_only is False


@pytest.mark.parametrize("labels", ["labels: {high: {name: ai/high, colour: red}}\n", "labels: 3\n",
                                    "labels: {high: {name: sieve/needs-review}}\n"])
def test_a_broken_labels_section_in_a_broken_file_leaves_the_label_names_unknown(labels):
    loaded = cfg.build([(".github/sieve.yml", labels + "foo: 1\n")])
    assert loaded.error and loaded.labels_unknown


def test_labels_a_broken_file_renames_are_the_ones_put_on_and_none_is_left_behind(
        ctx, gh, scorer, payload, scored_by_default):
    """The default-named label went on while the file was broken and stayed after the fix: no
    longer the bot's label, it was never taken off."""
    gh.files[(REPO, ".github/sieve.yml")] = RENAMED + "thresholds: {hihg: 1}\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.get_issue_labels(REPO, 2) == ["ai/high"]
    gh.files[(REPO, ".github/sieve.yml")] = RENAMED
    dispatch.handle("pull_request", opened(payload, "synchronize"), ctx)
    assert gh.get_issue_labels(REPO, 2) == ["ai/high"]


def test_no_label_goes_on_while_the_labels_section_is_broken_too(ctx, gh, scorer, payload, scored_by_default):
    gh.files[(REPO, ".github/sieve.yml")] = "labels: {high: {name: ai/high, colour: red}}\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.get_issue_labels(REPO, 2) == []
    assert not [w for w in gh.writes if w[0] in ("add_labels", "ensure_label", "remove_label")]
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.conclusion == "failure" and "adds and removes no labels until the file is fixed" in check.summary
    gh.files[(REPO, ".github/sieve.yml")] = "labels: {high: {name: ai/high, color: b60205}}\n"
    dispatch.handle("pull_request", opened(payload, "synchronize"), ctx)
    assert gh.get_issue_labels(REPO, 2) == ["ai/high"]  # fixed: the label it names goes on


@pytest.mark.parametrize("body, says", [
    ("/sieve exempt", "Its settings file's `labels` section is broken, so PR Sieve adds no labels for now"),
    ("/sieve ok", "Its settings file's `labels` section is broken, so PR Sieve changes no labels for now"),
])
def test_a_decisions_reply_says_no_label_changes_while_the_labels_section_is_broken(
        ctx, gh, scorer, payload, scored_by_default, body, says):
    """It said "Done: this PR is exempt (`sieve/exempt`)" with no label put on (review of the fixes)."""
    from .test_handlers import comment_event

    gh.permissions[(REPO, "maintainer")] = "write"
    gh.files[(REPO, ".github/sieve.yml")] = "labels: {high: {name: ai/high, colour: red}}\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, body), ctx)
    reply = [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body][-1]
    assert says in reply and not reply.startswith("Done") and gh.get_issue_labels(REPO, 2) == []


@pytest.mark.parametrize("text", [RENAMED + "thresholds: {hihg: 1}\n",  # broken
                                  "shadow: false\nthresholds: {high: 80}\nthresholds: {high: 90}\n"])  # unreadable
def test_installation_creates_no_labels_from_a_broken_file(ctx, gh, text):
    gh.files[(REPO, ".github/sieve.yml")] = text
    assert installation.ensure_labels(ctx, REPO) is False
    assert gh.writes == []


def test_installation_still_creates_the_labels_of_a_good_file(ctx, gh):
    gh.files[(REPO, ".github/sieve.yml")] = RENAMED
    assert installation.ensure_labels(ctx, REPO) is True
    assert [w[2] for w in gh.writes if w[0] == "ensure_label"] == ["ai/medium", "ai/high", "sieve/exempt"]


def test_check_config_says_no_labels_while_the_labels_section_is_broken(tmp_path):
    path = tmp_path / "sieve.yml"
    path.write_text("labels: {high: {name: ai/high, colour: red}}\n")
    result = CliRunner().invoke(build_app(), ["check-config", str(path)])
    assert result.exit_code == 1 and "- Labels: none added or removed until the file is fixed" in result.stdout
    assert "`sieve/likely-low-effort`" not in result.stdout
