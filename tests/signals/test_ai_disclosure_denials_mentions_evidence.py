"""ai_disclosure (review-sig3 #8): a denial with no negation word ("100% human-written", "I wrote
all of this myself", "0%"), a label's own "policy:" before a denial, a past habit ("I used to
use Copilot") and "AI disclosure" mentioned mid-sentence (a PR about the policy) are no
disclosure; the quoted answer keeps its identifiers' underscores. Real disclosures still fire."""

from __future__ import annotations

import pytest

from bot.signals.disclosure import ai_disclosure
from bot.snapshot import PRSnapshot


def _hit(body: str):
    return ai_disclosure(PRSnapshot(title="t", body=body))


@pytest.mark.parametrize("body", [
    "## AI disclosure\n100% human-written.",
    "AI disclosure: written by hand, no assistants.",
    "## AI disclosure\n100% human-written, no AI tools.",
    "### AI Disclosure\nI wrote all of this myself.",
    "AI disclosure: 0%",
    "AI disclosure policy: no AI was used.",
    "I used to use Copilot, but I turned it off for this project; everything here is hand-written.",
    "This PR adds an AI disclosure section to `.github/pull_request_template.md`",
    "Documents our AI disclosure rules in CONTRIBUTING.md",
])
def test_denials_habits_and_mentions_are_no_disclosure(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body", [
    "## AI disclosure\nCopilot wrote the tests.",
    "AI disclosure: 50% Copilot",
    "AI disclosure policy: Copilot wrote the tests",
    "**AI disclosure**: Claude drafted the parser.",
    "- [x] AI disclosure: Copilot wrote tests",
    "## AI disclosure\nHand-written parser; Copilot wrote the tests.",
    "I used Copilot to write the tests.",
])
def test_disclosures_still_fire(body):
    assert _hit(body).fired


@pytest.mark.parametrize("body,quoted", [
    ("## AI disclosure\nCopilot completed `load_user_settings` and `parse__dunder__`.",
     "`load_user_settings` and `parse__"),
    ("## AI disclosure\n- [x] Copilot wrote `__init__` boilerplate in my_module/__init__.py",
     "`__init__` boilerplate in my_module/__init__."),
    ("## AI disclosure\n- [x] **Light**: _Copilot_ suggested names", "Light: Copilot suggested names"),
])
def test_the_answer_keeps_identifiers_and_drops_emphasis(body, quoted):
    assert quoted in _hit(body).evidence
