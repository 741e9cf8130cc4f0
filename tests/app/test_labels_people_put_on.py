"""Band and exempt labels a person puts on are theirs, however late the bot learns of them, and
the bot's own labels follow what its check and comment say (the twenty-fourth session's
randomized sequence review: each case is one of its shrunk failing sequences)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.fakegithub import FakeGitHub

from .conftest import result_for
from .test_queue_lag_and_races import EXEMPT, HIGH, MEDIUM, REPO, _Bench


def _said(fake, body, minutes_ago):
    event = fake.issue_comment_event(REPO, 7, body, "maintainer", association="MEMBER")
    event["comment"]["created_at"] = (datetime.now(UTC) - timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return event


def _check_title(fake):
    return fake.check_runs(REPO)[-1]["output"]["title"]


def test_a_late_ok_leaves_a_band_label_a_person_put_on_after_writing_it(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        ok = _said(fake, "/sieve ok", minutes_ago=5)
        fake.change_label(REPO, 7, MEDIUM, "maintainer", add=True)  # its delivery is lost
        bench.handle("issue_comment", ok)  # handled late, after the label went on
        assert MEDIUM in fake.issue_labels(REPO, 7) and HIGH not in fake.issue_labels(REPO, 7)


def test_an_exempt_label_whose_delivery_was_lost_still_takes_the_bots_band_label_off(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        fake.change_label(REPO, 7, EXEMPT, "maintainer", add=True)  # its delivery is lost
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert fake.issue_labels(REPO, 7) == [EXEMPT] and _check_title(fake).startswith("Exempt")


def test_while_the_exempt_label_is_on_the_pr_reads_exempt_whatever_was_said_since(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        bench.handle("issue_comment", _said(fake, "/sieve exempt", minutes_ago=2))
        bench.handle("issue_comment", _said(fake, "/sieve ok", minutes_ago=1))
        assert EXEMPT in fake.issue_labels(REPO, 7) and _check_title(fake).startswith("Exempt")


def test_the_bots_own_band_label_beside_a_persons_follows_the_score(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        bench.person_labels(MEDIUM, add=True)
        scorer.result = result_for("low")
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert fake.issue_labels(REPO, 7) == [MEDIUM]  # the person's stays, the bot's stale HIGH goes
        body = [c["body"] for c in fake.comments(REPO, 7) if c["login"] != "maintainer"][0]
        assert "in a maintainer's hands" in body and "no longer flagged" not in body


def test_an_exempt_cancel_leaves_an_exempt_label_a_person_put_on_after_writing_it(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        cancel = _said(fake, "/sieve exempt cancel", minutes_ago=5)
        fake.change_label(REPO, 7, EXEMPT, "maintainer", add=True)  # its delivery is lost
        bench.handle("issue_comment", cancel)
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert fake.issue_labels(REPO, 7) == [EXEMPT] and _check_title(fake).startswith("Exempt")


def test_a_band_label_a_person_puts_on_an_exempt_pr_stays(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        bench.person_labels(EXEMPT, add=True)
        bench.person_labels(HIGH, add=True)
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert sorted(fake.issue_labels(REPO, 7)) == sorted([EXEMPT, HIGH])
