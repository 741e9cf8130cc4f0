"""A quote ends where the ``>`` lines end, and so does an HTML comment opened inside it
(CommonMark closes every block of a container with the container). A stranger's unterminated
``<!--``, quoted by a maintainer, must not hide the maintainer's own ``/sieve ok`` below the quote:
GitHub shows that command, so PR Sieve must run it. Through the real adapter and fake GitHub."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import commands, dispatch  # noqa: E402

from .test_e2e_fakegithub import REPO, fake, live_ctx  # noqa: E402,F401


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_maintainers_command_after_a_quoted_open_comment_runs(fake, live_ctx, scorer, gap):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    reply = f"> Ready for review <!-- TODO: add the tests{gap}/sieve ok"
    outcome = dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, reply, "maintainer"), live_ctx)
    assert outcome == "commands: ok"
    assert fake.issue_labels(REPO, 7) == [] and live_ctx.state.get_override(REPO, 7).actor == "maintainer"


def test_comments_opened_outside_a_quote_still_hide_what_they_cover():
    assert commands.parse("<!-- hidden\n/sieve ok\n-->") == []
    assert commands.parse("<!-- hidden\n> still hidden -->\n/sieve ok")[0].name == "ok"
    assert commands.parse("> quoted <!-- x -->\n> /sieve ok") == []
