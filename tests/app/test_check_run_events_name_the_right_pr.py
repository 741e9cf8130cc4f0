"""Which PR a check run event is about, on the payloads GitHub really sends.

* GitHub delivers ``rerequested`` and ``requested_action`` only to the App that made the run, and
  its schema does not require ``check_run.app.slug`` (octokit's real ``rerequested`` example has
  none): a Re-run of our check without a slug is ours. A slug naming another App still is not.
* ``check_run.pull_requests`` can list PRs of another repository (a branch that is also the head
  of a PR to the upstream repository; Mergifyio/mergify#831 drops them too): their numbers are
  not this repository's. Only PRs whose base is this repository count; with none, the PR scored
  at the run's commit is used, as for a fork PR.
"""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")

from bot.app import dispatch  # noqa: E402

from .conftest import result_for  # noqa: E402
from .test_e2e_fakegithub import HIGH, REPO, SHA, fake, live_ctx  # noqa: E402,F401


def real_rerun(fake, payload) -> dict:
    """octokit's real ``check_run.rerequested`` example, pointed at our repository and check."""
    event = payload("check_run", "rerequested.payload.json")
    assert "slug" not in event["check_run"]["app"]  # the point of this test: GitHub's shape
    event["installation"] = {"id": fake.installation_id}
    event["repository"]["full_name"] = REPO
    event["check_run"].update(name="PR Sieve", head_sha=SHA)
    event["check_run"]["pull_requests"] = [pull_ref(event, 7, event["repository"]["id"])]
    return event


def pull_ref(event: dict, number: int, base_repo_id: int) -> dict:
    base = {"ref": "main", "sha": "b" * 40, "repo": {"id": base_repo_id, "url": "u", "name": "n"}}
    return {"url": "u", "id": 1, "number": number, "head": {"ref": "feature", "sha": SHA, "repo": base["repo"]},
            "base": base}


def test_a_rerun_of_our_check_without_an_app_slug_scores_the_pr_again(fake, live_ctx, scorer, payload):
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)
    scorer.result = result_for("medium")
    assert dispatch.handle("check_run", real_rerun(fake, payload), live_ctx).startswith("re-run: scored 55")
    assert fake.issue_labels(REPO, 7) == ["sieve/needs-review"]


def test_a_rerun_whose_slug_names_another_app_is_still_ignored(fake, live_ctx, scorer, payload):
    event = real_rerun(fake, payload)
    event["check_run"]["app"]["slug"] = "some-ci"
    assert dispatch.handle("check_run", event, live_ctx) == "ignored: another App's check run"
    assert scorer.calls == []


def test_a_pr_of_another_repository_listed_on_the_run_is_not_taken_for_ours(fake, live_ctx, scorer, payload):
    fake.add_pull(REPO, 26764, {"title": "Unrelated", "body": "x", "user": "someone-else",
                                "author_association": "NONE", "head_sha": "3" * 40},
                  files=[{"filename": "a.md", "additions": 1}], commits=["x"])
    dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx)  # PR Sieve scored #7 at SHA
    event = real_rerun(fake, payload)
    event["check_run"]["pull_requests"] = [pull_ref(event, 26764, 9384267)]  # upstream's PR, upstream's number
    scorer.result = result_for("medium")
    assert dispatch.handle("check_run", event, live_ctx).startswith("re-run: scored 55")
    assert fake.issue_labels(REPO, 7) == ["sieve/needs-review"]
    assert fake.issue_labels(REPO, 26764) == [] and fake.comments(REPO, 26764) == []
