"""Check runs at a commit that is the head of two PRs, as GitHub serves them: each run keeps the
``external_id`` it was given (``""`` for none), listing by ref filters by name and App but never
by external_id, ``filter=latest`` (the default) keeps only the newest run of a name, and a
pressed run's webhook lists every open PR whose head is that commit on a branch of the repository
(not a fork's PR, not a closed one)."""

from __future__ import annotations

import requests

REPO = "octo/repo"
SHA = "5" * 40


def _pulls(fake) -> None:
    for number, extra in ((7, {}), (8, {"base_ref": "release"}), (9, {"head_repo": "fork/repo"}),
                          (10, {"state": "closed"})):
        fake.add_pull(REPO, number, {"title": "t", "body": "b", "user": "alice", "head_sha": SHA, **extra},
                      files=[{"filename": "a.py", "additions": 1}], commits=["c"])


def _create(fake, external_id: str | None) -> dict:
    body = {"name": "PR Sieve", "head_sha": SHA, "conclusion": "neutral", "output": {"title": "t", "summary": "s"}}
    if external_id is not None:
        body["external_id"] = external_id
    created = requests.post(f"{fake.base_url}/repos/{REPO}/check-runs", json=body, headers=fake.auth_headers())
    assert created.status_code == 201
    return created.json()


def _listed(fake, **query) -> list[str]:
    url = f"{fake.base_url}/repos/{REPO}/commits/{SHA}/check-runs"
    answer = requests.get(url, params={"check_name": "PR Sieve", **query}, headers=fake.auth_headers()).json()
    return [run["external_id"] for run in answer["check_runs"]]


def test_external_ids_are_kept_and_listing_does_not_filter_by_them(fake):
    _pulls(fake)
    old, seven, eight = _create(fake, None), _create(fake, "pr-7"), _create(fake, "pr-8")
    assert (old["external_id"], seven["external_id"], eight["external_id"]) == ("", "pr-7", "pr-8")
    assert _listed(fake, filter="all") == ["pr-8", "pr-7", ""]  # newest first
    assert _listed(fake) == ["pr-8"]  # filter=latest: the newest run of the name only
    assert _listed(fake, filter="all", external_id="pr-7") == ["pr-8", "pr-7", ""]  # no such filter
    patched = requests.patch(f"{fake.base_url}/repos/{REPO}/check-runs/{old['id']}", json={"external_id": "pr-9"},
                             headers=fake.auth_headers())
    assert patched.json()["external_id"] == "pr-9"


def test_a_pressed_run_lists_the_open_same_repository_prs_at_its_commit(fake):
    _pulls(fake)
    seven, eight = _create(fake, "pr-7"), _create(fake, "pr-8")
    pressed = fake.check_run_action_event(REPO, 8, "sieve-ok", "maint", run_id=seven["id"])
    assert pressed["check_run"]["id"] == seven["id"] and pressed["check_run"]["external_id"] == "pr-7"
    assert [pr["number"] for pr in pressed["check_run"]["pull_requests"]] == [7, 8]
    assert pressed["check_run"]["check_suite"]["pull_requests"] == pressed["check_run"]["pull_requests"]
    latest = fake.check_run_action_event(REPO, 7, "sieve-ok", "maint")  # by default: the newest at the head
    assert latest["check_run"]["id"] == eight["id"]
