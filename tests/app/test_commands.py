"""Slash-command grammar: Prow-style, line start, case-insensitive, not in code or quotes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.app.commands import parse


def names(body):
    return [c.name for c in parse(body)]


def test_single_command():
    assert names("/sieve ok") == ["ok"]


def test_case_insensitive_and_leading_spaces():
    assert names("   /SIEVE Rescore") == ["rescore"]


def test_several_commands_in_order_once_each():
    body = "Thanks!\n/sieve explain\nsome text\n/sieve ok\n/sieve explain"
    assert names(body) == ["ok", "explain"]  # a repeated line counts where it was last written


def test_trailing_words_are_allowed():
    """After ``ok`` and ``exempt``, unless they take the decision back (test_cancel_written_exactly)."""
    assert names("/sieve rescore because the base moved\n/sieve explain please") == ["rescore", "explain"]
    assert names("/sieve exempt because it is a release PR") == ["exempt"]


def test_not_at_line_start():
    assert names("please run /sieve ok") == []


def test_fenced_code_is_ignored():
    assert names("```\n/sieve ok\n```\n~~~text\n/sieve exempt\n~~~") == []


def test_unclosed_fence_hides_the_rest():
    assert names("```\n/sieve ok") == []


def test_shorter_fence_does_not_close_a_longer_one():
    assert names("````\n```\n/sieve ok\n````\n/sieve explain") == ["explain"]


def test_indented_code_is_ignored():
    assert names("text\n\n    /sieve ok\n\t/sieve exempt") == []


def test_quotes_are_ignored():
    assert names("> /sieve ok\n>/sieve exempt\n > /sieve rescore") == []


def test_unknown_subcommand_and_bare_command():
    assert names("/sieve frobnicate") == ["unknown"]
    assert names("/sieve") == ["help"]


def test_lookalikes_are_not_commands():
    assert names("/sieveok\n/sieve-ok\n/sieves ok\n//sieve ok") == []


def test_empty_and_none():
    assert parse(None) == [] and parse("") == []


def test_write_access_requirement():
    (ok, explain, help_) = parse("/sieve ok\n/sieve explain\n/sieve help")
    assert ok.needs_write and not explain.needs_write and not help_.needs_write


@given(st.text(max_size=300))
def test_parser_never_crashes_and_only_known_names(body):
    assert set(names(body)) <= {"ok", "exempt", "rescore", "explain", "help", "unknown"}


@given(st.text(alphabet=st.characters(blacklist_characters="`~"), max_size=200))
def test_anything_inside_a_fence_is_ignored(inner):
    assert names(f"```\n{inner.replace(chr(13), '')}\n```") == []


def test_html_comments_are_ignored():
    """GitHub does not show an HTML comment: a command in one (a saved reply's hidden note, a
    command someone commented out) must not act."""
    assert names("<!--\n/sieve ok\n-->") == []
    assert names("Looks fine.\n<!-- to clear it:\n/sieve exempt\n-->\n/sieve explain") == ["explain"]
    assert names("<!-- hidden -->\n/sieve ok") == ["ok"]
    assert names("```\n<!--\n```\n/sieve ok") == ["ok"]  # inside code, "<!--" opens nothing
