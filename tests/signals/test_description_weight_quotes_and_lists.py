"""tiny_diff_long_body counts the author's own words: a quote ends, as Markdown reads it, at a
line that starts a block (a heading, list item, fence), and a list item's indented continuation
paragraph is the item's text, not an indented code block (review-sig4 #7). Real quote
continuations and real indented code after a blank line outside a list are still left out."""

from __future__ import annotations

from bot.signals.description_weight import _authors_words
from bot.signals.description_weight import tiny_diff_long_body
from bot.snapshot import FileChange, PRSnapshot

_SENTENCE = "This change improves the overall robustness and maintainability of the request handler."


def _fires(body: str) -> bool:
    files = (FileChange(path="src/a.py", additions=1, deletions=1, patch="@@ -1 +1 @@\n-x = 1\n+x = 2\n"),)
    return tiny_diff_long_body(PRSnapshot(title="t", body=body, files=files, additions=1, deletions=1)).fired


def test_a_list_right_after_a_quote_is_the_authors():
    bullets = "\n".join(f"- **Change {i}**: Improved the robustness, maintainability and readability of the "
                        "module by refactoring the core logic carefully" for i in range(14))
    assert _fires("> Resolves #42\n" + bullets)


def test_a_heading_right_after_a_quote_is_the_authors():
    assert _fires("> Resolves #42\n## Summary\n" + " ".join([_SENTENCE] * 25))


def test_a_list_items_indented_paragraph_is_the_authors():
    assert _fires("Summary of the change:\n\n1. Refactored the handler.\n\n    " + " ".join([_SENTENCE] * 20) + "\n")


def test_quote_continuations_and_indented_code_are_still_left_out():
    text = ("> quoted first line\nquoted lazy continuation\n\nOwn words.\n\n"
            "    Traceback (most recent call last)\n    File x\n\n- item\n\nAfter the list.\n\n    code again\n")
    words = _authors_words(text)
    assert "lazy continuation" not in words and "Traceback" not in words and "code again" not in words
    assert "Own words." in words and "- item" in words and "After the list." in words
