"""``/sieve`` commands in a comment on a line of the PR's diff (``pull_request_review_comment``:
one written in a review, or a reply in a line's thread), as Prow's plugins read review comments
too: the same rules as in a PR comment (``bot.app.handlers.comments``), ordered by the comment's
``created_at``. The replies go to the PR's conversation, as a review's do, and name "this review
comment".

Only ``created`` is handled: as with comments and reviews, editing the comment (``edited``) or
deleting it changes nothing. A held-back repeat gets no reaction (GitHub's reaction for a review
comment needs ``pull_requests: write``, which the App does not ask for). Comments by bots, the App
included, are ignored.
"""

from __future__ import annotations

from typing import Any

from bot.app.context import HandlerContext
from bot.app.handlers import comments
from bot.app.handlers.written import from_review_comment

EVENTS = {"pull_request_review_comment": {"created"}}
HELP = "The same /sieve commands in a comment on a line of a PR's diff (answered in the PR's conversation)."


def handle(event: str, payload: dict[str, Any], ctx: HandlerContext) -> str:
    return comments.answer(payload, from_review_comment(payload), ctx)
