"""Claims a contributor reads in PR Sieve's comment that were false, pinned with real
training-split texts (AIDev rows outside the evaluation hash, git_prs repositories other than
jaeger and gluesql) where there are some, and minimal crafted texts otherwise."""

from __future__ import annotations

import pytest

from bot.signals import hits
from bot.signals.care import explains_testing
from bot.signals.claims import claims_tests_without_tests
from bot.signals.disclosure import ai_disclosure, without_disclosures
from bot.signals.untested import admits_untested
from bot.snapshot import FileChange, PRSnapshot


def _untested(body: str):
    return admits_untested(PRSnapshot(title="pkg: run plugins in a restricted runner", body=body))


# --- admits_untested: only the author's own admission ----------------------------------------

def test_a_cross_item_describing_the_features_output_is_no_admission(aidev_pr):
    # dotnet/aspire #9646: "- ❌ for zero tests (with `--error-on-zero-tests`)" is the exit code's meaning
    snapshot = aidev_pr(3111323650)
    assert "\u274c for zero tests" in snapshot.body
    assert not admits_untested(snapshot).fired


def test_a_cross_item_naming_the_bug_being_fixed_is_no_admission(aidev_pr):
    # dotnet/aspire #9816: "6. ❌ **Timeout**: Test times out after 10 seconds …" (the failure the PR fixes)
    snapshot = aidev_pr(3135639537)
    assert "\u274c **Timeout**" in snapshot.body
    assert not admits_untested(snapshot).fired


def test_a_cross_item_about_coverage_before_the_change_is_no_admission(aidev_pr):
    # microsoft/testfx #5682: "- ❌ 0% VB test coverage for analyzers" (what the PR adds tests for)
    snapshot = aidev_pr(3112770705)
    assert "\u274c 0% VB test coverage" in snapshot.body
    assert not admits_untested(snapshot).fired


def test_a_cross_item_saying_a_check_was_not_run_still_fires(aidev_pr):
    # different-ai/note-companion #327: "- ❌ Not tested locally (requires Ollama setup)"
    hit = admits_untested(aidev_pr(2861225683))
    assert hit.value == 1.0 and "Not tested locally" in hit.evidence


def test_a_cross_item_with_a_failing_command_still_fires(aidev_pr):
    # OpenHFT/Chronicle-Core #710: "- ❌ `mvn test` *(failed: `mvn` not installed)*"
    hit = admits_untested(aidev_pr(3070996561))
    assert hit.fired and "`mvn test` *(failed" in hit.evidence


def test_a_first_person_admission_still_fires(aidev_pr):
    # jnsahaj/tweakcn #97: "I was unable to test the changes locally due to a missing DATABASE_URL …"
    hit = admits_untested(aidev_pr(3084701052))
    assert hit.fired and "unable to test the changes locally" in hit.evidence


def test_what_the_change_stops_a_plugin_doing_is_no_admission():
    body = ("Sandboxed scripts now run in a restricted runner: with this change we cannot execute "
            "arbitrary shell commands from a plugin any more.")
    assert not _untested(body).fired
    assert not _untested("After this fix we can't run two migrations at once, which was the race.").fired


def test_not_running_into_a_problem_is_no_admission():
    assert not _untested("I didn't run into any issue with the new parser on our fixtures.").fired


def test_not_being_able_to_run_a_check_still_fires():
    hit = _untested("We couldn't run the integration tests: the staging cluster was down.")
    assert hit.fired and "couldn't run the integration tests" in hit.evidence
    assert _untested("I was not able to run `pnpm generate` here.").fired


def test_a_quoted_issue_line_is_not_the_authors_admission():
    body = ("Closes #12.\n\n> I couldn't test this on Windows, can someone fix it?\n\nThis moves the path "
            "handling to filepath.Join. Tested with `go test ./pkg/...` on Linux and Windows.")
    assert not _untested(body).fired
    # the same words outside a quote are the author's
    assert _untested(body.replace("> I couldn't", "I couldn't")).fired


def test_a_partial_admission_that_says_how_it_was_tested_stays_quiet():
    body = "I couldn't test on macOS (no machine), but I ran `go test ./...` on Linux and it passes."
    snapshot = PRSnapshot(title="pkg: paths", body=body)
    assert explains_testing(snapshot).fired  # read as care: "please run the tests" would ask for what was done
    assert not admits_untested(snapshot).fired
    assert not _untested("Tests pass on Linux, but I couldn't test this on Windows.").fired


def test_an_admission_without_the_testing_done_still_fires():
    hit = _untested("I couldn't test on macOS (no machine), so it needs a check from someone who has one.")
    assert hit.fired and "couldn't test on macOS" in hit.evidence
    # "but" alone is no testing done
    assert _untested("I haven't tested this, but the change is small.").fired


