"""Faults a signal audit found in four effort signals, each pinned with real training-split texts
(git_prs repositories other than jaeger and gluesql; AIDev rows outside the evaluation hash),
quoted short."""

from __future__ import annotations

import pytest

from bot.signals import filekinds
from bot.signals.claims import issue_link_only
from bot.signals.commits import commit_message_uniformity
from bot.signals.docs_only import docs_only_drive_by
from bot.signals.phrasing import generic_summary_phrasing
from bot.snapshot import Commit, FileChange, PRSnapshot


def _phrasing(body: str):
    return generic_summary_phrasing(PRSnapshot(title="t", body=body))


# --- generic_summary_phrasing ---------------------------------------------------------------

def test_a_plain_this_pr_adds_opening_alone_stays_quiet():
    # celestia-core #5154 (human): all 16 training-split human firings were such an opening alone
    body = ("## Description\n\nThis pr adds missing adr numbers based on what is in #2313\n\n"
            "This pr adds empty templates that should later be filled when the time comes to do the "
            "implementation.\n\nCloses: #2313")
    assert not _phrasing(body).fired


def test_the_opening_still_adds_to_other_evidence():
    # onlook-dev/onlook #1634 (agent): the opening and one filler word fire, the filler alone does not
    body = ("This PR adds a 1-second delay between restoring changes and refreshing webviews to ensure "
            "the restored files are properly loaded before refreshing the UI.")
    hit = _phrasing(body)
    assert hit.value == 0.32 and hit.evidence == "opens 'This PR adds'; filler words ensure"
    assert not _phrasing(body.replace("This PR adds", "Adds")).fired


def test_the_phrase_counts_only_where_it_opens_the_description():
    # calcom/cal.com #20615 (agent): "This PR addresses" is the second paragraph, not the opening
    body = ("Fix type errors in workflow-related files by adding missing await in sendCancelledReminders "
            "function.\n\nThis PR addresses the type check errors in CI by ensuring proper async handling "
            "in the workflow reminder scheduler.")
    assert not _phrasing(body).fired  # one filler word (0.07) alone
    assert _phrasing(body.split("\n\n", 1)[1]).value == 0.32  # the same paragraph opening it counts


def test_filler_words_inside_an_ai_disclosure_do_not_count():
    # no training-split description quotes filler words inside a disclosure (markers are stripped
    # there), so the audit's own sentence stands in
    body = "This PR adds retries to the fetch client.\n\nI used Claude to ensure comprehensive tests."
    assert not _phrasing(body).fired
    hit = _phrasing(body + " The retry loop is robust to resets.")  # words outside it still count
    assert hit.value == 0.32 and hit.evidence == "opens 'This PR adds'; filler words robust"


# --- docs_only_drive_by ---------------------------------------------------------------------

def test_changelog_upgrade_guide_or_codeowners_upkeep_alone_does_not_fire(git_pr):
    # humans: celestia-core #5364 "upgrading: state store change" (UPGRADING.md, 2 lines),
    # sentry-python #1141 "Update CHANGELOG.md for release 1.2.0", fiber #424 (CODEOWNERS);
    # sentry-python #2859 "Updated migration guide" (MIGRATION_GUIDE.md, 4 lines: now an upgrade guide)
    for name, number in (("celestia-core", 5364), ("sentry-python", 1141), ("fiber", 424), ("sentry-python", 2859)):
        assert not docs_only_drive_by(git_pr(name, number)).fired, (name, number)
    for path in ("UPGRADING.md", "UPGRADE.md", "docs/upgrade-guide.md", "MIGRATION_GUIDE.md", "CHANGELOG.md"):
        assert filekinds.is_bookkeeping_file(path), path
    for path in ("README.md", "docs/upgrades.md", "internal/upgrade.go"):
        assert not filekinds.is_bookkeeping_file(path), path


def test_a_readme_edit_beside_a_changelog_is_still_a_drive_by():
    files = (FileChange("README.md", additions=1, deletions=1), FileChange("CHANGELOG.md", additions=1))
    hit = docs_only_drive_by(PRSnapshot(title="t", body="", files=files, files_changed=2, additions=2, deletions=1))
    assert hit.value == 1.0 and hit.evidence == "README.md (2 lines), CHANGELOG.md (1 line)"


