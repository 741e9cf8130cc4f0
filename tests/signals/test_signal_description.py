"""Description weight, phrasing and testing notes on real records."""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.signals.description_weight import template_weight, tiny_diff_long_body
from bot.signals.phrasing import generic_summary_phrasing
from bot.snapshot import PRSnapshot
from bot.text import words


def test_heavy_template_on_a_four_line_change_fires(git_pr):
    hit = template_weight(git_pr("celestia-core", 2147))  # Copilot agent PR, 1 file, +1/-3
    assert hit.fired and hit.kind == "effort"
    assert "5 headers" in hit.evidence and "4-line change" in hit.evidence


def test_structure_on_a_large_change_does_not_fire(git_pr):
    snapshot = git_pr("sentry-python", 5646)  # "## Key changes" with bold bullets, 1,500+ lines
    assert "## Key changes" in snapshot.body and snapshot.total_additions + snapshot.total_deletions > 1500
    assert not template_weight(snapshot).fired


def test_template_structure_from_the_repository_does_not_count(git_pr):
    snapshot = git_pr("celestia-core", 2147)
    assert not template_weight(snapshot.with_changes(pr_template=snapshot.body)).fired


def test_unknown_diff_size_keeps_weight_signals_quiet(aidev_pr):
    snapshot = aidev_pr(3158615630)  # AIDev rows carry no files or line counts
    assert snapshot.files == () and snapshot.additions is None
    assert not template_weight(snapshot).fired and not tiny_diff_long_body(snapshot).fired


def test_long_body_on_a_two_line_change_fires(git_pr):
    hit = tiny_diff_long_body(git_pr("celestia-core", 2311))  # go.mod toolchain bump
    assert hit.value == 1.0 and "2-line change" in hit.evidence


def test_long_body_on_a_large_change_does_not_fire(git_pr):
    snapshot = git_pr("celestia-core", 2202)  # ~500 words for a 52-line change
    assert len(words(snapshot.body)) > 400
    assert not tiny_diff_long_body(snapshot).fired


def test_stock_summary_phrasing_fires(aidev_pr):
    hit = generic_summary_phrasing(aidev_pr(3158615630))  # "## Summary … This PR introduces …"
    assert hit.fired and "'## Summary'" in hit.evidence and "This PR introduces" in hit.evidence


def test_plain_human_description_has_no_stock_phrasing(git_pr):
    assert not generic_summary_phrasing(git_pr("sentry-python", 3973)).fired


def test_test_command_in_description_is_care(git_pr):
    hit = explains_testing(git_pr("celestia-core", 2147))
    assert hit.value == 1.0 and hit.kind == "care" and "go test -count=5" in hit.evidence


def test_first_person_testing_note_is_care(git_pr):
    hit = explains_testing(git_pr("sentry-python", 2394))
    assert hit.fired and "tested in my own app" in hit.evidence


def test_template_instruction_to_run_linters_is_not_care(git_pr):
    snapshot = git_pr("sentry-python", 5588)  # "Please add tests … lint your code using `tox -e linters`"
    assert "`tox -e linters`" in snapshot.body
    assert not explains_testing(snapshot).fired


def test_unchecked_ci_box_is_a_todo_not_a_test_report():
    body = "## Testing\n- [ ] CI passes and the integration suite was run against staging clusters"
    assert not explains_testing(PRSnapshot(title="x", body=body)).fired


def test_blank_lines_are_scanned_in_linear_time():
    # a description of blank lines took ~3 s in template_weight (a leading \s* ran across every
    # following line from each line start) and ~0.2 s in generic_summary_phrasing (\W* did)
    import time

    from bot.snapshot import FileChange

    change = (FileChange("a.py", additions=1, deletions=1),)
    for blank in ("\n", " \n", "\t\r\n"):
        snapshot = PRSnapshot(title="t", body=blank * 100_000, files=change)
        start = time.process_time()
        assert not template_weight(snapshot).fired and not generic_summary_phrasing(snapshot).fired
        assert time.process_time() - start < 0.5, repr(blank)


