"""Review-bot summaries and HTML comments are not read as the author's description."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from bot.botblocks import as_rendered, closing_markers, without_bot_blocks, without_hidden
from bot.scoring import ScoreConfig, batch_score, score_many
from bot.snapshot import Commit, FileChange, PRSnapshot

CODERABBIT = ("<!-- This is an auto-generated comment: release notes by coderabbit.ai -->\n"
              "## Summary by CodeRabbit\n\n- **Bug Fixes**\n  - Empty keys are rejected.\n"
              "<!-- end of auto-generated comment: release notes by coderabbit.ai -->")


@pytest.mark.parametrize("block", [
    CODERABBIT,
    "<!-- ELLIPSIS_HIDDEN -->\n----\n> [!IMPORTANT]\n> Reject empty keys.\n<!-- ELLIPSIS_HIDDEN -->",
    "<!-- This is an auto-generated description by cubic. -->\n## Summary by cubic\nRejects empty keys.\n"
    "<!-- End of auto-generated description by cubic. -->",
    "<!-- CURSOR_SUMMARY -->\n> [!NOTE]\n> Low risk.\n<!-- /CURSOR_SUMMARY -->",
    "<!-- start pr-codex -->\n## PR-Codex overview\nRejects empty keys.\n<!-- end pr-codex -->",
    "<!-- Reviewable:start -->\n[<img src=\"https://reviewable.io/review_button.svg\">](https://reviewable.io)\n"
    "<!-- Reviewable:end -->",
])
def test_a_review_bots_block_is_dropped_with_its_markers(block):
    body = "Reject empty keys in the parser.\n\nTested with the new case."
    assert without_bot_blocks(f"{body}\n\n{block}") == body
    assert without_bot_blocks(f"{block}\n{body}") == body
    assert without_hidden(f"{body}\n\n{block}\n") == body


def test_text_between_two_ordinary_comments_is_the_authors():
    body = "## What\n<!-- REQUIRED -->\nmy words\n## Tests\n<!-- REQUIRED -->\nran it"
    assert without_bot_blocks(body) == body  # REQUIRED opens no block: the words between are kept
    assert without_hidden(body) == "## What\nmy words\n## Tests\nran it"
    assert closing_markers(" REQUIRED ") == frozenset({"/required"})  # only a <!-- /REQUIRED --> would close it


def test_a_start_marker_without_its_end_drops_only_the_comment():
    text = "Fix.\n<!-- start pr-codex -->\nkept words"
    assert without_bot_blocks(text) == text
    assert without_hidden(text) == "Fix.\nkept words"


def test_hidden_text_goes_and_everything_else_stays_as_it_is():
    assert without_hidden("keep <!-- inline --> this\n<!-- a whole\nline -->\nand this") == "keep  this\nand this"
    assert without_hidden("shown <!-- never closed\nhidden") == "shown"
    untouched = "no comments\n\n\n\nat all "
    assert without_hidden(untouched) is untouched


def test_the_effort_signals_do_not_read_a_review_bots_summary():
    """A bot's headings and bold bullets under a two-line fix are not the author's template wall."""
    from bot.signals import run_signals

    summary = ("<!-- This is an auto-generated comment: release notes by coderabbit.ai -->\n"
               "## Summary by CodeRabbit\n\n" + "".join(
                   f"* **{kind}**\n  * {what}.\n" for kind, what in (
                       ("Bug Fixes", "Empty keys are now rejected"), ("Tests", "Added a case for empty keys"),
                       ("Refactor", "Simplified key parsing"), ("Chores", "Updated the changelog"),
                       ("Documentation", "Explained the key rules"), ("Style", "Tidied error messages")))
               + "\n<!-- end of auto-generated comment: release notes by coderabbit.ai -->")
    pr = PRSnapshot(title="Reject empty keys", body="Reject `=value` lines.",
                    files=(FileChange("parser/parser.go", additions=2, deletions=1),))
    with_summary = pr.with_changes(body=f"{pr.body}\n\n{summary}")
    effort = lambda snapshot: [h for h in run_signals(snapshot) if h.kind != "ai"]  # noqa: E731
    assert effort(with_summary) == effort(pr)
    bare = with_summary.with_changes(body=with_summary.body.replace("<!--", "<!- -"))  # markers broken
    assert any(h.fired for h in effort(bare)) and effort(bare) != effort(pr)  # the summary would count


@pytest.mark.parametrize("words", ["Fixes #12", "Reject `=value` lines."])
def test_a_review_bots_summary_does_not_count_as_the_authors_description(words):
    """"Fixes #12" and a bot's summary is still a bare issue link; a bot's "## Summary" fills no
    template section."""
    from bot.signals import run_signals

    template = "## Summary\n\n<!-- What does this PR change? -->\n\n## Testing\n\n<!-- How was it tested? -->\n"
    pr = PRSnapshot(title="Reject empty keys", body=words, pr_template=template,
                    files=(FileChange("parser/parser.go", additions=2, deletions=1),))
    summarised = pr.with_changes(body=f"{words}\n\n{CODERABBIT}")
    signals = lambda snapshot: {h.name: h.value for h in run_signals(snapshot) if h.kind != "ai"}  # noqa: E731
    assert signals(summarised) == signals(pr)
    assert signals(pr)["template_sections_ignored"] > 0
    if words.startswith("Fixes"):
        assert signals(pr)["issue_link_only"] == 0.4  # a bare issue link (claims.ISSUE_ONLY_BARE)


def test_a_review_bots_summary_is_no_sign_of_ai_authorship():
    """CodeRabbit summarising a PR says nothing about who wrote it; the signals read descriptions
    without such blocks, the attribution signal too."""
    from bot.signals import run_signals

    fired = lambda snapshot: {h.name for h in run_signals(snapshot) if h.fired}  # noqa: E731
    pr = PRSnapshot(title="Reject empty keys", body="Reject `=value` lines.")
    assert "ai_attribution" not in fired(pr.with_changes(body=f"{pr.body}\n\n{CODERABBIT}"))
    broken = CODERABBIT.replace("<!-- end of", "<!-- end-of-nothing")  # no end marker: not a block
    assert "ai_attribution" in fired(pr.with_changes(body=f"{pr.body}\n\n{broken}"))


def _real_blocks(shared, marker: str, limit: int = 3) -> list[str]:
    """Whole review-bot blocks as they stand in real AIDev agent descriptions."""
    pattern = re.compile(re.escape(marker[0]) + ".*?" + re.escape(marker[1]), re.DOTALL)
    with open(shared / "data/aidev_pop/aidev_pop_agent_prs.jsonl", encoding="utf-8") as fh:
        found = (pattern.search(json.loads(line).get("body") or "") for line in fh)
        return [m.group(0) for m in itertools.islice(filter(None, found), limit)]


@pytest.mark.parametrize("marker", [
    ("<!-- This is an auto-generated comment: release notes by coderabbit.ai -->",
     "<!-- end of auto-generated comment: release notes by coderabbit.ai -->"),
    ("<!-- ELLIPSIS_HIDDEN -->", "<!-- ELLIPSIS_HIDDEN -->"),
])
def test_real_review_bot_summaries_do_not_move_a_persons_score(shared, shipped_model, marker):
    """A person's PR in a repository that runs a review bot scores as the person wrote it."""
    blocks = _real_blocks(shared, marker)
    assert blocks, "no such block in the AIDev data: the test would be empty"
    config = ScoreConfig(model_path=str(shipped_model))
    pr = PRSnapshot(title="Reject empty keys in the parser",
                    body="The parser accepted `=value` lines and stored them under an empty key.\n\n"
                         "Tested with a new case in `parser_test.go`.",
                    commits=(Commit("parser: reject empty keys"),),
                    files=(FileChange("parser/parser.go", additions=6, deletions=1),
                           FileChange("parser/parser_test.go", additions=14)))
    plain = score_many([pr], config)[0]
    for block in blocks:
        summarised = pr.with_changes(body=f"{pr.body}\n\n{block}")
        result = score_many([summarised], config)[0]
        assert result.probability == pytest.approx(plain.probability, abs=1e-12)
        assert (result.score, result.band) == (plain.score, plain.band)
        assert [h for h in result.fired if h.kind != "ai"] == [h for h in plain.fired if h.kind != "ai"]
        assert batch_score([summarised], model_path=str(shipped_model))[0] == pytest.approx(
            batch_score([pr], model_path=str(shipped_model))[0], abs=1e-12)


