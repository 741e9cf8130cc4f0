"""ai_attribution and ai_disclosure on real records: they say *that* AI took part, as kind "ai"."""

from __future__ import annotations

from bot.signals.attribution import ai_attribution
from bot.signals.disclosure import ai_disclosure
from bot.snapshot import Commit, PRSnapshot


def test_claude_trailer_fires_only_when_the_removed_lines_are_back(git_pr):
    # sentry-python #6865: the stored text had its Co-authored-by trailer stripped.
    stripped = ai_attribution(git_pr("sentry-python", 6865))
    restored = ai_attribution(git_pr("sentry-python", 6865, restore_removed=True))
    assert not stripped.fired and stripped.evidence == ""
    assert restored.value == 1.0 and restored.kind == "ai"
    assert "Co-authored-by: Claude" in restored.evidence


def test_claude_code_footer_is_named(git_pr):
    hit = ai_attribution(git_pr("liam", 3373, restore_removed=True))
    assert hit.value == 1.0 and "Generated with [Claude Code]" in hit.evidence


def test_copilot_review_suggestion_is_only_a_weak_marker(git_pr):
    hit = ai_attribution(git_pr("fiber", 4597, restore_removed=True))
    assert hit.value == 0.5 and "175728472+Copilot" in hit.evidence


def test_agent_accounts_fire_from_identity(aidev_pr):
    copilot = ai_attribution(aidev_pr(3082257267, keep_identity=True))  # author_login "Copilot"
    assert copilot.value == 1.0 and "'Copilot'" in copilot.evidence
    anonymous = ai_attribution(aidev_pr(3082257267))  # identity dropped, as in training
    assert not anonymous.fired


def test_agent_branch_and_commit_email_fire():
    branch = ai_attribution(PRSnapshot(title="x", head_branch="codex/fix-parser"))
    assert branch.fired and "codex/fix-parser" in branch.evidence
    email = ai_attribution(PRSnapshot(title="x", commits=(
        Commit("fix", author_name="Cursor Agent", author_email="cursoragent@cursor.com"),)))
    assert email.fired and "cursoragent@cursor.com" in email.evidence


def test_human_names_that_contain_agent_words_do_not_fire():
    snapshot = PRSnapshot(title="x", author_login="claude", head_branch="fix/cursor-position",
                          body="Move the cursor after paste.\n\nCo-authored-by: Jane Doe <jane@example.com>")
    assert not ai_attribution(snapshot).fired


def test_pre_2022_human_record_has_no_marker(git_pr):
    assert not ai_attribution(git_pr("celestia-core", 4035, restore_removed=True)).fired


def test_disclosure_quotes_the_sentence(aidev_pr):
    hit = ai_disclosure(aidev_pr(3132919091))  # Codex PR whose author says what they changed
    assert hit.value == 1.0 and hit.kind == "ai"
    assert "originally written by codex" in hit.evidence


def test_first_person_cursor_disclosure(aidev_pr):
    hit = ai_disclosure(aidev_pr(3135538721))
    assert hit.fired and "Built using Cursor Background Agent" in hit.evidence


def test_product_named_ai_assisted_is_not_a_disclosure(aidev_pr):
    # "a new port for the NVIDIA AI-Assisted Annotation Client": a product name, not a statement
    assert not ai_disclosure(aidev_pr(3134692878)).fired


def test_negated_or_plain_descriptions_do_not_fire(git_pr):
    assert not ai_disclosure(PRSnapshot(title="x", body="No AI was used. I did not use Copilot for this.")).fired
    assert not ai_disclosure(git_pr("sentry-python", 2394)).fired


def test_trailer_padded_with_spaces_is_scanned_in_linear_time():
    # "Co-authored-by:" and 4,000 spaces in each of 50 commits took ~20 s (the two runs of white
    # space in the trailer pattern could split the padding every possible way)
    import time

    padded = PRSnapshot(title="t", commits=tuple(Commit("Fix\n\nCo-authored-by:" + " " * 4_000) for _ in range(50)),
                        body="Co-authored-by:" + " " * 8_000)
    start = time.process_time()
    assert not ai_attribution(padded).fired
    assert time.process_time() - start < 1.0
    for trailer in ("Co-authored-by:  \t Claude", "Co-authored-by:Claude", "  co-authored-by: GPT-4o"):
        hit = ai_attribution(PRSnapshot(title="t", commits=(Commit("Fix\n\n" + trailer),)))
        assert hit.evidence == f"co-author trailer '{' '.join(trailer.split())}'"
