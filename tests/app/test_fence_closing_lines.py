"""A code fence closes only on a line of fence characters (CommonMark: the closing fence "may be
followed only by spaces or tabs"). A line such as "```python" inside an open fence is code on
GitHub, so a ``/sieve ok`` after it is still code. Taking it for the fence's end made a stranger's
text, pasted by a maintainer into a code block to keep it inert, run as the maintainer's command.
Through the real adapter and fake GitHub."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import commands, dispatch  # noqa: E402

from .test_e2e_fakegithub import HIGH, REPO, fake, live_ctx  # noqa: E402,F401


@pytest.mark.parametrize("fence, inner", [("```", "```python"), ("~~~", "~~~ sh"), ("````", "```` text")])
def test_a_strangers_command_pasted_into_a_code_block_does_not_run(fake, live_ctx, scorer, fence, inner):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    stranger = f"The CI log:\n{inner}\n/sieve ok"
    reply = f"For the record, what the author posted:\n{fence}\n{stranger}\n{fence}\nI will look at it later."
    outcome = dispatch.handle("issue_comment", fake.issue_comment_event(REPO, 7, reply, "maintainer"), live_ctx)
    assert outcome == "ignored: no command"
    assert fake.issue_labels(REPO, 7) == [HIGH] and live_ctx.state.get_override(REPO, 7) is None


@pytest.mark.parametrize("closing", ["```", "```  ", "  ````", "```\t"])
def test_a_bare_fence_line_still_closes_the_block(closing):
    assert [c.name for c in commands.parse(f"```\ncode\n{closing}\n/sieve ok")] == ["ok"]


def test_a_shorter_or_other_fence_does_not_close():
    assert commands.parse("````\n```\n/sieve ok\n````") == []
    assert commands.parse("~~~\n```\n/sieve ok\n~~~") == []
