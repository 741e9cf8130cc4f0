"""The README's main job: ``sieve demo`` runs the real App against the fake GitHub."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.demo.run import run_demo
from bot.paths import models_dir

HIGH = "sieve/likely-low-effort"

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")


@pytest.fixture(scope="module")
def demo_run():
    steps = []
    fake, script = run_demo(steps.append)
    return steps, fake, script


def test_every_delivery_is_processed_and_the_redelivery_is_a_no_op(demo_run):
    steps, _, _ = demo_run
    assert [s.outcome for s in steps] == ["done"] * len(steps)
    assert [s.answer for s in steps].count("duplicate") == 1


def test_agent_pr_is_flagged_with_one_comment_edited_in_place(demo_run):
    steps, _, _ = demo_run
    opened, _, pushed, redelivered = steps[:4]
    assert opened.labels == (HIGH,) and opened.bot_comments == 1
    assert pushed.labels == (HIGH,) and pushed.bot_comments == 1
    assert redelivered.bot_comments == 1
    assert "@" not in opened.sticky
    assert "more, listed in the **PR Sieve** check" in opened.sticky  # the comment names the strongest
    assert "in 7 other repositories" in opened.check  # the account's PRs elsewhere, found by the search


def test_human_pr_gets_only_a_neutral_check_run(demo_run):
    steps, fake, script = demo_run
    assert steps[1].labels == () and steps[1].bot_comments == 0
    sha = script["pulls"]["102"]["fields"]["head_sha"]
    [run] = fake.check_runs(script["repo"], sha)
    assert run["conclusion"] == "neutral" and fake.check_run_actions(script["repo"], sha) == [[]]  # no button


def test_read_only_override_is_refused_and_maintainer_override_sticks(demo_run):
    steps, _, _ = demo_run
    refused, cleared, later_push = steps[4:7]
    assert refused.labels == (HIGH,)  # a read-only user cannot clear the label
    assert cleared.labels == () and later_push.labels == ()
    assert later_push.bot_comments == cleared.bot_comments  # no new comment on the next push


def test_the_undo_button_pressed_through_the_app_brings_the_flag_back(demo_run):
    """The last step presses 'Undo the clearance' on the check run: a signed check_run delivery
    through the App's intake, worker and GitHub adapter, as GitHub would send it."""
    steps, fake, script = demo_run
    cleared, undone = steps[5], steps[-1]
    assert cleared.labels == () and undone.outcome == "done" and undone.labels == (HIGH,)
    sha = script["pulls"]["101"]["fields"]["head_sha"]
    assert [[b["identifier"] for b in run] for run in fake.check_run_actions(script["repo"], sha)] == [["sieve-ok"]]
    assert "state:overridden" in cleared.sticky and "state:flagged" in undone.sticky  # the one sticky, edited back


def test_cli_demo_prints_what_the_app_posted():
    result = CliRunner().invoke(build_app(), ["demo"])
    assert result.exit_code == 0, result.output
    assert HIGH in result.output and "PR Sieve" in result.output
    assert "[Clear this flag]" in result.output  # #101 is flagged again: its check run offers the clearing
    final = result.output.rsplit("PR #101", 1)[1].split("PR #102", 1)[0]  # the closing view of #101
    assert "can only be used by people with write access" in final and "Thanks, noted" in final  # the replies
    assert "may need more work" not in final and "reviewed by a maintainer" not in final  # not the sticky again