def test_template_comments_left_in_do_not_move_the_score(shipped_model):
    config = ScoreConfig(model_path=str(shipped_model))
    written = PRSnapshot(title="Reject empty keys in the parser",
                         body="#### What this PR does / why we need it:\nThe parser stored `=value` under an empty key.\n"
                              "#### Which issue(s) this PR fixes:\nFixes #12\n")
    left_in = written.with_changes(body=(
        "<!--  Thanks for sending a pull request!  Here are some tips for you:\n"
        "1. Read the contributor guide.\n-->\n#### What this PR does / why we need it:\n"
        "The parser stored `=value` under an empty key.\n#### Which issue(s) this PR fixes:\n"
        "<!--\n*Automatically closes linked issue when PR is merged.\n-->\nFixes #12\n"))
    a, b = score_many([written, left_in], config)
    assert a.probability == pytest.approx(b.probability, abs=1e-12)


def test_details_are_read_unfolded_as_github_shows_them_opened():
    log = "```\nok  \texample.org/app\t0.4s\n```"
    assert as_rendered(f"Fix.\n\n<details>\n<summary>Test output</summary>\n\n{log}\n</details>") == (
        f"Fix.\n\nTest output\n\n{log}")
    assert as_rendered("a <details open><summary>Log</summary>x</details> b") == "a Log\nx b"
    assert as_rendered("Fix <!-- hidden --> it.\n<Details>\nlog\n</DETAILS>") == "Fix  it.\nlog"
    kept = "No markup: a < b and <br> stay."
    assert as_rendered(kept) == kept


def test_folded_test_output_scores_as_the_same_output_unfolded(shipped_model):
    from bot.model.relaid import FOLDED, OUTPUT

    config = ScoreConfig(model_path=str(shipped_model))
    words = "The parser accepted `=value` lines and stored them under an empty key."
    pr = PRSnapshot(title="Reject empty keys in the parser", commits=(Commit("parser: reject empty keys"),),
                    files=(FileChange("parser/parser.go", additions=6, deletions=1),))
    folded = pr.with_changes(body=f"{words}\n\n{FOLDED}")
    unfolded = pr.with_changes(body=f"{words}\n\nTest output\n\n{OUTPUT}")
    a, b = score_many([folded, unfolded], config)
    assert a.probability == pytest.approx(b.probability, abs=1e-12)
    assert batch_score([folded], model_path=str(shipped_model))[0] == pytest.approx(b.probability, abs=1e-12)


def test_many_markers_are_paired_first_opener_with_first_closer():
    starts = "<!-- start pr-codex -->\nbot words\n" * 50
    assert without_bot_blocks(f"Mine.\n{starts}<!-- end pr-codex -->\nMine too.") == "Mine.\nMine too."
    toggles = "<!-- ELLIPSIS_HIDDEN -->bot<!-- ELLIPSIS_HIDDEN -->kept " * 3
    assert without_bot_blocks(toggles).split() == ["kept", "kept", "kept"]
    assert without_hidden("<!-- never closed\n" * 100) == ""
