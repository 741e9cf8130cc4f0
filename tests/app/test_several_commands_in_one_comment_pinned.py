"""Several ``/sieve`` commands in one comment, two rules no test pinned:

* A read-only user gets *one* polite refusal per comment (README: "Read-only users get a polite
  refusal"), not one per command: a drive-by comment holding ``/sieve ok``, ``/sieve exempt`` and
  ``/sieve rescore`` must not make the bot post three replies. The existing refusal tests send one
  command per comment, so dropping the cap went unseen.
* A maintainer's ``/sieve ok`` and ``/sieve exempt`` in one comment record ``exempt``, in either
  order: both replies are posted, so the decision must be the one that also puts the exempt
  label on (an ``ok`` recorded beside an "exempted" reply would leave the PR without its label
  and contradict the reply). Swapping the precedence passed the suite.
"""

from __future__ import annotations

import pytest

from bot.app import dispatch
from bot.app.actions import STICKY_MARKER

from .test_handlers import REPO, comment_event, opened, pr  # noqa: F401  (pr: the fixture)

EXEMPT_LABEL = "sieve/exempt"  # README's default exempt label


def replies(gh) -> list[str]:
    return [c.body for c in gh.bot_comments(REPO, 2) if STICKY_MARKER not in c.body]


def test_a_read_only_user_gets_one_refusal_for_a_comment_of_three_commands(ctx, gh, state, pr, scorer, payload):
    event = comment_event(payload, "/sieve ok\n/sieve exempt\n/sieve rescore", login="drive-by")
    outcome = dispatch.handle("issue_comment", event, ctx)
    assert outcome == "commands: ok (refused), exempt (refused), rescore (refused)"
    [reply] = replies(gh)  # exactly one reply for the one comment
    assert reply.startswith("Sorry, `/sieve")
    assert len(gh.bot_comments(REPO, 2)) == 1  # and nothing else was posted (no sticky: not scored)
    assert state.overrides == {}


def test_a_refused_command_beside_a_help_gets_the_help_and_one_refusal(ctx, gh, pr, scorer, payload):
    """Help is for anyone and is answered; the refusals of the rest are still one reply."""
    event = comment_event(payload, "/sieve help\n/sieve ok\n/sieve exempt", login="drive-by")
    assert dispatch.handle("issue_comment", event, ctx) == "commands: help, ok (refused), exempt (refused)"
    posted = replies(gh)
    assert len(posted) == 2
    assert sum(body.startswith("Sorry, `/sieve") for body in posted) == 1
    assert sum(body.startswith("**PR Sieve commands**") for body in posted) == 1


@pytest.mark.parametrize("body", ["/sieve ok\n/sieve exempt", "/sieve exempt\n/sieve ok"])
def test_ok_and_exempt_in_one_maintainer_comment_record_exempt(ctx, gh, state, pr, scorer, payload, body):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, body), ctx)
    assert state.overrides[(REPO, 2)].kind == "exempt"
    assert state.overrides[(REPO, 2)].actor == "maintainer"
    assert gh.labels[(REPO, 2)] == [EXEMPT_LABEL]  # the band label off, the exempt label on
