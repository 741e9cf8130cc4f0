"""The author's recent PRs elsewhere: looked up once per author through GitHub's issue search,
for scored authors only, and never a reason to drop a PR."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.app import activity, review
from bot.app.context import HandlerContext
from bot.fakegithub import FakeGitHub
from bot.ports import GitHubError, PullSearch
from bot.snapshot import PRSnapshot

from .conftest import FIXED_NOW, live_port
from .fakes import MemoryState

REPO = "octo-org/widgets"


def test_window_starts_on_the_hour_in_utc_and_is_never_longer_than_it_says():
    """Rounded down, a 24-hour window at 03:59:59 reached back 24 h 59 min (review)."""
    assert activity.window_start(FIXED_NOW, 24) == "2026-01-01T04:00:00Z"
    plus_two = datetime(2026, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert activity.window_start(plus_two, 1) == "2026-01-02T03:00:00Z"
    assert activity.window_start(datetime(2026, 1, 2, 3, 0, tzinfo=timezone.utc), 24) == "2026-01-01T03:00:00Z"


def test_the_authors_own_repositories_and_forks_are_not_other_projects():
    found = PullSearch(total=7, refs=("alice/proj0#1", "Alice/proj1#1", "alice/widgets#3", "b/y#1", "c/z#5"))
    summary = activity.summarise(found, REPO, 24, author="alice")
    assert summary.other_repositories == ("b/y", "c/z") and summary.examples == ("b/y#1", "c/z#5")


def test_summary_counts_other_repositories_once_in_the_order_listed():
    found = PullSearch(total=9, refs=("a/x#3", "Octo-Org/Widgets#2", "b/y#1", "a/x#2", "c/z#5"))
    summary = activity.summarise(found, REPO, 24)
    assert summary.other_repositories == ("a/x", "b/y", "c/z")
    assert summary.examples == ("a/x#3", "b/y#1", "a/x#2", "c/z#5")
    assert (summary.total, summary.window_hours) == (9, 24)


def test_bots_and_odd_logins_are_not_searched(gh):
    for snap in (PRSnapshot(title="t", author_login="renovate[bot]", author_is_bot=True),
                 PRSnapshot(title="t", author_login="x author:y"), PRSnapshot(title="t")):
        assert activity.with_activity(gh, REPO, snap, 24, FIXED_NOW) is snap
    assert gh.searches == []


def test_a_failed_search_leaves_a_note_and_no_activity(gh):
    gh.search_error = GitHubError("rate limited", status=403, retryable=True)
    snap = activity.with_activity(gh, REPO, PRSnapshot(title="t", author_login="dana"), 24, FIXED_NOW)
    assert snap.author_activity is None
    assert snap.notes == ("the author's recent pull requests elsewhere could not be looked up (search rate limit)",)
    gh.search_error = GitHubError("users cannot be searched", status=422)
    snap = activity.with_activity(gh, REPO, PRSnapshot(title="t", author_login="dana"), 24, FIXED_NOW)
    assert snap.notes == ("the author's recent pull requests elsewhere could not be looked up (GitHub 422)",)


def _seed_sprayer(fake: FakeGitHub, repos: int, private: bool = False) -> None:
    for i in range(repos):
        other = f"org{i}/lib{i}"
        fake.add_repo(other, private=private)
        fake.add_pull(other, 7, {"title": "Improve docs", "user": "sprayer", "created_at": "2026-01-02T01:00:00Z"})
    fake.add_repo("old/one")
    fake.add_pull("old/one", 1, {"title": "Older", "user": "sprayer", "created_at": "2025-12-30T01:00:00Z"})


def _review(fake: FakeGitHub, author: str, association: str = "NONE", config: str | None = None):
    fake.add_repo(REPO)
    if config:
        fake.set_file(REPO, ".github/sieve.yml", config)
    fake.add_pull(REPO, 5, {"title": "Improve README wording", "body": "Improves the README.", "user": author,
                            "author_association": association, "created_at": "2026-01-02T02:00:00Z"},
                  files=[{"filename": "README.md", "additions": 2, "deletions": 2}], commits=["Improve README wording"])
    ctx = HandlerContext(github=live_port(fake), state=MemoryState(), delivery_id="burst",
                         installation_id=fake.installation_id, now=lambda: FIXED_NOW)
    return review.run(ctx, REPO, 5)


def _hit(outcome):
    return next(h for h in outcome.result.signals if h.name == "author_pr_burst")


def test_an_author_spraying_six_repositories_fires_the_signal_through_the_app():
    with FakeGitHub() as fake:
        _seed_sprayer(fake, 6)
        outcome = _review(fake, "sprayer")
        searches = fake.calls("GET", r"^/search/issues")
    assert _hit(outcome).value == 0.6
    assert "7 pull requests in the last 24 hours, in 6 other repositories" in _hit(outcome).evidence
    assert outcome.snapshot.author_activity.total == 7  # this PR counts in GitHub's total, not as another repo
    assert len(searches) == 1


def test_the_search_asks_for_public_repositories_only():
    """An installation token's search also sees the private repositories the App is installed on;
    the evidence on a public PR must not name them (the fake searches them unless is:public)."""
    with FakeGitHub() as fake:
        _seed_sprayer(fake, 6, private=True)
        _review(fake, "sprayer")
        [search] = fake.calls("GET", r"^/search/issues")
    assert "is:public" in search.query["q"].split()


def test_private_repositories_and_old_prs_are_not_counted():
    with FakeGitHub() as fake:
        _seed_sprayer(fake, 6, private=True)
        outcome = _review(fake, "sprayer")
    assert outcome.snapshot.author_activity.other_repositories == ()
    assert not _hit(outcome).fired


def test_exempt_authors_and_a_disabled_lookup_make_no_search():
    with FakeGitHub() as fake:
        _seed_sprayer(fake, 6)
        member = _review(fake, "sprayer", association="MEMBER")
        assert fake.calls("GET", r"^/search/issues") == [] and member.snapshot.author_activity is None
        off = _review(fake, "sprayer", config="author_activity: {enabled: false}\n")
        assert fake.calls("GET", r"^/search/issues") == [] and not _hit(off).fired


def test_the_adapter_asks_github_once_per_author_and_window():
    with FakeGitHub() as fake:
        _seed_sprayer(fake, 2)
        port = live_port(fake)
        first = port.search_recent_pulls("sprayer", "2026-01-01T03:00:00Z")
        again = port.search_recent_pulls("Sprayer", "2026-01-01T03:00:00Z")
        assert len(fake.calls("GET", r"^/search/issues")) == 1
    assert first == again and first.total == 2
    assert set(first.refs) == {"org0/lib0#7", "org1/lib1#7"}


def test_a_search_github_refuses_is_a_note_not_a_failure():
    with FakeGitHub() as fake:
        fake.inject("GET", r"^/search/issues", status=422, times=None)
        outcome = _review(fake, "sprayer")
    assert outcome.snapshot.author_activity is None
    assert any("could not be looked up (GitHub 422)" in n for n in outcome.result.notes)


def test_the_search_leaves_the_authors_own_repositories_out_of_the_page_and_the_total():
    """An author with 120 PRs in their own repositories today (a bot of theirs, a busy project)
    filled the page of 100 with their own work, hiding the other projects behind it, and counted
    them in the total the comment quotes."""
    with FakeGitHub() as fake:
        fake.add_repo("sprayer/own")
        for number in range(1, 121):
            fake.add_pull("sprayer/own", number, {"title": "Bump", "user": "sprayer",
                                                  "created_at": "2026-01-02T01:30:00Z"})
        _seed_sprayer(fake, 6)
        outcome = _review(fake, "sprayer")
        [search] = fake.calls("GET", r"^/search/issues")
    assert "-user:sprayer" in search.query["q"]
    assert outcome.snapshot.author_activity.total == 7 and _hit(outcome).fired


def test_a_login_github_refuses_to_search_is_asked_about_once_per_window():
    """A 422 (no such user, or one search does not show) comes back the same for the author's
    next PR: it is cached like an answer, so it does not spend the search budget again."""
    with FakeGitHub() as fake:
        fake.inject("GET", r"^/search/issues", status=422, times=None)
        port = live_port(fake)
        for login in ("ghost", "Ghost"):
            try:
                port.search_recent_pulls(login, "2026-01-01T03:00:00Z")
            except GitHubError as exc:
                assert exc.status == 422
            else:
                raise AssertionError("the refusal was not raised")
        assert len(fake.calls("GET", r"^/search/issues")) == 1
    with FakeGitHub() as fake:
        fake.inject("GET", r"^/search/issues", status=502, times=None)
        port = live_port(fake)
        for _ in range(2):  # a server error is not an answer: asked again
            try:
                port.search_recent_pulls("dana", "2026-01-01T03:00:00Z")
            except GitHubError as exc:
                assert exc.status == 502
        assert len(fake.calls("GET", r"^/search/issues")) >= 2
