"""Races a maintainer meets on a busy installation (the twenty-third session's review), driven
through the real handlers, the PyGithub adapter and the fake GitHub."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import dispatch
from bot.app.context import HandlerContext
from bot.fakegithub import FakeGitHub

from .conftest import live_port, result_for
from .fakes import MemoryState

REPO, SHA = "octo-org/widgets", "1" * 40
HIGH, MEDIUM, EXEMPT = "sieve/likely-low-effort", "sieve/needs-review", "sieve/exempt"


class _Bench:
    """The fake GitHub with one flagged-looking PR, and handler contexts whose clock runs ``lag`` behind."""

    def __init__(self, fake: FakeGitHub):
        self.fake, self.state, self.lag = fake, MemoryState(), timedelta(0)
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", "exempt: {associations: []}\n")
        fake.add_pull(REPO, 7, {"title": "Improve docs", "body": "Added unit tests.", "user": "drive-by",
                                "author_association": "NONE", "head_sha": SHA, "head_ref": "feature"},
                      files=[{"filename": "README.md", "additions": 3, "deletions": 1, "patch": "@@ -1 +1 @@"}],
                      commits=["Update README.md"])
        fake.set_permission(REPO, "maintainer", "write")
        self.port = live_port(fake)

    def opened(self, scorer, band: str) -> _Bench:
        """The PR scored ``band`` when it was opened."""
        scorer.result = result_for(band)
        self.handle("pull_request", self.fake.pull_request_event(REPO, 7, "opened"))
        return self

    def person_labels(self, label: str, add: bool, who: str = "maintainer") -> str:
        """A person changes ``label`` on the PR and its delivery is handled at once."""
        self.fake.change_label(REPO, 7, label, who, add=add)
        event = self.fake.pull_request_event(REPO, 7, "labeled" if add else "unlabeled", sender=who,
                                             label={"name": label})
        return self.handle("pull_request", event)

    def handle(self, event: str, payload: dict, received: datetime | None = None) -> str:
        ctx = HandlerContext(github=self.port, state=self.state, delivery_id="d",
                             installation_id=self.fake.installation_id,
                             now=lambda: datetime.now(UTC) + self.lag, received_at=received)
        return dispatch.handle(event, payload, ctx)


def test_a_band_label_a_person_added_is_kept_by_a_push_handled_before_its_labeled_delivery(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "medium")
        push = fake.pull_request_event(REPO, 7, "synchronize")
        fake.change_label(REPO, 7, HIGH, "maintainer", add=True)  # its labeled delivery is still queued
        bench.handle("pull_request", push)
        assert HIGH in fake.issue_labels(REPO, 7)


def test_a_later_cancel_is_not_overtaken_by_a_label_removal_handled_late(scorer):
    """The removal is stamped with when it reached the App, not when a lagging worker handled it."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        fake.change_label(REPO, 7, HIGH, "maintainer", add=False)
        removed_at = datetime.now(UTC) - timedelta(seconds=2)
        unlabeled = fake.pull_request_event(REPO, 7, "unlabeled", sender="maintainer", label={"name": HIGH})
        cancel = fake.issue_comment_event(REPO, 7, "/sieve ok cancel", "maintainer", association="MEMBER")
        bench.lag = timedelta(seconds=30)  # both handled half a minute late, in order
        bench.handle("pull_request", unlabeled, received=removed_at)
        outcome = bench.handle("issue_comment", cancel, received=datetime.now(UTC))
        assert "overtaken" not in outcome
        assert bench.state.get_override(REPO, 7) is None and HIGH in fake.issue_labels(REPO, 7)


