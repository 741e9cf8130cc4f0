"""``ai_disclosure`` reads "Claude", "Devin" or "Jules" as a person only on evidence bound to that
mention: a surname right after it on its line, "(our DBA)", ", our DBA" or "from the infra team"
attached to it, or a thanks in its own sentence. A capitalised word on the next line, a "he" elsewhere
in the sentence, an "(an AI assistant)" or a thanks in another sentence left real disclosures unread,
and those authors were asked to disclose. A "cursor" after "the" is the editor when the editor is named.

Every text below is written for these tests (none is a record's).
"""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure, without_disclosures
from bot.snapshot import PRSnapshot


def _hit(body: str):
    return ai_disclosure(PRSnapshot(title="Fix the parser", body=body))


@pytest.mark.parametrize("body, said", [
    ("Written with Claude\n\nChanges:\n- fix the parser on nil input", "Written with Claude"),
    ("Created by Devin\nThe parser now handles nil.", "Created by Devin"),
    ("I used Claude to draft the migration and then asked Sam whether his schema still fits.",
     "I used Claude to draft the migration"),
    ("I used Claude to draft this and he was great", "I used Claude to draft this"),
    ("Thanks Claude for the review! Generated with Claude", "Generated with Claude"),
    ("Thanks to Devin for the bug report.\n\nI used Devin to write the fix.", "I used Devin to write the fix"),
    ("I used Claude (an AI assistant) to draft the tests.", "I used Claude (an AI assistant)"),
    ("Built using the cursor editor", "Built using the cursor editor"),
])
def test_a_disclosure_without_person_evidence_bound_to_the_name_fires(body, said):
    hit = _hit(body)
    assert hit.fired and said in hit.evidence


@pytest.mark.parametrize("body", [
    "I asked Devin from the infra team to review the Terraform part; he approved the IAM changes.",
    "I had Claude (our DBA) check the migration against a production snapshot.",
    "I asked Claude, our DBA, to check the migration.",
    "With the help of Devin Smith, I traced the leak to the connection pool.",
    "Thanks to Jules for pairing on this; we relied on Jules's benchmark harness.",
    "We used a cursor to page through the results instead of OFFSET.",
])
def test_evidence_bound_to_the_mention_still_names_a_person_or_a_database_cursor(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body, read", [  # the classifier's text is the same, person or not
    ("Written with Claude\n\nChanges:\n- fix", "\nChanges:\n- fix"),
    ("Fixes the leak. I had Claude (our DBA) check the migration. Done.", "Fixes the leak.  Done."),
])
def test_the_classifier_reads_the_same_text(body, read):
    assert without_disclosures(body) == read
