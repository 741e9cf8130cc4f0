"""Exactly one sticky comment, even after a create that GitHub finished late: extras go."""

from __future__ import annotations

from bot.app import dispatch, plan
from bot.app.actions import STICKY_MARKER, DeleteComment, UpsertComment
from bot.app.config import RepoConfig
from bot.app.context import HandlerContext
from bot.fakegithub import FakeGitHub
from bot.ports import Comment

from .conftest import FIXED_NOW, live_port, result_for
from .fakes import MemoryState

REPO, SHA = "octo-org/widgets", "2" * 40


def test_plan_keeps_the_oldest_sticky_and_deletes_later_copies():
    facts = plan.Facts(repo=REPO, number=1, head_sha=SHA,
                       sticky=Comment(3, f"{STICKY_MARKER}\nold", "pr-sieve[bot]"),
                       duplicate_stickies=(5, 9))
    actions = plan.plan(result_for("high"), RepoConfig(), facts)
    assert [a.comment_id for a in actions if isinstance(a, UpsertComment)] == [3]
    assert [a for a in actions if isinstance(a, DeleteComment)] == [DeleteComment(5), DeleteComment(9)]
    shadow = plan.Facts(repo=REPO, number=1, head_sha=SHA, duplicate_stickies=(5,), shadow=True)
    assert plan.plan(result_for("high"), RepoConfig(), shadow) == ()


def test_a_doubled_sticky_on_github_is_reduced_to_one_on_the_next_event(scorer):
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", "exempt: {associations: []}\n")
        fake.add_pull(REPO, 4, {"title": "Update docs", "body": "Added unit tests.", "user": "someone",
                                "author_association": "NONE", "head_sha": SHA},
                      files=[{"filename": "README.md", "additions": 1, "deletions": 1}],
                      commits=["Update README.md"])
        human = fake.add_comment(REPO, 4, f"{STICKY_MARKER} quoting the bot", "someone")
        first = fake.add_comment(REPO, 4, f"{STICKY_MARKER}\nfirst", fake.bot_login, user_type="Bot")
        fake.add_comment(REPO, 4, f"{STICKY_MARKER}\nlate copy", fake.bot_login, user_type="Bot")
        ctx = HandlerContext(github=live_port(fake), state=MemoryState(),
                             delivery_id="dup", installation_id=fake.installation_id, now=lambda: FIXED_NOW)
        dispatch.handle("pull_request", fake.pull_request_event(REPO, 4, "synchronize"), ctx)
        ids = [c["id"] for c in fake.comments(REPO, 4)]
    assert ids == [human, first]  # the person's comment stays; the bot's copy is gone


def test_only_a_bot_comment_that_starts_with_the_marker_is_the_sticky():
    """A reply quoting a config value (an exempt label named like the marker) is no sticky: it must
    never be edited over or deleted as a duplicate."""
    from bot.app import review
    from bot.app.actions import STICKY_MARKER
    from bot.ports import Comment
    comments = [Comment(3, f"Exempted: adds ` {STICKY_MARKER} ` label.", "pr-sieve[bot]"),
                Comment(4, f"{STICKY_MARKER}\n### PR Sieve: …", "pr-sieve[bot]"),
                Comment(5, f"{STICKY_MARKER}\nforged", "someone")]
    assert [c.id for c in review.stickies(comments, "pr-sieve[bot]")] == [4]
