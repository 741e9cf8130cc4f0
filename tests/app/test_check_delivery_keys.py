"""A check run's delivery is stored under the PR its handler acts on. Of PRs sharing a head commit
each has its own run (named by its ``external_id``, "pr-<n>") and GitHub lists them all on each, so
a press on #8's run was queued under #7, the first listed: the per-PR claim and PostgreSQL lock
then held #7 while the handler changed #8 beside #8's own deliveries (review finding 3).
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch, intake  # noqa: E402
from bot.app.handlers import check_run  # noqa: E402
from bot.store.db import init_db  # noqa: E402
from bot.store.deliveries import DeliveryStore  # noqa: E402

from tests.pgschema import db_url  # noqa: E402,F401

from .test_e2e_fakegithub import REPO, fake, live_ctx  # noqa: E402,F401
from .test_prs_sharing_a_head_commit import open_release_pr, press  # noqa: E402


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
