"""Disclosure edges found in review: a template's unticked option, a model name with letters after its
number, and the testing evidence quoted around the words that fired."""

from __future__ import annotations

from bot.signals.care import explains_testing
from bot.signals.disclosure import ai_disclosure, statements
from bot.snapshot import PRSnapshot


def _pr(body: str) -> PRSnapshot:
    return PRSnapshot(title="Fix the retry loop", body=body)


def test_an_unticked_template_option_is_not_a_disclosure():
    body = "Fixes the retry loop.\n\n- [ ] I used Copilot or another AI tool to write this\n- [x] I wrote it myself"
    assert statements(body) == ()
    assert ai_disclosure(_pr(body)).value == 0


def test_a_ticked_option_and_a_sentence_still_are():
    assert statements("- [x] I used Copilot to write the tests")
    assert statements("Fixes the retry loop. I used Copilot to draft the tests and reviewed them.")


def test_a_model_name_with_letters_after_its_number_is_a_keyword():
    assert ai_disclosure(_pr("I used GPT-4o to draft the migration, then checked every step by hand.")).value > 0


def test_testing_evidence_shows_the_words_that_fired():
    body = ("This is based on the approach the upstream maintainers described in their design document for "
            "retries, which found better behaviour under load; I tested it against the staging cluster for a day.")
    hit = explains_testing(_pr(body))
    assert hit.value > 0 and "tested it against the staging cluster" in hit.evidence


def test_the_classifier_does_not_read_an_unticked_option_either():
    """No disclosure for the signal, but the template's words, not the author's: before this
    session the model never read them (they counted as a disclosure), and it still does not."""
    from bot.signals.disclosure import without_disclosures

    body = "Fixes the retry loop.\n\n- [ ] I used Copilot or another AI tool to write this\n- [x] I wrote it myself"
    assert "Copilot" not in without_disclosures(body) and "Fixes the retry loop." in without_disclosures(body)
