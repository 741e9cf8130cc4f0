"""``author_pr_burst``: PRs in many other repositories within the window (the App's lookup)."""

from bot.signals.burst import author_pr_burst
from bot.snapshot import AuthorActivity, PRSnapshot


def _snap(repos: int, total: int | None = None) -> PRSnapshot:
    others = tuple(f"org{i}/lib{i}" for i in range(repos))
    activity = AuthorActivity(window_hours=24, total=total if total is not None else repos,
                              other_repositories=others, examples=tuple(f"{r}#7" for r in others[:5]))
    return PRSnapshot(title="Fix typo", author_login="sprayer", author_activity=activity)


def test_quiet_without_a_lookup_or_below_five_other_repositories():
    assert not author_pr_burst(PRSnapshot(title="Fix typo")).fired  # offline input: never looked up
    assert not author_pr_burst(_snap(4)).fired
    assert not author_pr_burst(_snap(0, total=40)).fired  # many PRs, all in this repository


def test_fires_from_five_other_repositories_and_is_full_at_ten():
    five, seven, twelve = author_pr_burst(_snap(5)), author_pr_burst(_snap(7)), author_pr_burst(_snap(12, total=31))
    assert (five.value, seven.value, twelve.value) == (0.5, 0.7, 1.0)
    assert five.kind == "effort"
    assert twelve.evidence == ("the author opened 31 pull requests in the last 24 hours, in 12 other "
                               "repositories (e.g. org0/lib0#7, org1/lib1#7, org2/lib2#7)")


def test_an_organisations_repositories_count_as_one_project():
    """A member's coordinated change across five of their organisation's repositories is not a
    spray across projects (review: it fired, and could move a PR to high)."""
    repos = tuple(f"acme/svc{i}" for i in range(5))
    one_org = AuthorActivity(window_hours=24, total=6, other_repositories=repos, examples=repos[:3])
    assert not author_pr_burst(PRSnapshot(title="Fix typo", author_activity=one_org)).fired
    mixed = repos + tuple(f"org{i}/lib" for i in range(4))
    hit = author_pr_burst(PRSnapshot(title="Fix typo", author_activity=AuthorActivity(
        window_hours=1, total=9, other_repositories=mixed, examples=mixed[:3])))
    assert hit.value == 0.5 and "in the last hour, in 9 other repositories of 5 owners" in hit.evidence
