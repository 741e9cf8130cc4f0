"""A refused command's reply says who may use it: ``/sieve explain`` is open to the PR's author as
well as to people with write access (``bot.app.handlers.comments``), so its refusal must not tell
the author that only people with write access can ask."""

from __future__ import annotations

import pytest

from bot.app.commands import NEEDS_WRITE
from bot.app.render import render


def test_the_explain_refusal_names_the_prs_author_too():
    text = render("reply_refused.md.j2", command="explain")
    assert "author" in text and "write access" in text


@pytest.mark.parametrize("command", sorted(NEEDS_WRITE))
def test_the_refusal_of_a_write_command_names_write_access_only(command):
    text = render("reply_refused.md.j2", command=command)
    assert f"`/sieve {command}` can only be used by people with write access" in text
    assert "author" not in text
