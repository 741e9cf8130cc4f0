"""A check run's or suite's delivery is stored under the PR its handler acts on. Of PRs sharing a head commit
each has its own run (named by its ``external_id``, "pr-<n>") and GitHub lists them all on each, so
a press on #8's run was queued under #7, the first listed: the per-PR claim and PostgreSQL lock
then held #7 while the handler changed #8 beside #8's own deliveries (review finding 3). A suite
re-run listing both re-scored both under #7: it is now one delivery per PR (``bot.app.suites``).
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch, intake, suites  # noqa: E402
from bot.app.handlers import check_run  # noqa: E402
from bot.store.db import init_db  # noqa: E402
from bot.store.deliveries import DeliveryStore  # noqa: E402

from tests.pgschema import db_url  # noqa: E402,F401

from .test_e2e_fakegithub import REPO, fake, live_ctx  # noqa: E402,F401
from .conftest import result_for  # noqa: E402
from .test_check_run_events_name_the_right_pr import pull_ref  # noqa: E402
from .test_prs_sharing_a_head_commit import MEDIUM, open_release_pr, press  # noqa: E402
from .test_rerun_all_checks import suite_rerun  # noqa: E402


@pytest.fixture
def pressed_on_8(fake, live_ctx, scorer) -> dict:  # noqa: F811
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    open_release_pr(fake, live_ctx)
    return press(fake, "pr-8")


def test_a_press_on_a_prs_own_run_is_keyed_under_the_pr_it_acts_on(pressed_on_8, live_ctx):  # noqa: F811
    keys = intake.delivery_keys(pressed_on_8)
    assert keys["number"] == 8 == check_run.pull_number(live_ctx, pressed_on_8, REPO, "check_run")


def test_a_press_on_pr8s_run_waits_for_pr8s_other_delivery(pressed_on_8, db_url):  # noqa: F811
    keys = intake.delivery_keys(pressed_on_8)
    engine = init_db(db_url)
    try:
        store = DeliveryStore(engine)
        store.enqueue("cmd", "issue_comment", json.dumps({"issue": {"number": 8}}), action="created",
                      repo=REPO, number=8)
        store.enqueue("press", "check_run", json.dumps(pressed_on_8), action="requested_action", **keys)
        first = store.claim("w1", lease_seconds=60)
        assert first is not None and first.delivery_id == "cmd"
        assert store.claim("w2", lease_seconds=60) is None  # the press waits: both change PR #8
    finally:
        engine.dispose()


def test_a_run_without_a_pr_of_its_own_is_still_keyed_under_the_first_listed(pressed_on_8):
    """A run made before runs named their PR (external_id "") acts on the first PR listed, as before."""
    for old in ("", None, "not-ours-7"):
        event = json.loads(json.dumps(pressed_on_8))
        event["check_run"]["external_id"] = old
        assert intake.delivery_keys(event)["number"] == 7


def test_a_fork_prs_run_is_keyed_by_its_name_without_a_lookup(pressed_on_8):
    event = json.loads(json.dumps(pressed_on_8))
    event["check_run"]["pull_requests"] = []  # a fork PR: GitHub lists none
    assert intake.delivery_keys(event)["number"] == 8
    event["check_run"]["external_id"] = f"pr-{2**31}"  # no PR number we store: not refused, looked up
    assert intake.delivery_keys(event)["number"] is None


def _suite_of_7_and_8(fake, payload) -> dict:
    event = suite_rerun(fake, payload, pulls=[])
    here = event["repository"]["id"]
    event["check_suite"]["pull_requests"] = [pull_ref(event, 7, here), pull_ref(event, 8, here),
                                             pull_ref(event, 3, here + 1)]  # another repository's #3
    return event


def test_a_suite_rerun_of_two_prs_is_one_delivery_per_pr_each_scoring_its_own(fake, live_ctx, scorer,  # noqa: F811
                                                                               payload):
    """"Re-run all checks" at a commit two PRs share was stored under #7 and re-scored #8 too."""
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    open_release_pr(fake, live_ctx)
    parts = suites.per_pr("check_suite", _suite_of_7_and_8(fake, payload), "guid")
    assert [(copy_id, number) for copy_id, number, _ in parts] == [("guid", 7), ("guid/pr-8", 8)]
    scorer.result, scorer.calls = result_for("medium"), []
    for _, number, text in parts:
        assert dispatch.handle("check_suite", json.loads(text), live_ctx).startswith("re-run: scored 55")
    assert [snapshot.number for snapshot, _ in scorer.calls] == [7, 8]
    assert fake.issue_labels(REPO, 7) == [MEDIUM] and fake.issue_labels(REPO, 8) == [MEDIUM]


def test_each_suite_copy_waits_for_its_prs_other_delivery(fake, payload, db_url):  # noqa: F811
    parts = suites.per_pr("check_suite", _suite_of_7_and_8(fake, payload), "guid")
    engine = init_db(db_url)
    try:
        store = DeliveryStore(engine)
        store.enqueue("cmd", "issue_comment", json.dumps({"issue": {"number": 8}}), action="created",
                      repo=REPO, number=8)
        keys = {"installation_id": 1, "repo": REPO, "number": 7}
        assert suites.enqueue_each(store, parts, "check_suite", "rerequested", keys)
        assert not suites.enqueue_each(store, parts, "check_suite", "rerequested", keys)  # a redelivery
        claimed = [store.claim(f"w{i}", lease_seconds=60) for i in range(3)]
        assert [c.delivery_id for c in claimed if c] == ["cmd", "guid"]  # #8's copy waits for #8's command
    finally:
        engine.dispose()


