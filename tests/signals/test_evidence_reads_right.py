"""Evidence a person reads is true for the PR, grammatical and says what fired, not more.

Each case comes from reading the App's comment and check run on PRs of the training split
(``../shared/data/git_prs``) and ``examples/``. Only evidence text is under test here: the
values (the classifier's inputs) are asserted unchanged where a case could touch them.
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.signals.claims import issue_link_only
from bot.signals.disclosure import ai_disclosure
from bot.signals.untested import admits_untested
from bot.signals.commits import commit_message_uniformity
from bot.signals.docs_only import docs_only_drive_by
from bot.signals.phrasing import generic_summary_phrasing
from bot.signals.description_weight import line_change, template_weight, tiny_diff_long_body
from bot.snapshot import Commit, FileChange, PRSnapshot


def _commits(*messages: str) -> PRSnapshot:
    return PRSnapshot(title="t", body="", commits=tuple(Commit(message=m) for m in messages))


def test_one_generic_subject_is_singular(git_pr):
    # fiber #4102: "1 of 3 commit subjects are generic (e.g. 'Initial plan')"
    hit = commit_message_uniformity(git_pr("fiber", 4102))
    assert hit.value == 0.5
    assert hit.evidence == "1 of 3 commit subjects is generic (e.g. 'Initial plan')"


def test_several_generic_subjects_stay_plural():
    hit = commit_message_uniformity(_commits("wip", "wip", "fix: README in dark mode", "inline svg?"))
    assert hit.evidence == "2 of 4 commit subjects are generic (e.g. 'wip')"


def test_a_single_generic_commit_is_named_as_the_only_one():
    hit = commit_message_uniformity(_commits("Initial plan"))
    assert hit.value == 1.0
    assert hit.evidence == "the only commit subject is generic: 'Initial plan'"


def _sized(body: str, changed: int) -> PRSnapshot:
    return PRSnapshot(title="t", body=body, additions=changed, deletions=0,
                      files=(FileChange(path="go.mod", additions=changed, deletions=0),), files_changed=1)


@pytest.mark.parametrize("changed, article", [(8, "an"), (11, "an"), (18, "an"), (80, "an"), (1, "a"), (2, "a"),
                                              (12, "a"), (110, "a"), (180, "a"), (200, "a")])
def test_line_counts_take_the_right_article(changed, article):
    # celestia-core #1995: "315-word description for a 8-line change"; sentry-python #5521:
    # "description has 4 headers, 3 bold bullets for a 11-line change"
    body = "## A\n## B\n## C\n## D\n" + "word " * 400
    weight, long_body = template_weight(_sized(body, changed)), tiny_diff_long_body(_sized(body, changed))
    assert weight.evidence.endswith(f" for {article} {changed}-line change")
    if changed <= 40:
        assert long_body.evidence.endswith(f" for {article} {changed}-line change")


@pytest.mark.parametrize("changed, words", [(8, "an 8-line change"), (800, "an 800-line change"),
                                            (8_000, "an 8000-line change"), (11_000, "an 11000-line change"),
                                            (18_500, "an 18500-line change"), (1_100, "a 1100-line change"),
                                            (0, "a 0-line change"), (100, "a 100-line change")])
def test_line_change_words(changed, words):
    assert line_change(changed) == words


def test_real_prs_read_an_8_and_an_11_line_change(git_pr):
    snapshot = git_pr("celestia-core", 1995)
    # 286 words: the Copilot agent's own footer lines ("You can make Copilot smarter ...") are not the author's
    assert tiny_diff_long_body(snapshot).evidence == "286-word description for an 8-line change"
    assert template_weight(git_pr("sentry-python", 5521)).evidence == \
        "description has 4 headers, 3 bold bullets for an 11-line change"


def test_one_of_a_kind_is_singular():
    body = "## Summary\n\n- **One**: x\n- [x] done\n🚀 ship it\n## Two\n## Three\n## Four"
    hit = template_weight(_sized(body, 2))
    assert hit.evidence == "description has 4 headers, 1 bold bullet, 1 checkbox, 1 emoji for a 2-line change"


def test_a_stock_phrase_inside_the_description_does_not_count(git_pr):
    # celestia-core #2437 opens "As part of <issue link>,\nthis PR removes the jitter …" and
    # sentry-python #5143 opens "### Description\nPreviously, …": neither opens with the phrase,
    # and what else they say (one filler word in #5143) is too little to fire on
    body = ("As part of https://github.com/celestiaorg/celestia-core/issues/2237,\nthis PR removes the jitter from "
            "CAT and shares only up to 10 peers the\nseenTx not to overwhelm nodes.")  # celestia-core #2437, as merged
    assert not generic_summary_phrasing(PRSnapshot(title="feat: remove CAT jitter and shuffle before sending seenTx",
                                                   body=body)).fired
    assert not generic_summary_phrasing(git_pr("sentry-python", 5143)).fired


@pytest.mark.parametrize("body", ["This PR adds a robust flag.", "## Why\n\nThis PR adds a robust flag.",
                                  "> This PR adds a robust flag.", "  **This PR adds** a robust flag."])
def test_a_description_that_starts_with_the_phrase_opens_with_it(body):
    # a filler word beside it: the opening alone no longer fires (tests/signals/test_signal_audit_fixes.py)
    hit = generic_summary_phrasing(PRSnapshot(title="t", body=body))
    assert hit.evidence == "opens 'This PR adds'; filler words robust"  # the words, without the quote or bold marks


def test_docs_only_evidence_names_the_files_without_repeating_what_the_comment_says(git_pr):
    # fiber #3475: "Only a small documentation or community-file change: only documentation changed:
    # AGENTS.md (4 lines)"; celestia-core #2879 called a CODEOWNERS edit "documentation"
    hit = docs_only_drive_by(git_pr("fiber", 3475))
    assert hit.value == pytest.approx(0.56)
    assert hit.evidence == "AGENTS.md (4 lines)"
    codeowners = PRSnapshot(title="chore: update CODEOWNERS to use protocol team", body="", additions=7, deletions=9,
                            files=(FileChange(path=".github/CODEOWNERS", additions=7, deletions=9),), files_changed=1)
    assert not docs_only_drive_by(codeowners).fired  # bookkeeping alone: quiet, so it is called nothing


def test_issue_link_only_quotes_the_description_once(git_pr):
    # sentry-python #6633: "The description is only a link to an issue, …: the description is only
    # 'Fixes PY-2546 Fixes #6632' with no explanation"
    hit = issue_link_only(git_pr("sentry-python", 6633))
    assert hit.value == 0.25
    assert hit.evidence == "'Fixes PY-2546 Fixes #6632' is all it says"


def _careful_example() -> PRSnapshot:
    import json

    from bot.loaders.records import record_from_value
    from bot.paths import templates_dir

    path = templates_dir().parent / "examples" / "careful-ai-pr.json"
    return record_from_value(json.loads(path.read_text(encoding="utf-8")), str(path)).snapshot


def test_a_quote_cut_at_a_wrapped_line_says_that_it_goes_on():
    # examples/careful-ai-pr.json wraps its description at 80 columns: the quotes ended mid-sentence
    # ("… I reviewed and trimmed it and'") and began mid-sentence ("'valid file as a control) and
    # ran …"), reading as if the author had written fragments
    snapshot = _careful_example()
    disclosed = ai_disclosure(snapshot)
    assert disclosed.value == 1.0
    assert disclosed.evidence == ("the description says 'I used Claude Code to draft the test table; "
                                  "I reviewed and trimmed it and…'")
    tested = explains_testing(snapshot)
    assert tested.value == 1.0
    assert tested.evidence == ("says how it was tested: '…valid file as a control) and ran "
                               "`go test ./internal/config/...` plus the…'")


@pytest.mark.parametrize("body, quoted", [
    ("I used Copilot to write the docstrings and checked each one.", "'I used Copilot to write the docstrings and checked each one.'"),
    ("Some context.\nI used Copilot to write the docstrings.\n\nMore.", "'I used Copilot to write the docstrings.'"),
    ("Notes:\nI used Copilot to write the docstrings\n- and nothing else", "'I used Copilot to write the docstrings'"),
])
def test_a_whole_line_or_sentence_is_quoted_without_marks(body, quoted):
    assert ai_disclosure(PRSnapshot(title="t", body=body)).evidence == f"the description says {quoted}"


def test_a_test_command_late_in_a_long_line_is_in_its_quote():
    body = ("This change reworks how the retry loop computes its delay so that a burst of failures no "
            "longer hammers the server, and I checked it by running `go test ./internal/retry/... -run Backoff` twice.")
    hit = explains_testing(PRSnapshot(title="t", body=body))
    assert hit.value == 1.0 and "`go test ./internal/retry/... -run Backoff`" in hit.evidence
    assert hit.evidence.startswith("says how it was tested: '…") and len(hit.evidence) < 160


def test_a_tested_line_inside_wrapped_prose_is_marked_on_both_sides():
    body = "I changed the parser so that\nI ran the unit tests locally and they\npass on Linux and macOS."
    hit = explains_testing(PRSnapshot(title="t", body=body))
    assert hit.value == 0.7
    assert hit.evidence == "says how it was tested: '…I ran the unit tests locally and they…'"


def test_an_untested_admission_in_a_list_item_is_quoted_as_it_stands():
    body = "Changes:\n- bump the parser\n- not tested on Windows yet\n"
    hit = admits_untested(PRSnapshot(title="t", body=body))
    assert hit.value == 1.0 and hit.evidence == "says '- not tested on Windows yet'"


def test_uniform_commit_bodies_are_called_alike_in_shape_not_the_same():
    # fiber #4494 and liam #1877/#3198: "10 of 10 commits have the same long bullet-list body", yet
    # every body says something different; what they share is their shape and length
    bodies = [f"feat: part {i}\n\n" + "\n".join(f"- change {i}.{j} to the parser and its callers in module {j}"
                                                 for j in range(5)) for i in range(4)]
    hit = commit_message_uniformity(_commits(*bodies))
    assert hit.value > 0.9
    assert hit.evidence.startswith("4 of 4 commits have long bullet-list bodies of one shape (~5 bullets, ~")
    assert "the same" not in hit.evidence
