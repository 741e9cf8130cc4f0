"""A stranger's ``/sieve ok`` must not become a maintainer's by being quoted.

GitHub (CommonMark) ends a line only at LF, CR or CRLF. Python's ``str.splitlines`` also breaks
at U+2028, U+2029, NEL (U+0085), VT, FF and the file/group/record separators, which GitHub shows
inside one line. A stranger who writes ``text<U+2028>/sieve ok`` gets a quote reply
``> text<U+2028>/sieve ok`` from a maintainer: on GitHub that is one quoted line, but split at
U+2028 the command stood at the start of an unquoted line and ran with the maintainer's rights.
Through the real adapter and fake GitHub, with GitHub's ``issue_comment.created`` shape."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import commands, dispatch  # noqa: E402

from .test_e2e_fakegithub import HIGH, REPO, fake, live_ctx  # noqa: E402,F401

NOT_LINE_ENDS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("separator", NOT_LINE_ENDS, ids=lambda s: f"U+{ord(s):04X}")
def test_a_quoted_strangers_command_does_not_run_as_the_maintainers(fake, live_ctx, scorer, separator):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    stranger = f"Could someone have a look?{separator}/sieve ok"
    assert dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, stranger, "drive-by"),
                           live_ctx) == "ignored: no command"
    reply = f"> {stranger}\n\nI will, once the tests are in."
    outcome = dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, reply, "maintainer"), live_ctx)
    assert outcome == "ignored: no command"
    assert fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None


@pytest.mark.parametrize("separator", NOT_LINE_ENDS, ids=lambda s: f"U+{ord(s):04X}")
def test_a_command_mid_line_is_not_a_command(separator):
    assert commands.parse(f"see the docs{separator}/sieve ok") == []
    assert [c.name for c in commands.parse(f"/sieve rescore{separator}/sieve exempt")] == ["rescore"]
    assert [c.name for c in commands.parse(f"/sieve ok{separator}/sieve exempt")] == ["ok"]  # one line on GitHub


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_commonmark_line_endings_still_separate_commands(newline):
    assert [c.name for c in commands.parse(f"thanks{newline}/sieve ok{newline}/sieve rescore")] == ["ok", "rescore"]
    assert commands.parse(f"> quoted{newline}> /sieve ok") == []
