"""``ai_disclosure`` reads the answer a PR template's AI-usage section got, not its heading: "## AI
Usage in this PR (choose one)" with "[x] None: No AI tools were used" ticked is no disclosure, and
telling that author their PR "was made with an AI tool" (the kubernetes profile's ``large_ai_pr``)
is false. A person or a database cursor named like a tool ("I asked Devin from the infra team",
"we used a cursor") is no disclosure either. The classifier's text (``without_disclosures``) does
not change: the shipped model keeps reading what it was trained on.

Every template below is written for these tests in the styles common on GitHub (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.app import profiles
from bot.app.config import build
from bot.result import Result
from bot.signals.disclosure import ai_disclosure, without_disclosures
from bot.snapshot import FileChange, PRSnapshot

CHOOSE_ONE = ("Fix the sampling rate rounding.\n\n## AI Usage in this PR (choose one)\n"
              "See [AI Usage Policy](https://example.org/CONTRIBUTING.md#ai-usage-policy).\n"
              "- [{0}] **None**: No AI tools were used in creating this PR\n"
              "- [{1}] **Light**: AI provided minor assistance (formatting, simple suggestions)\n"
              "- [ ] **Heavy**: AI generated most or all of the code changes\n")
NONE_TICKED = CHOOSE_ONE.format("x", " ")
LIGHT_TICKED = CHOOSE_ONE.format(" ", "x")


def _pr(body: str, additions: int = 10) -> PRSnapshot:
    return PRSnapshot(title="Fix rounding", body=body, files=(FileChange("a.go", additions=additions),))


@pytest.mark.parametrize("body", [
    NONE_TICKED,
    "Fix typo.\n\n## AI Disclosure\nSee CONTRIBUTING.md for the policy.\n- [x] I did not use AI tools\n",
    "Fix typo.\n\n## AI usage (pick one)\n- [x] None\n- [ ] Some\n",
    "Fix typo.\n\n### AI assistance\n- [ ] This PR contains AI-generated code\n"
    "- [x] This PR does not contain AI-generated code\n",
    "Fix typo.\n\n## AI Disclosure (required)\n- [x] AI was not used\n- [] Copilot or another assistant was used\n",
    "Fix typo.\n\n## AI Disclosure\nDid you use AI tools to write this PR?\nNo.\n",
    "Fix typo.\n\n## AI Usage\nPlease describe how AI was used, if at all.\nNone\n",
    "Fix typo.\n\n## AI Disclosure\nIf AI was used, describe how and how you checked it.\nN/A\n",
    "Fix typo.\n\n## AI Disclosure\nWas AI used to write this PR?\n- [x] No\n- [ ] Yes\n",
])
def test_a_ticked_or_written_denial_under_an_ai_usage_heading_is_no_disclosure(body):
    assert not ai_disclosure(_pr(body)).fired


@pytest.mark.parametrize("body, answer", [
    (LIGHT_TICKED, "Light: AI provided minor assistance"),
    ("Fix typo.\n\n## AI usage (pick one)\n- [ ] None\n- [x] Copilot was used for autocomplete of the tests\n",
     "Copilot was used for autocomplete"),
    ("Fix typo.\n\n## AI Disclosure\nDid you use AI tools to write this PR?\nYes, Copilot drafted the tests.\n",
     "Yes, Copilot drafted the tests."),
    ("Fix typo.\n\n## AI Disclosure\nIf AI was used, describe how.\nCopilot completed the table tests; I checked each.\n",
     "Copilot completed the table tests"),
    ("I used Copilot to write the tests, is that ok?", "I used Copilot to write the tests"),
])
def test_a_ticked_or_written_use_still_fires_and_is_quoted(body, answer):
    hit = ai_disclosure(_pr(body))
    assert hit.fired and answer in hit.evidence


@pytest.mark.parametrize("body", [
    "I asked Devin from the infra team to review the Terraform part; he approved the IAM changes.",
    "I had Claude (our DBA) check the migration against a production snapshot.",
    "With the help of Devin Smith, I traced the leak to the connection pool.",
    "We used a cursor to page through the results instead of OFFSET.",
    "I used a cursor for the export so memory stays flat on large tables.",
    "Thanks to Jules for pairing on this; we relied on Jules's benchmark harness.",
])
def test_a_person_or_a_database_cursor_is_not_a_tool(body):
    assert not ai_disclosure(_pr(body)).fired


@pytest.mark.parametrize("body", [
    "I used Claude to draft the tests and reviewed each one.",
    "I asked Claude to write the migration, then ran it against a snapshot.",
    "I had Claude Code refactor the parser.",
    "I used Claude Sonnet 4 to write the tests.",
    "With the help of Claude, I traced the leak.",
    "We used Devin to draft this PR.",
    "I used Cursor to write the boilerplate.",
    "I used cursor to write the boilerplate.",
])
def test_the_tools_with_those_names_still_fire(body):
    assert ai_disclosure(_pr(body)).fired


@pytest.mark.parametrize("body, read", [  # what the classifier read before this fix, to the character
    (NONE_TICKED, NONE_TICKED.replace("\n\n## AI Usage in this PR (choose one)\n", "\n")),
    ("Fix typo.\n\n## AI usage (pick one)\n- [x] None\n- [ ] Some\n", "Fix typo.\n- [x] None\n- [ ] Some\n"),
    ("Speeds up the export. I used a cursor for the export so memory stays flat. Tested on 2M rows.",
     "Speeds up the export.  Tested on 2M rows."),
    ("Fixes the leak. I had Claude (our DBA) check the migration. Done.", "Fixes the leak.  Done."),
])
def test_the_classifier_reads_the_same_text_as_before(body, read):
    assert without_disclosures(body) == read


def _kubernetes_findings(body: str):
    config = build([("r", "profile: kubernetes\nprofile_options: {large_pr_lines: 100}\n")]).config
    snap = _pr(body, additions=900)
    result = Result(score=20, band="low", probability=0.2, confidence=0.5, signals=(ai_disclosure(snap),))
    return [f.code for f in profiles.findings(config, snap, result)]


def test_a_large_pr_whose_author_ticked_none_is_not_called_ai_made():
    assert "large_ai_pr" not in _kubernetes_findings(NONE_TICKED)


def test_a_large_pr_whose_author_ticked_ai_use_still_is():
    assert "large_ai_pr" in _kubernetes_findings(LIGHT_TICKED)
