"""``ai_disclosure`` under an AI-usage section (review-texts #1, #4, #8): a written denial is no
disclosure wherever in the answer's first clause it negates AI use or says a person wrote it, and a
past habit or a tool switched off is not this PR's ("I used to use Copilot; this one is
hand-written"). Under ``profile: kubernetes`` such a 600-line PR was told it "was made with an AI
tool". A real disclosure with a partial denial still fires. The evidence quotes the author's answer
and names the section, not the heading ("## AI Usage"), and keeps identifiers' underscores
(``__init__.py``, ``__main__``, ``_private_helper``). The classifier's text (``without_disclosures``)
does not change.

Every description below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.app import profiles
from bot.app.config import build
from bot.result import Result
from bot.signals.disclosure import ai_disclosure, without_disclosures
from bot.snapshot import FileChange, PRSnapshot


def _pr(body: str, additions: int = 10) -> PRSnapshot:
    return PRSnapshot(title="Keep FIFO order in queue sort", body=body,
                      files=(FileChange("pkg/scheduler/queue.go", additions=additions),))


def _hit(body: str):
    return ai_disclosure(_pr(body))


DENIALS = [
    "## AI Usage\nThis PR was written without AI assistance.",
    "## AI Usage\nThis change was written entirely by hand.",
    "## AI disclosure\nAll code written by me, no AI.",
    "## AI disclosure\nHuman-written; I don't use Copilot.",
    "## AI Usage\nI used to use Copilot; this one is hand-written.",
    "## AI Usage\nI used to use Copilot but not for this PR",
    "## AI Usage\nI usually use Copilot, but it was switched off for this PR.",
    "## AI Usage\nThe whole patch was written without any AI tools or Copilot.",
    "## AI Usage (required)\n- [x] This PR was written without AI assistance\n- [ ] Copilot helped\n",
]


@pytest.mark.parametrize("body", DENIALS)
def test_a_written_denial_under_an_ai_usage_section_is_no_disclosure(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body, answer", [
    ("## AI disclosure\nHand-written parser; Copilot wrote the tests.", "Copilot wrote the tests"),
    ("AI disclosure: 50% Copilot", "50% Copilot"),
    ("## AI Usage\nThis PR was written without AI assistance, but Copilot wrote the docs.", "Copilot wrote the docs"),
    ("## AI Usage\nCopilot generated the handler and I have not used any other tools.", "Copilot generated the handler"),
    ("## AI Usage\nI used to use Copilot; now Claude Code writes most of it.", "now Claude Code writes most"),
    ("## AI Usage\nWritten by hand, except ChatGPT drafted the tests.", "ChatGPT drafted the tests"),
    ("## AI Usage\nCopilot suggested the retry loop.", "Copilot suggested the retry loop."),
    ("## AI Usage\nI usually use Copilot for autocomplete.", "I usually use Copilot for autocomplete."),
])
def test_a_disclosure_with_a_partial_denial_still_fires(body, answer):
    hit = _hit(body)
    assert hit.fired and answer in hit.evidence


def _kubernetes_findings(body: str):
    config = build([("r", "profile: kubernetes\n")]).config
    snap = _pr(body, additions=600)
    result = Result(score=20, band="low", probability=0.2, confidence=0.5, signals=(ai_disclosure(snap),))
    return [f.code for f in profiles.findings(config, snap, result)]


def test_a_600_line_pr_that_says_it_was_written_without_ai_is_not_called_ai_made():
    assert "large_ai_pr" not in _kubernetes_findings(
        "Reworks the queue sort so pods with equal priority keep FIFO order.\n\n"
        "## AI Usage\nThis PR was written without AI assistance.\n")


def test_a_600_line_pr_that_discloses_still_is():
    assert "large_ai_pr" in _kubernetes_findings(
        "Reworks the queue sort.\n\n## AI Usage\nHand-written parser; Copilot wrote the tests.\n")


@pytest.mark.parametrize("body, quoted", [
    ("## AI Usage\n- [x] Copilot wrote __init__.py and the __main__ guard",
     "'Copilot wrote __init__.py and the __main__ guard'"),
    ("## AI Usage\nCopilot suggested the __slots__ declaration in pool.py", "the __slots__ declaration"),
    ("## AI disclosure\nClaude wrote _private_helper and *most* of the tests",
     "'Claude wrote _private_helper and most of the tests'"),
    ("## AI disclosure\nCopilot wrote _private_helper_ and __dunder__x", "_private_helper_ and __dunder__x"),
    ("## AI disclosure\n_Copilot_ wrote __most of the tests__", "'Copilot wrote most of the tests'"),
])
def test_the_answer_keeps_identifiers_underscores_and_drops_emphasis(body, quoted):
    assert quoted in _hit(body).evidence


@pytest.mark.parametrize("body, section, answer", [
    ("Fix the pager.\n\n## AI Usage\nClaude Code generated the table tests; I checked each.",
     "AI Usage", "Claude Code generated the table tests; I checked each."),
    ("Fix.\n\n### **AI Disclosure** (required)\n- [ ] None\n- [x] Copilot completed the parser",
     "AI Disclosure", "Copilot completed the parser"),
])
def test_the_evidence_quotes_the_answer_and_names_the_section_not_the_heading(body, section, answer):
    evidence = _hit(body).evidence
    assert evidence == f"the description's '{section}' section says '{answer}'"
    assert "#" not in evidence


def test_a_label_answered_on_its_own_line_is_quoted_as_before():
    assert _hit("AI disclosure: 50% Copilot").evidence == "the description says 'AI disclosure: 50% Copilot'"


@pytest.mark.parametrize("body, read", [  # what the classifier read before this change, to the character
    ("Fix.\n\n## AI Usage\nThis PR was written without AI assistance.\n",
     "Fix.\nThis PR was written without AI assistance.\n"),
    ("Fix.\n\n## AI Usage\nI used to use Copilot; this one is hand-written.\n", "Fix.\n"),
    ("Fix.\n\n## AI disclosure\nHuman-written; I don't use Copilot.\n", "Fix.\nHuman-written; I don't use Copilot.\n"),
])
def test_the_classifier_reads_the_same_text_as_before(body, read):
    assert without_disclosures(body) == read
