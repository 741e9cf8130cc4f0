"""``claims_tests_without_tests`` quotes only claims that tests were written.

A careful author says what the PR lacks: "I didn't add tests", "I'll add tests in a follow-up",
"I can add tests if needed", or marks a checklist item as left out with "[NA]", "[-]" or "[]".
Quoting those back as claims tells an honest person they misrepresented their PR.
"""

from __future__ import annotations

import pytest

from bot.signals import hits
from bot.signals.claims import claims_tests_without_tests
from bot.snapshot import FileChange, PRSnapshot


def _hit(body: str, paths=("pkg/server/handler.go",)):
    files = tuple(FileChange(path=p, additions=3, deletions=1) for p in paths)
    return claims_tests_without_tests(PRSnapshot(title="Fix handler", body=body, files=files))


@pytest.mark.parametrize("body", [
    "I have not added tests because this is a docs change",
    "I didn't add tests.",
    "I didn\u2019t add tests.",
    "I haven't written tests yet.",
    "Did not add tests since it's a one-line fix.",
    "No new tests added: covered by existing ones",
    "There are no new tests in this PR.",
    "This PR doesn't include tests.",
    "Couldn't add unit tests because the code talks to hardware.",
    "Never wrote tests for this module; it is a prototype.",
])
def test_a_negated_test_statement_is_no_claim(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body", [
    "I will add tests in a follow-up PR.",
    "I'll add unit tests later",
    "TODO: add tests",
    "Follow-up: add integration tests",
    "Next steps: write tests for the retry path",
    "Will write tests once the API settles.",
    "Adding tests is tracked in #123.",
    "Add tests in a separate PR once the schema is final.",
])
def test_a_deferred_test_statement_is_no_claim(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body", [
    "I can add tests if needed",
    "Happy to add tests if you want.",
    "Let me know if I should write a test for this.",
])
def test_an_offer_to_add_tests_is_no_claim(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("mark", ["[NA]", "[na]", "[N/A]", "[-]", "[]", "[~]", "[Not needed]", "[NOT NEEDED]",
                                  "[not applicable]", "[skip]"])
def test_a_checklist_item_marked_as_left_out_is_no_claim(mark):
    body = f"## Checklist\n- [x] I have read the contributing guide\n- {mark} I have added unit tests for the change\n"
    assert not _hit(body).fired
    assert "unit tests" not in hits.without_unchecked_boxes(body)


def test_a_tag_or_a_link_in_a_list_item_is_kept():
    text = "- [core] Added unit tests for the parser\n- [Docs](https://example.com/docs) updated"
    assert hits.without_unchecked_boxes(text) == text
    assert _hit("- [core] Added unit tests for the parser").fired


def test_a_ticked_item_struck_through_is_taken_back():
    assert not _hit("- [x] ~~I have added unit tests for the new functionality~~ (docs only)").fired


def test_the_common_checklist_line_about_running_tests_is_no_claim():
    body = ("## Checklist\n- [x] My code follows the style guidelines of this project\n"
            "- [ ] I have added tests that prove my fix is effective or that my feature works\n"
            "- [x] New and existing unit tests pass locally with my changes\n")
    assert not _hit(body).fired


def test_a_ticked_item_with_a_negation_is_no_claim():
    assert not _hit("- [x] I did not add tests (the change is a log message)").fired


@pytest.mark.parametrize("body", [
    "Added unit tests",
    "I added tests for the retry path.",
    "Fixed the crash when no config is set and added tests",
    "No API change, added unit tests.",
    "No breaking changes: added tests for the parser",
    "Refactored the loader without changing behaviour and added regression tests",
    "This PR will add unit tests for the parser",
    "Previously this could fail. Added a regression test.",
    "- [x] I have added tests that prove my fix is effective",
    "- [x] Added/updated tests",
    "Unit tests were added for the new endpoint",
])
def test_a_claim_without_a_test_file_still_fires(body):
    hit = _hit(body)
    assert hit.value == 1.0 and hit.evidence.endswith("but the only changed file is not a test")


@pytest.mark.parametrize("body", [
    "I cannot add tests for the hardware path.",
    "I haven't had time to add tests.",
    "No need to add tests: the change is a log message.",
    "- [x] No new tests added",
    "No unit tests were added.",
    "Fixed the bug and will add tests in a follow-up PR.",
    "- Will add tests once the API settles",
    "I will also add unit tests after review.",
    "Tests will be added in a separate PR.",
    "Adding tests is still pending.",
    "Add unit tests later.",
])
def test_a_negation_or_deferral_of_the_claims_own_verb_is_no_claim(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("body", [
    # a word near the claim that describes the code, not the claim (review-sigfix #1)
    "Added unit tests in a separate file `handler_extra_test.go` to cover the retry path.",
    "Added tests as a follow-up to the review comments from @alice.",
    "Added unit tests not only for the happy path but also for edge cases.",
    "The function will now retry failed writes with new unit tests.",
    "These changes will add unit tests for the parser and fix the crash.",
    "Users can now configure retries with new unit tests covering the option",
    "Fix the panic that would occur on nil maps with new regression tests",
    "Fix the case where the parser does not handle empty input with new unit tests",
    "Return an error when the value is None with new tests for each path",
    "Use a map instead of a list with new unit tests",
    "Refactored the loader to be faster with new unit tests",
    "Make Close a no-op when already closed with new tests",
    "Works without network access with new unit tests",
    "Removed the need to restart with new unit tests",
    "Fixes a bug that could crash the server with new unit tests",
    "Added tests pending state transitions",
    "Added tests tracked under the e2e suite",
    "Added unit tests later in the file for edge cases",
    "Added tests yet again for the regression",
    # a ticked item whose "No" belongs to another clause than the claim
    "- [x] No new warnings introduced by added tests",
])
def test_a_word_near_the_claim_that_does_not_govern_its_verb_leaves_the_claim(body):
    hit = _hit(body)
    assert hit.value == 1.0 and hit.evidence.endswith("but the only changed file is not a test")
