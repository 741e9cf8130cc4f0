"""A sticky comment a person edited is theirs: the App stops editing it, and the label and the
check still follow the score (what the labels say since is only the App's own note below the
person's text: ``test_edited_sticky_follows_the_labels``)."""

from __future__ import annotations

from bot.app import dispatch, stickyedit
from bot.app.context import HandlerContext
from bot.fakegithub import FakeGitHub
from bot.ports import Comment

from .conftest import FIXED_NOW, live_port
from .fakes import MemoryState
from .test_handlers import HIGH, REPO, opened, pr  # noqa: F401  (the pr fixture)

NOTE = "\n\n**Maintainer's note:** the README change is wanted; please just sign off your commit."


def test_the_apps_own_text_reads_as_unedited_however_github_hands_it_back():
    body = stickyedit.signed("<!-- pr-sieve:sticky -->\n### PR Sieve\n\n- a finding  \n")
    assert not stickyedit.edited(body)
    assert not stickyedit.edited(body.replace("\n", "\r\n"))  # GitHub's web editor sends CRLF
    assert not stickyedit.edited(body.rstrip() + "\n\n")
    assert stickyedit.unchanged(body, body.replace("\n", "\r\n") + "  ")  # no edit needed for GitHub's copy


def test_a_changed_text_reads_as_edited_and_an_unsigned_one_as_the_apps():
    body = stickyedit.signed("<!-- pr-sieve:sticky -->\n### PR Sieve\n\n- a finding\n")
    assert stickyedit.edited(body.replace("- a finding", "- ~~a finding~~"))
    assert stickyedit.edited(body.replace("### PR Sieve", f"### PR Sieve{NOTE}"))
    assert stickyedit.edited(body + NOTE)  # written below the hidden last line, in the web editor
    assert not stickyedit.edited("<!-- pr-sieve:sticky -->\n### PR Sieve\n")  # written before signing
    unsigned = "<!-- pr-sieve:sticky -->\n### PR Sieve\n\n- a finding\n"
    assert not stickyedit.unchanged(stickyedit.signed(unsigned), unsigned)  # signed once, so later edits show


def _edit(gh, number: int, body: str) -> Comment:
    [sticky] = gh.bot_comments(REPO, number)
    gh.comments[(REPO, number)] = [Comment(sticky.id, body, sticky.author_login)
                                   if c.id == sticky.id else c for c in gh.comments[(REPO, number)]]
    return gh.bot_comments(REPO, number)[0]


def test_an_edited_sticky_is_left_as_the_person_made_it(ctx, gh, pr, scorer, payload):  # noqa: F811
    from .conftest import result_for

    dispatch.handle("pull_request", opened(payload), ctx)
    [posted] = gh.bot_comments(REPO, 2)
    assert stickyedit.DIGEST_MARKER.split("{")[0] in posted.body and not stickyedit.edited(posted.body)
    mine = _edit(gh, 2, posted.body.replace("### PR Sieve:", f"{NOTE}\n\n### PR Sieve:", 1))
    scorer.result = result_for("low")
    gh.writes.clear()
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    [now] = gh.bot_comments(REPO, 2)  # not rewritten as "no longer flagged": the person's words stay, every one
    assert now.id == mine.id and now.body.startswith(mine.body.rstrip()) and stickyedit.edited(now.body)
    assert "not flagged any more" in now.body[len(mine.body.rstrip()):]  # only the App's note below them says so
    assert [w[0] for w in gh.writes if w[0] in ("edit_comment", "create_comment", "delete_comment")] == ["edit_comment"]
    assert HIGH not in gh.labels[(REPO, 2)] and "check_run" in [w[0] for w in gh.writes]  # the rest follows


def test_an_unedited_sticky_is_still_kept_up_to_date(ctx, gh, pr, scorer, payload):  # noqa: F811
    from .conftest import result_for

    dispatch.handle("pull_request", opened(payload), ctx)
    scorer.result = result_for("low")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    [comment] = gh.bot_comments(REPO, 2)
    assert "no longer flagged" in comment.body and not stickyedit.edited(comment.body)


def test_a_sticky_written_before_the_app_signed_them_is_updated_and_signed(ctx, gh, pr, scorer, payload):  # noqa: F811
    from bot.app.actions import STATE_MARKER, STICKY_MARKER

    gh.seed_comment(REPO, 2, f"{STICKY_MARKER}\n{STATE_MARKER.format(state='flagged')}\n### PR Sieve: old", gh.bot)
    dispatch.handle("pull_request", opened(payload), ctx)
    [comment] = gh.bot_comments(REPO, 2)
    assert "old" not in comment.body and stickyedit.DIGEST_MARKER.split("{")[0] in comment.body