# --- evidence quotes the words that fired, not only the start of their line ------------------

def _quoted(evidence: str) -> str:
    return evidence.split("'", 1)[1].rsplit("'", 1)[0]


def test_an_admission_late_in_a_long_line_is_quoted(aidev_pr):
    # OpenPipe/ART #130: "This is based on the [DAPO paper](…), which found better results with these
    # values. I haven't yet tested independently." was quoted as "This is based on … results wit…"
    hit = admits_untested(aidev_pr(3078301523))
    assert "I haven't yet tested independently." in hit.evidence
    assert _quoted(hit.evidence).startswith("…") and len(_quoted(hit.evidence)) <= 100


def test_a_long_failing_command_keeps_its_fails(aidev_pr):
    # oven-sh/bun #20030: "- `bun bd --silent node:test test/js/node/test/parallel/test-whatwg-url-custom-…
    # …searchparams-constructor.js` *(fails: …)*" was quoted up to "…-constru…", without "fails"
    hit = admits_untested(aidev_pr(3101546843))
    assert "*(fails" in hit.evidence and len(_quoted(hit.evidence)) <= 100


def test_a_short_admission_line_is_quoted_whole():
    hit = admits_untested(PRSnapshot(title="t", body="Fixes the parser.\n\nI haven't tested this on Windows."))
    assert _quoted(hit.evidence) == "I haven't tested this on Windows."


def test_a_test_claim_late_in_a_long_line_is_quoted():
    body = ("This refactors the connection pool so that idle connections are closed once the configured "
            "timeout passes, and I added unit tests for the eviction path.")
    snapshot = PRSnapshot(title="pool: close idle connections", body=body,
                          files=(FileChange("pool/pool.go", additions=20, deletions=3),))
    hit = claims_tests_without_tests(snapshot)
    assert hit.fired and "added unit tests" in hit.evidence
    quoted = _quoted(hit.evidence.rsplit(" but ", 1)[0])
    assert quoted.startswith("…") and len(quoted) <= 80


def test_a_short_test_claim_line_is_quoted_whole():
    snapshot = PRSnapshot(title="pool", body="Added unit tests for the pool.",
                          files=(FileChange("pool/pool.go", additions=20, deletions=3),))
    assert "'Added unit tests for the pool.' but the only changed file" in claims_tests_without_tests(snapshot).evidence


def test_a_window_is_cut_on_words_and_marked_on_each_cut_side():
    text = "alpha " * 20 + "THE WORDS" + " omega" * 20
    start = text.index("THE WORDS")
    window = hits.excerpt_around(text, start, start + 9, 40)
    assert window.startswith("…alpha") and window.endswith("omega…") and "THE WORDS" in window
    assert len(window) <= 40 and "alph…" not in window
    line = "x" * 30 + "MATCH" + "y" * 200
    start = line.index("MATCH")
    long = hits.excerpt_around(line, start, len(line), 40)  # a match longer than the room: its start and its end
    assert long.startswith("…MATCH") and long.endswith("y") and "…" in long[1:] and len(long) <= 40


# --- ai_disclosure: passive-voice disclosures ------------------------------------------------
# No training-split description or commit message says it this way (none changes), so these are
# crafted: a missed disclosure stays in the text the classifier reads, and a project that asks
# for one is told none was made.

def _disclosure(sentence: str):
    return ai_disclosure(PRSnapshot(title="parser: handle empty input",
                                    body="Fix the parser for empty input.\n\n" + sentence))


@pytest.mark.parametrize("sentence", [
    "AI was used to write the initial draft, which I then reviewed and tested.",
    "Claude Code was used to draft the tests; I reviewed and ran them.",
    "Copilot was used for autocomplete.",
    "AI tools were partly used for the docs.",
    "GPT-4 has been used to draft the migration notes.",
    "Cursor was used to generate the boilerplate.",
    "This PR was assisted by Claude Code.",
    "AI helped me write the tests.",
    "An LLM assisted with the port to Go.",
])
def test_a_passive_disclosure_is_one(sentence):
    hit = _disclosure(sentence)
    assert hit.fired and sentence[:20] in hit.evidence
    text = "Fix the parser for empty input.\n\n" + sentence
    assert sentence not in without_disclosures(text) and "Fix the parser" in without_disclosures(text)


@pytest.mark.parametrize("sentence", [
    "No AI was used.",
    "AI was not used in this PR.",
    "AI wasn't used.",
    "No AI tools were used in this PR.",
    "Neither Copilot nor ChatGPT was used.",
    "The cursor was used after the connection closed.",  # a database cursor
    "A cursor was used for pagination.",
    "The AI helped users find answers faster.",  # what an AI feature does, not who wrote the code
])
def test_a_denial_or_a_description_is_no_passive_disclosure(sentence):
    assert not _disclosure(sentence).fired