def test_the_clear_button_on_a_closed_pr_records_and_writes_nothing(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        press = fake.check_run_action_event(REPO, 7, "sieve-ok", "maintainer")
        with fake.state.lock:
            fake.state.repo(REPO).pulls[7].fields["state"] = "closed"
        fake.clear_log()
        outcome = bench.handle("check_run", press)
        assert "closed" in outcome and bench.state.get_override(REPO, 7).kind == "ok"
        assert [r.method for r in fake.requests if r.method != "GET"] == []


def test_a_label_delivery_retried_after_a_later_command_does_not_undo_it(scorer):
    """A person adds a band label; its delivery fails and is retried after their later /sieve ok,
    whose label removal the bot made: the retry used to bring the flag back (review)."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "medium")
        fake.change_label(REPO, 7, HIGH, "maintainer", add=True)
        labeled_at = datetime.now(UTC) - timedelta(seconds=5)
        labeled = fake.pull_request_event(REPO, 7, "labeled", sender="maintainer", label={"name": HIGH})
        bench.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer", association="MEMBER"),
                     received=datetime.now(UTC))
        assert bench.state.get_override(REPO, 7).kind == "ok"
        outcome = bench.handle("pull_request", labeled, received=labeled_at)  # the retry, handled last
        assert outcome.startswith("ignored") and bench.state.get_override(REPO, 7).kind == "ok"


def test_a_sticky_deleted_between_a_failed_attempt_and_its_retry_is_not_posted_again(scorer):
    """The first attempt posted the sticky, then its check run failed (502): nothing was recorded,
    so the retry, after a person deleted the sticky, posted it again (review)."""
    import pytest
    import requests

    from bot.ports import GitHubError

    with FakeGitHub() as fake:
        bench = _Bench(fake)
        scorer.result = result_for("high")
        fake.inject("POST", r"/check-runs$", 502, times=1)
        opened = fake.pull_request_event(REPO, 7, "opened")
        with pytest.raises(GitHubError):
            bench.handle("pull_request", opened)
        [sticky] = [c for c in fake.comments(REPO, 7) if c["login"] == fake.bot_login]
        assert requests.delete(f"{fake.base_url}/repos/{REPO}/issues/comments/{sticky['id']}",
                               headers=fake.auth_headers(), timeout=10).status_code == 204
        bench.handle("pull_request", opened)  # the worker's retry
        assert [c for c in fake.comments(REPO, 7) if c["login"] == fake.bot_login] == []
        assert fake.check_runs(REPO)  # the rest of the retry went through


def test_an_exempt_label_delivery_retried_after_exempt_cancel_does_not_exempt_again(scorer):
    """The maintainer adds the exempt label, then says /sieve exempt cancel; the label's delivery
    failed and its retry is handled last. Ending the exemption used to delete the decision, so
    the retry found nothing later than itself and exempted the PR again (known since session 23)."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        fake.change_label(REPO, 7, EXEMPT, "maintainer", add=True)
        labeled_at = datetime.now(UTC) - timedelta(seconds=5)
        labeled = fake.pull_request_event(REPO, 7, "labeled", sender="maintainer", label={"name": EXEMPT})
        bench.handle("pull_request", labeled, received=labeled_at)  # the first attempt: exempt
        assert bench.state.get_override(REPO, 7).kind == "exempt"
        cancel = fake.issue_comment_event(REPO, 7, "/sieve exempt cancel", "maintainer", association="MEMBER")
        bench.handle("issue_comment", cancel, received=datetime.now(UTC))
        assert bench.state.get_override(REPO, 7) is None and EXEMPT not in fake.issue_labels(REPO, 7)
        outcome = bench.handle("pull_request", labeled, received=labeled_at)  # the retry, handled last
        assert outcome.startswith("ignored") and bench.state.get_override(REPO, 7) is None
        assert HIGH in fake.issue_labels(REPO, 7)


def test_an_ok_comment_retried_after_a_later_ok_cancel_is_dropped(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        said = datetime.now(UTC) - timedelta(minutes=10)
        ok = fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer", association="MEMBER")
        ok["comment"]["created_at"] = said.strftime("%Y-%m-%dT%H:%M:%SZ")
        bench.handle("issue_comment", ok)
        assert bench.state.get_override(REPO, 7).kind == "ok" and HIGH not in fake.issue_labels(REPO, 7)
        bench.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok cancel", "maintainer",
                                                                association="MEMBER"))
        assert bench.state.get_override(REPO, 7) is None and HIGH in fake.issue_labels(REPO, 7)
        outcome = bench.handle("issue_comment", ok)  # the first comment's retry, handled last
        assert bench.state.get_override(REPO, 7) is None and HIGH in fake.issue_labels(REPO, 7), outcome