def test_checkboxes_after_blank_lines_count_once():
    body = "\n\n  \n- [x] a\n\n\n- [ ] b\n- **c** d\n\n  - **e** f\n## One\n## Two\n"
    snapshot = PRSnapshot(title="t", body=body, additions=1)
    assert template_weight(snapshot).evidence == "description has 2 headers, 2 bold bullets, 2 checkboxes for a 1-line change"


def test_opening_evidence_is_the_opening_line_not_the_lines_above():
    hit = generic_summary_phrasing(PRSnapshot(title="t", body="---\n\nThis PR adds a robust cache."))
    assert hit.evidence == "opens 'This PR adds'; filler words robust"  # not the rule above it
    # "Intro." opens this one: the phrase under it is not the opening, and one filler word alone is too little
    assert not generic_summary_phrasing(PRSnapshot(title="t", body="Intro.\n\n---\n\nThis PR adds a robust cache.")).fired


def test_without_spans_cuts_ordered_spans_that_may_overlap():
    from bot.text import without_spans

    assert without_spans("abcdefgh", [(1, 3), (2, 5), (6, 7)]) == "afh"
    assert without_spans("abc", [(0, 0)]) == "abc"
    assert without_spans("abc", []) == "abc"


@pytest.mark.parametrize("command", ["./gradlew test", "gradlew test", "gradle test", "./gradlew :core:test"])
def test_a_gradle_test_run_is_care(command):
    body = f"Fixes the retry loop.\n\n`{command}` passes on JDK 21."  # no first-person phrase: the command alone
    hit = explains_testing(PRSnapshot(title="Fix retry loop", body=body))
    assert hit.fired and command in hit.evidence


def test_a_gradle_task_that_is_not_a_test_is_not_care():
    body = "Bumps the wrapper; run `./gradlew wrapper` to regenerate it."
    assert not explains_testing(PRSnapshot(title="Bump wrapper", body=body)).fired


def test_no_file_and_no_line_counted_is_an_unknown_size_not_a_zero_line_change(git_pr):
    """celestia-core#3027's squash commit lists no file and 0 lines: the weight signals said
    "description has 3 headers, 3 checkboxes for a 0-line change" (found by review)."""
    snapshot = git_pr("celestia-core", 3027)
    assert (snapshot.files, snapshot.files_changed, snapshot.additions, snapshot.deletions) == ((), 0, 0, 0)
    assert not template_weight(snapshot).fired and not tiny_diff_long_body(snapshot).fired
    sized = snapshot.with_changes(additions=3, deletions=1)  # the same text on a known 4-line change
    assert "4-line change" in template_weight(sized).evidence


CAREFUL = """## Summary
Fix the off-by-one in `parse_range` so `1-3` includes 3.

## Changes
- **parser**: use inclusive end
- **tests**: add a case for `1-3`

## Testing
Ran `pytest tests/test_parser.py -k range`, 12 passed.
"""


@pytest.mark.parametrize("disclosure", [
    "\n## AI disclosure\nI used Copilot to draft the test case and reviewed it by hand.\n",
    "\nI used Copilot to draft the test case and reviewed it by hand.\n",
    "\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
])
def test_saying_ai_was_used_never_makes_a_description_heavier(disclosure):
    """An "## AI disclosure" heading counted as a fourth header and took a careful, tested PR from
    medium to high; a footer's 🤖 counted as an emoji (found by review)."""
    plain = PRSnapshot(title="Fix off-by-one in parse_range", body=CAREFUL, additions=14, deletions=2)
    disclosed = plain.with_changes(body=CAREFUL + disclosure)
    assert template_weight(disclosed) == template_weight(plain)
    assert tiny_diff_long_body(disclosed) == tiny_diff_long_body(plain)
