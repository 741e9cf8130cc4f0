"""ai_attribution and ai_disclosure on real records: they say *that* AI took part, as kind "ai"."""

from __future__ import annotations

import pytest

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


def test_a_person_at_an_ai_vendor_is_not_an_agent_but_the_run_link_is(aidev_pr):
    # AIDev 2793592645: a Devin PR crediting the person who asked for it,
    # "Co-Authored-By: ashwin@anthropic.com <ashwin@anthropic.com>", beside "Link to Devin run: …"
    hit = ai_attribution(aidev_pr(2793592645, restore_removed=True))
    assert hit.value == 1.0 and "Link to Devin run" in hit.evidence and "ashwin" not in hit.evidence
    trailer_only = PRSnapshot(title="x", commits=(Commit("Add tests\n\nCo-Authored-By: ashwin@anthropic.com "
                                                         "<ashwin@anthropic.com>"),))
    assert not ai_attribution(trailer_only).fired


def test_model_names_in_a_trailer_credit_an_agent(aidev_pr):
    # AIDev 3054252195: "Co-authored-by: claude-sonnet:3.7-thinking", a model name with no e-mail
    hit = ai_attribution(aidev_pr(3054252195, restore_removed=True))
    assert hit.value == 1.0 and "claude-sonnet:3.7-thinking" in hit.evidence


@pytest.mark.parametrize("trailer", [
    "Co-authored-by: Jules Martin <jules.martin@example.org>",
    "Signed-off-by: Devin Smith <devin@example.com>",
    "Co-authored-by: Claude <claude.dupont@example.fr>",
    "Co-authored-by: Cursor Wong <cwong@example.com>",
    "Co-authored-by: Gemini Patel <gemini@example.com>",
    "Co-authored-by: Max <max@anthropic.com>",  # someone at an AI vendor, named like a model tier
])
def test_people_who_share_an_agents_name_are_not_agents(trailer):
    assert not ai_attribution(PRSnapshot(title="x", commits=(Commit("Fix\n\n" + trailer),))).fired


@pytest.mark.parametrize("trailer", [
    "Co-Authored-By: Claude <noreply@anthropic.com>",
    "Co-authored-by: Claude Opus 4.5 (1M context) <noreply@anthropic.com>",
    "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
    "Co-authored-by: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
    "Assisted-by: Claude Code",
    "Assisted-by: GitHub Copilot",
])
def test_agent_trailers_still_fire(trailer):
    hit = ai_attribution(PRSnapshot(title="x", commits=(Commit("Fix\n\n" + trailer),)))
    assert hit.value == 1.0 and trailer in hit.evidence


@pytest.mark.parametrize("branch, fires", [
    ("devin/1743768295-add-diff-display", True),  # liam: Devin's timestamped branches
    ("claude/fiber-issue-4618-rn1agv", True),  # fiber: Claude Code's random suffix
    ("copilot/fix-123", True),
    ("cursor/fix-login-bug-1a2b", True),
    ("devin/fix-typo", False),  # a person's own prefix
    ("claude/fix-parser", False),
    ("jules/feature", False),
    ("cursor/position-after-paste", False),
])
def test_first_name_branch_prefixes_need_the_agents_shape(branch, fires):
    assert ai_attribution(PRSnapshot(title="x", head_branch=branch)).fired is fires


@pytest.mark.parametrize("body", [
    "Fix the parser.\n\n<!-- AI disclosure: if you used AI tools, say how here -->",
    "Fix the parser.\n\n## AI Disclosure\n\n<!-- Describe how you used AI tools, if any. -->\n",
    "Fix the parser.\n\n## AI Disclosure\n\n- [ ] No AI tools were used\n- [ ] AI generated some code\n",
    "Fix the parser.\n\n## AI disclosure\n\nNo AI tools were used.",
    "Fix the parser.\n\nAI disclosure: none",
    "Fix the parser.\n\n## AI usage\n\n## Testing\n\nRan the parser tests.",
    "Fix the parser.\n<!--\nIf you used Copilot, say so: We used AI-assisted tooling.\n-->",
])
def test_template_leftovers_are_not_a_disclosure(body):
    assert not ai_disclosure(PRSnapshot(title="x", body=body)).fired


def test_a_hidden_comment_is_not_a_disclosure(aidev_pr):
    # AIDev 3097420465 says "<!-- This is an auto-generated description by Devin. -->": GitHub
    # does not show it, so the author has not told the reviewer anything
    assert "auto-generated description by Devin" in aidev_pr(3097420465).body
    assert not ai_disclosure(aidev_pr(3097420465)).fired


def test_an_answered_disclosure_section_fires():
    hit = ai_disclosure(PRSnapshot(title="x", body="Fix.\n\n## AI Disclosure\n<!-- say how -->\n"
                                                   "- [ ] No AI tools were used\n- [x] AI generated some code"))
    assert hit.fired and "AI Disclosure" in hit.evidence


def test_without_disclosures_drops_the_disclosing_sentences_and_nothing_else():
    from bot.signals.disclosure import without_disclosures

    body = ("Fixes #12.\n\nThe loader now names the file. I used Claude Code to draft the tests; I reviewed them. "
            "Tests pass.\n\nAI disclosure: GitHub Copilot suggested parts of this change.\nDone.")
    assert without_disclosures(body) == "Fixes #12.\n\nThe loader now names the file.  Tests pass.\n\nDone."
    for kept in ("No AI tools were used. Plain.", "The AI module now logs its retries.", ""):
        assert without_disclosures(kept) == kept  # denials and AI as a topic are not disclosures
    run_on = "Refactor the parser into a state machine " + "and handle one more edge case " * 20
    body = run_on + "written with Copilot and reviewed line by line"
    unread = without_disclosures(body)  # one 700-character "sentence": only the statement goes
    assert unread.startswith(run_on) and "Copilot" not in unread and len(unread) > len(run_on)



@pytest.mark.parametrize("body", [
    "Claude Code drafted the tests; I reviewed them.",
    "GitHub Copilot suggested parts of this change. I reviewed every line.",
    "Codex generated the migration and I fixed two bugs.",
    "Used Copilot for autocomplete.",
    "This PR adds support for dict log arguments (cursor generated)",  # sentry-python#4478, a training row
])
def test_a_tool_named_as_the_one_who_did_the_work_is_a_disclosure(body):
    assert ai_disclosure(PRSnapshot(title="t", body=body)).fired


@pytest.mark.parametrize("body", [
    "Claude wrote most of the original parser.",  # Claude, Devin and Jules are also people's names
    "Devin helped me test it on ARM.",
    "The Copilot extension generated invalid config for users.",  # the product, not the author's help
    "We used to cache this.",
    "Fixes a crash when the cursor position is at the end.",
])
def test_people_and_products_named_like_tools_are_not_disclosures(body):
    assert not ai_disclosure(PRSnapshot(title="t", body=body)).fired
