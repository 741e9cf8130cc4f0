"""``/sieve`` commands in the body of a PR review ("Approve", "Request changes" or "Comment" when
a review is submitted), as Prow's plugins read them: the same rules as in a PR comment
(``bot.app.handlers.comments``), ordered by when the review was submitted (``submitted_at``).

Only ``submitted`` is handled: as with comments, editing a review's text (``edited``) or
dismissing the review changes nothing. A held-back repeat gets no reaction (the Issues API has
none for a review). Reviews by bots, the App included, are ignored.
"""

from __future__ import annotations

from typing import Any

from bot.app.context import HandlerContext
from bot.app.handlers import comments
from bot.app.handlers.written import from_review

EVENTS = {"pull_request_review": {"submitted"}}
HELP = "The same /sieve commands in the text of a submitted PR review (Approve, Request changes, Comment)."


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    return comments.answer(payload, from_review(payload), ctx)