def test_a_suite_of_one_pr_or_of_a_fork_is_stored_as_it_came(fake, payload):
    event = _suite_of_7_and_8(fake, payload)
    event["check_suite"]["pull_requests"] = event["check_suite"]["pull_requests"][:1]
    assert suites.per_pr("check_suite", event, "guid") == []
    event["check_suite"]["pull_requests"] = []
    assert suites.per_pr("check_suite", event, "guid") == []
    assert suites.per_pr("check_run", _suite_of_7_and_8(fake, payload), "guid") == []


def test_a_long_delivery_id_still_fits_its_copies():
    event = {"check_suite": {"pull_requests": [{"number": 7}, {"number": 8}]}, "repository": {"id": 1}}
    ids = [copy_id for copy_id, _, _ in suites.per_pr("check_suite", event, "x" * 100)]
    assert ids[0] == "x" * 100 and len(ids[1]) <= 100 and ids[1].endswith("/pr-8")


def _unnamed_rerun(pressed_on_8) -> dict:
    """A Re-run of a run made before runs named their PR (external_id ""): it lists #7 and #8."""
    event = json.loads(json.dumps(pressed_on_8))
    event["action"] = "rerequested"
    event.pop("requested_action", None)
    event["check_run"]["external_id"] = ""
    return event


def test_a_rerun_of_an_unnamed_run_of_two_prs_is_one_delivery_per_pr_each_scoring_its_own(
        pressed_on_8, fake, live_ctx, scorer):  # noqa: F811
    """Review 2 finding 2: it was stored under #7 alone and re-scored #7 and #8 beside #8's own deliveries."""
    parts = suites.per_pr("check_run", _unnamed_rerun(pressed_on_8), "guid")
    assert [(copy_id, number) for copy_id, number, _ in parts] == [("guid", 7), ("guid/pr-8", 8)]
    scorer.result, scorer.calls = result_for("medium"), []
    for _, number, text in parts:
        copy = json.loads(text)
        assert [pull["number"] for pull in copy["check_run"]["pull_requests"]] == [number]
        assert check_run.pull_numbers(live_ctx, copy, REPO, "check_run") == [number]
        assert dispatch.handle("check_run", copy, live_ctx).startswith("re-run: scored 55")
    assert [snapshot.number for snapshot, _ in scorer.calls] == [7, 8]  # each copy re-scores its own PR once
    assert fake.issue_labels(REPO, 7) == [MEDIUM] and fake.issue_labels(REPO, 8) == [MEDIUM]


def test_each_copy_of_an_unnamed_runs_rerun_waits_for_its_prs_other_delivery(pressed_on_8, db_url):  # noqa: F811
    event = _unnamed_rerun(pressed_on_8)
    parts = suites.per_pr("check_run", event, "guid")
    engine = init_db(db_url)
    try:
        store = DeliveryStore(engine)
        store.enqueue("cmd8", "issue_comment", json.dumps({"issue": {"number": 8}}), action="created",
                      repo=REPO, number=8)
        assert suites.enqueue_each(store, parts, "check_run", "rerequested", intake.delivery_keys(event))
        claimed = [store.claim(f"w{i}", lease_seconds=60) for i in range(3)]
        assert [c.delivery_id for c in claimed if c] == ["cmd8", "guid"]  # #8's copy waits for #8's command
    finally:
        engine.dispose()


def test_a_press_or_a_named_runs_rerun_is_stored_as_it_came(pressed_on_8):
    """A press on an unnamed run is one person's decision about the first PR listed: not split, keyed
    under it. A named run's Re-run is about the PR it names, keyed under it."""
    unnamed_press = json.loads(json.dumps(pressed_on_8))
    unnamed_press["check_run"]["external_id"] = ""
    assert suites.per_pr("check_run", unnamed_press, "guid") == []
    assert intake.delivery_keys(unnamed_press)["number"] == 7
    named_rerun = _unnamed_rerun(pressed_on_8)
    named_rerun["check_run"]["external_id"] = "pr-8"
    assert suites.per_pr("check_run", named_rerun, "guid") == []
    assert intake.delivery_keys(named_rerun)["number"] == 8


def test_a_press_on_an_unnamed_run_of_two_prs_acts_on_the_first_listed_only(pressed_on_8, fake, live_ctx):  # noqa: F811
    event = json.loads(json.dumps(pressed_on_8))
    event["check_run"]["external_id"] = ""
    before = fake.issue_labels(REPO, 8)
    assert before and fake.issue_labels(REPO, 7)  # both flagged
    assert dispatch.handle("check_run", event, live_ctx).startswith("button sieve-ok by maintainer")
    assert fake.issue_labels(REPO, 7) == [] and fake.issue_labels(REPO, 8) == before