def test_an_unsigned_sticky_of_the_same_text_is_signed_once_so_a_later_edit_is_kept(ctx, gh, pr, scorer, payload):  # noqa: F811
    """A sticky from before the App signed them, its text as the App would write it now: left
    unsigned, a maintainer's later note on it was overwritten (found by review)."""
    from .conftest import result_for

    dispatch.handle("pull_request", opened(payload), ctx)
    [posted] = gh.bot_comments(REPO, 2)
    earlier = _edit(gh, 2, posted.body.split(stickyedit.DIGEST_MARKER.split("{")[0])[0])  # as an earlier release wrote it
    gh.writes.clear()
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert [w[0] for w in gh.writes].count("edit_comment") == 1  # signed, text unchanged
    [signed] = gh.bot_comments(REPO, 2)
    assert signed.body.startswith(earlier.body.rstrip()) and not stickyedit.edited(signed.body)
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert [w[0] for w in gh.writes].count("edit_comment") == 1  # and only once
    mine = _edit(gh, 2, signed.body + NOTE)
    scorer.result = result_for("low")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    [now] = gh.bot_comments(REPO, 2)
    assert now.body.startswith(mine.body.rstrip())  # the note kept; only the App's own note follows it


def test_a_later_copy_of_the_sticky_that_a_person_edited_is_not_removed_as_a_duplicate():
    from bot.app import review
    from bot.app.actions import STICKY_MARKER

    text = stickyedit.signed(f"{STICKY_MARKER}\n### PR Sieve: the App's")
    comments = [Comment(3, text, "pr-sieve[bot]"), Comment(5, text + NOTE, "pr-sieve[bot]"),
                Comment(7, text, "pr-sieve[bot]")]
    facts = review._sticky_facts(comments, "pr-sieve[bot]")
    assert facts["sticky"].id == 3 and facts["duplicate_stickies"] == (7,) and not facts["sticky_edited"]


def test_through_github_an_edit_in_the_web_page_stops_the_apps_edits(scorer):
    from .conftest import result_for

    repo, sha = "octo-org/widgets", "3" * 40
    with FakeGitHub() as fake:
        fake.add_repo(repo)
        fake.set_file(repo, ".github/sieve.yml", "exempt: {associations: []}\n")
        fake.add_pull(repo, 4, {"title": "Update docs", "body": "Added unit tests.", "user": "someone",
                                "author_association": "NONE", "head_sha": sha},
                      files=[{"filename": "README.md", "additions": 1, "deletions": 1}], commits=["Update README.md"])
        ctx = HandlerContext(github=live_port(fake), state=MemoryState(), delivery_id="edit",
                             installation_id=fake.installation_id, now=lambda: FIXED_NOW)
        dispatch.handle("pull_request", fake.pull_request_event(repo, 4, "opened"), ctx)
        [sticky] = fake.comments(repo, 4)
        fake.edit_comment_text(sticky["id"], sticky["body"])  # saved unchanged from the web page: CRLF
        scorer.result = result_for("medium")
        dispatch.handle("pull_request", fake.pull_request_event(repo, 4, "synchronize"), ctx)
        [still_the_apps] = fake.comments(repo, 4)
        assert still_the_apps["body"] != sticky["body"] and "closer look" in still_the_apps["body"]
        fake.edit_comment_text(sticky["id"], still_the_apps["body"] + NOTE)
        edited = fake.comments(repo, 4)[0]["body"]
        scorer.result = result_for("low")
        dispatch.handle("pull_request", fake.pull_request_event(repo, 4, "synchronize"), ctx)
        [now] = [c["body"] for c in fake.comments(repo, 4)]
        assert now.startswith(edited.rstrip()) and "not flagged any more" in now[len(edited.rstrip()):]
        assert fake.check_runs(repo)[-1]["conclusion"] != "failure"


def test_removing_the_digest_line_hands_the_comment_back(ctx, gh, pr, scorer, payload):  # noqa: F811
    from .conftest import result_for

    dispatch.handle("pull_request", opened(payload), ctx)
    [posted] = gh.bot_comments(REPO, 2)
    _edit(gh, 2, posted.body.split(stickyedit.DIGEST_MARKER.split("{")[0])[0] + NOTE)  # edited, digest line gone
    scorer.result = result_for("low")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    [comment] = gh.bot_comments(REPO, 2)
    assert "no longer flagged" in comment.body and NOTE.strip() not in comment.body
