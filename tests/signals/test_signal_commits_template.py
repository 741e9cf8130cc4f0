"""Commit-message uniformity and ignored PR templates on real records."""

from __future__ import annotations

import pytest

from bot.signals.commits import commit_message_uniformity
from bot.signals.pr_template import template_sections_ignored

# The cometbft/celestia-core PR template as it appears at the end of that era's PR bodies.
CELESTIA_TEMPLATE = """<!--
Please add a reference to the issue that this PR addresses and indicate which
files are most critical to review.
-->

---

#### PR checklist

- [ ] Tests written/updated
- [ ] Changelog entry added in `.changelog` (we use
[unclog](https://github.com/informalsystems/unclog) to manage our
changelog)
- [ ] Updated relevant documentation (`docs/` or `spec/`) and code
comments
"""


def test_uniform_bullet_list_commits_fire(git_pr):
    hit = commit_message_uniformity(git_pr("fiber", 4494))  # 10 long bulleted agent commits
    assert hit.fired and hit.kind == "effort"
    assert "10 of 10 commits have the same long bullet-list body" in hit.evidence


def test_initial_plan_commit_is_generic(git_pr):
    hit = commit_message_uniformity(git_pr("fiber", 4380))
    assert hit.fired and "'Initial plan'" in hit.evidence


def test_ordinary_human_commit_series_does_not_fire(git_pr):
    snapshot = git_pr("fiber", 1210)  # five short, specific subjects
    assert len(snapshot.commits) >= 5
    assert not commit_message_uniformity(snapshot).fired


def test_web_editor_subject_counts_half():
    from bot.snapshot import Commit, PRSnapshot
    hit = commit_message_uniformity(PRSnapshot(title="x", commits=(Commit("Update README.md"),)))
    assert hit.value == pytest.approx(0.5) and "Update README.md" in hit.evidence


def test_web_editor_subject_with_a_written_body_is_not_generic(git_pr):
    # human (2020): "Update README.md" + "fix: Updated line 32 `AllowHeader` to `AllowHeaders` …";
    # human (2020): four "Update README_fr.md" commits, each saying what the translation step did
    for number in (822, 150):
        snapshot = git_pr("fiber", number)
        assert any(c.message.startswith("Update README") and "\n\n" in c.message for c in snapshot.commits)
        assert not commit_message_uniformity(snapshot).fired, number


def test_unchecked_template_checklist_fires(git_pr):
    snapshot = git_pr("celestia-core", 2070).with_changes(pr_template=CELESTIA_TEMPLATE)
    hit = template_sections_ignored(snapshot)
    assert hit.value == pytest.approx(0.5)
    assert "'PR checklist' all boxes unchecked" in hit.evidence


def test_filled_template_does_not_fire(git_pr):
    snapshot = git_pr("celestia-core", 2086).with_changes(pr_template=CELESTIA_TEMPLATE)
    assert "- [x] Tests written/updated" in snapshot.body
    assert not template_sections_ignored(snapshot).fired


def test_deleted_template_fires_fully(git_pr):
    snapshot = git_pr("celestia-core", 4035).with_changes(pr_template=CELESTIA_TEMPLATE)  # "Fixes #4026"
    hit = template_sections_ignored(snapshot)
    assert hit.value == pytest.approx(0.5) and "'PR checklist' deleted" in hit.evidence
    empty = template_sections_ignored(snapshot.with_changes(body=""))
    assert empty.value == 1.0


def test_no_known_template_keeps_quiet(git_pr):
    assert not template_sections_ignored(git_pr("celestia-core", 2070)).fired