def test_a_cancel_handled_before_the_labeled_delivery_it_meant_is_not_undone_by_it(scorer):
    """Alice adds the exempt label; its delivery fails and waits. Bob says /sieve exempt cancel,
    which finds nothing recorded yet; Alice's retry used to exempt the PR again (review)."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        fake.change_label(REPO, 7, EXEMPT, "maintainer", add=True)
        labeled_at = datetime.now(UTC) - timedelta(seconds=30)
        labeled = fake.pull_request_event(REPO, 7, "labeled", sender="maintainer", label={"name": EXEMPT})
        cancel = fake.issue_comment_event(REPO, 7, "/sieve exempt cancel", "maintainer", association="MEMBER")
        bench.handle("issue_comment", cancel, received=datetime.now(UTC))
        assert EXEMPT not in fake.issue_labels(REPO, 7) and bench.state.get_override(REPO, 7) is None
        outcome = bench.handle("pull_request", labeled, received=labeled_at)  # the retry, handled last
        assert outcome.startswith("ignored") and bench.state.get_override(REPO, 7) is None
        assert EXEMPT not in fake.issue_labels(REPO, 7) and HIGH in fake.issue_labels(REPO, 7)


def test_a_label_removal_whose_delivery_was_lost_is_not_undone_by_the_next_push(scorer):
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        fake.change_label(REPO, 7, HIGH, "maintainer", add=False)  # its delivery never arrives
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert HIGH not in fake.issue_labels(REPO, 7)
        assert bench.state.get_override(REPO, 7).kind == "label_removed"
        bench.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok cancel", "maintainer",
                                                                association="MEMBER"))
        assert HIGH in fake.issue_labels(REPO, 7)  # the maintainer's own cancel still brings it back
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert HIGH in fake.issue_labels(REPO, 7) and bench.state.get_override(REPO, 7) is None


def test_a_retried_cancel_whose_first_attempt_ended_the_clearance_says_done_not_nothing_to_cancel(scorer):
    from bot.ports import GitHubError
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        bench.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok", "maintainer", association="MEMBER"))
        cancel = fake.issue_comment_event(REPO, 7, "/sieve ok cancel", "maintainer", association="MEMBER")
        fake.inject("POST", r"/issues/7/comments$", status=502, times=None)  # the reply cannot be posted
        try:
            bench.handle("issue_comment", cancel, received=datetime.now(UTC))
        except GitHubError:
            pass
        assert bench.state.get_override(REPO, 7) is None  # the first attempt ended the clearance
        fake.clear_faults()
        bench.handle("issue_comment", cancel, received=datetime.now(UTC))  # the retry
        reply = [c["body"] for c in fake.comments(REPO, 7) if "cancel" in c["body"].lower()][-1]
        assert reply.startswith("Done: the clearance") and "Nothing to cancel" not in reply


def test_a_clear_press_retried_after_a_later_decision_does_not_undo_it(scorer):
    """The maintainer presses "Clear this flag"; its delivery fails and is retried after they
    changed their mind with /sieve ok cancel: the retry used to clear the PR again."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        pressed_at = datetime.now(UTC) - timedelta(minutes=5)
        press = fake.check_run_action_event(REPO, 7, "sieve-ok", "maintainer")
        bench.handle("check_run", press, received=pressed_at)
        assert bench.state.get_override(REPO, 7).kind == "ok"
        bench.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok cancel", "maintainer",
                                                                association="MEMBER"))
        assert HIGH in fake.issue_labels(REPO, 7)
        outcome = bench.handle("check_run", press, received=pressed_at)  # the retry, handled last
        assert outcome.startswith("ignored: overtaken") and HIGH in fake.issue_labels(REPO, 7)
        assert bench.state.get_override(REPO, 7) is None
        again = bench.handle("check_run", fake.check_run_action_event(REPO, 7, "sieve-ok", "maintainer"),
                             received=datetime.now(UTC) + timedelta(seconds=1))  # a new press still works
        assert not again.startswith("ignored") and HIGH not in fake.issue_labels(REPO, 7)