def test_a_docs_change_of_more_than_40_lines_is_real_work(git_pr):
    # celestia-core #5391 "README: clean up README" (human, 45 changed lines) fired at 0.15
    assert not docs_only_drive_by(git_pr("celestia-core", 5391)).fired
    assert docs_only_drive_by(git_pr("sentry-python", 813)).value == 1.0  # a one-line README edit still does

    def readme(changed: int) -> PRSnapshot:
        return PRSnapshot(title="t", body="", files=(FileChange("README.md", additions=changed),),
                          files_changed=1, additions=changed, deletions=0)
    assert docs_only_drive_by(readme(40)).value == 0.4 and not docs_only_drive_by(readme(41)).fired


# --- commit_message_uniformity --------------------------------------------------------------

def _commits(*messages: str) -> PRSnapshot:
    return PRSnapshot(title="t", body="", commits=tuple(Commit(message=m) for m in messages))


def test_github_web_editor_default_subjects_are_not_generic(git_pr):
    # humans: fiber #966 ("Update README.md"), fiber #1168 ("Update memory.go"), both 0.25 before
    for number in (966, 1168):
        assert not commit_message_uniformity(git_pr("fiber", number)).fired, number
    # sentry-python pull ref #1040 (human): "Delete setup.cfg" / "Move only setup.cfg option to setup.py"
    assert not commit_message_uniformity(_commits("Delete setup.cfg", "Move only setup.cfg option to setup.py")).fired
    # every default the web editor writes, with a bare "update" among them: 1 of 7 is under a quarter
    defaults = ("Update app.go", "Create README.md", "Delete foo.txt", "Add files via upload",
                "Rename x.md to y.md", "Update and rename a.md to b.md")
    assert not commit_message_uniformity(_commits(*defaults, "update")).fired


def test_generic_subjects_beside_web_editor_defaults_still_count():
    # sentry-python pull ref #949 (human): "fix: README in dark mode", "wip", "wip", "inline svg?"
    hit = commit_message_uniformity(_commits("fix: README in dark mode", "wip", "wip", "inline svg?"))
    assert hit.value == 0.5 and hit.evidence == "2 of 4 commit subjects are generic (e.g. 'wip')"
    # fiber #256 (human): "Update media links", "." - and a web-editor default beside them adds nothing
    assert commit_message_uniformity(_commits("Update media links", ".")).value == 0.5
    hit = commit_message_uniformity(_commits("Update media links", ".", "Update README.md"))
    assert hit.value == pytest.approx(1 / 3) and hit.evidence.startswith("1 of 3 commit subjects is generic")


# --- issue_link_only ------------------------------------------------------------------------

def test_headings_are_not_the_authors_few_words(aidev_pr):
    # astral-sh/ruff #18293 (agent): "## Summary\n\nCloses #18292." is a bare link, not a few words
    hit = issue_link_only(aidev_pr(3088938532))
    assert hit.value == 0.4 and hit.evidence == "'## Summary Closes #18292.' is all it says"
    template = "## Description\n\n### Related issue\n\nFixes #12"
    assert issue_link_only(PRSnapshot(title="t", body=template)).value == 0.4
    # prebid/Prebid.js #13301 (agent): the author's own few words still count as few words
    assert issue_link_only(aidev_pr(3124839584)).value == 0.25  # "cleans up duplication, related #13299"


def test_a_cut_off_titles_overflow_is_not_the_authors_words(git_pr):
    # human (celestia-core #5054): GitHub's "…ional" from "… filters is intent…", then "Closes #4773"
    hit = issue_link_only(git_pr("celestia-core", 5054))
    assert hit.value == 0.4 and hit.evidence == "'…ional Closes #4773' is all it says"
    # human (celestia-core #5666): "…l based on it (#5638)" then "Partially closes #5550": "Partially" is the author's
    assert issue_link_only(git_pr("celestia-core", 5666)).value == 0.25
    overflow_only = PRSnapshot(title="fix: a long title…", body="…ional (#5638)")
    assert not issue_link_only(overflow_only).fired  # the title's words and link: the author wrote nothing


def test_an_explanation_under_a_heading_is_still_more_than_a_link(git_pr):
    # human (celestia-core #5348): "## Description\n\nMake an interface for the state store.\n\nCloses: #5213"
    assert not issue_link_only(git_pr("celestia-core", 5348)).fired