def test_an_exempt_label_taken_off_does_not_overtake_another_persons_band_label_removal(scorer):
    """Bob adds and removes the exempt label, Alice removes the band label; GitHub delivers Bob's
    removal first. Its ending used to make Alice's removal look overtaken, and the bot put her
    label back (review of today's changes)."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        fake.set_permission(REPO, "alice", "write")
        t0 = datetime.now(UTC)
        fake.change_label(REPO, 7, EXEMPT, "maintainer", add=True)
        exempt_on = fake.pull_request_event(REPO, 7, "labeled", sender="maintainer", label={"name": EXEMPT})
        fake.change_label(REPO, 7, HIGH, "alice", add=False)
        removed = fake.pull_request_event(REPO, 7, "unlabeled", sender="alice", label={"name": HIGH})
        fake.change_label(REPO, 7, EXEMPT, "maintainer", add=False)
        exempt_off = fake.pull_request_event(REPO, 7, "unlabeled", sender="maintainer", label={"name": EXEMPT})
        bench.handle("pull_request", exempt_off, received=t0 + timedelta(seconds=2))
        assert bench.handle("pull_request", removed, received=t0 + timedelta(seconds=1)).startswith("override recorded")
        bench.handle("pull_request", exempt_on, received=t0)
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert HIGH not in fake.issue_labels(REPO, 7) and bench.state.get_override(REPO, 7).actor == "alice"


def test_a_lost_removal_is_adopted_when_the_band_moves_and_stays_when_it_moves_back(scorer):
    """Until the upgrade review, the push that moved the band to medium put the medium label on
    over the person's removal of the high one (only the wanted label's history was read)."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        fake.change_label(REPO, 7, HIGH, "maintainer", add=False)  # its delivery is lost
        scorer.result = result_for("medium")
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert fake.issue_labels(REPO, 7) == [] and bench.state.get_override(REPO, 7).kind == "label_removed"
        scorer.result = result_for("high")
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert fake.issue_labels(REPO, 7) == [] and bench.state.get_override(REPO, 7).kind == "label_removed"


def test_a_cancel_made_before_endings_were_kept_is_not_undone_from_the_history(scorer):
    """On a database of an earlier release a cancel left no ending: a removal it cancelled, read
    again from the issue's history, was recorded again as a clearance (review of today's changes)."""
    with FakeGitHub() as fake:
        bench = _Bench(fake).opened(scorer, "high")
        bench.person_labels(HIGH, add=False)
        scorer.result = result_for("medium")
        bench.lag = timedelta(minutes=5)  # the cancel and its rescore came minutes later
        bench.handle("issue_comment", fake.issue_comment_event(REPO, 7, "/sieve ok cancel", "maintainer",
                                                                association="MEMBER"))
        assert fake.issue_labels(REPO, 7) == [MEDIUM]
        bench.state.endings_kept.clear()  # what the earlier release kept of that cancel: nothing
        bench.state.endings_began = datetime.now(UTC) + timedelta(minutes=6)  # the upgrade came after
        scorer.result = result_for("high")
        bench.lag = timedelta(minutes=10)
        bench.handle("pull_request", fake.pull_request_event(REPO, 7, "synchronize"))
        assert bench.state.get_override(REPO, 7) is None and HIGH in fake.issue_labels(REPO, 7)
