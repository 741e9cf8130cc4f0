"""The fake's ``pull_request_review_comment`` payload has the keys of octokit's
``payload-examples/api.github.com/pull_request_review_comment/created.payload.json`` (octokit/webhooks;
../shared holds no review-comment example or schema, so its keys are listed here), agrees with the
fake's PR, and gives a fresh id unless told one (GitHub numbers review comments apart from issue
comments and reviews)."""

from __future__ import annotations

import pytest

REPO = "octo/repo"
COMMENT_KEYS = {  # octokit's created example, key for key
    "url", "pull_request_review_id", "id", "node_id", "diff_hunk", "path", "position", "original_position",
    "commit_id", "original_commit_id", "user", "body", "created_at", "updated_at", "html_url",
    "pull_request_url", "author_association", "_links", "reactions", "start_line", "original_start_line",
    "start_side", "line", "original_line", "side"}
TOP_KEYS = {"action", "comment", "pull_request", "repository", "installation", "sender"}


@pytest.fixture
def pr(fake):
    fake.add_pull(REPO, 7, {"title": "Add feature", "body": None, "user": "alice"},
                  files=[{"filename": "a.py", "additions": 3}], commits=["Add feature"])
    return fake


def test_the_payload_has_octokits_keys_and_the_fakes_pr(pr):
    payload = pr.pull_request_review_comment_event(REPO, 7, "/sieve ok", "maint", association="MEMBER", path="a.py")
    comment, pull = payload["comment"], payload["pull_request"]
    assert set(payload) == TOP_KEYS and set(comment) == COMMENT_KEYS
    assert set(comment["_links"]) == {"self", "html", "pull_request"}
    assert (pull["number"], payload["action"], payload["installation"]["id"]) == (7, "created", pr.installation_id)
    assert comment["url"] == f"{pr.base_url}/repos/{REPO}/pulls/comments/{comment['id']}"
    assert comment["html_url"] == f"{pull['html_url']}#discussion_r{comment['id']}"
    assert comment["commit_id"] == pull["head"]["sha"] and comment["pull_request_url"] == pull["url"]
    assert (comment["path"], comment["author_association"], comment["user"]["login"]) == ("a.py", "MEMBER", "maint")
    assert comment["created_at"] == comment["updated_at"] and comment["created_at"].endswith("Z")
    assert "merged" not in pull and "review_comments" not in pull  # a "simple" pull request, as a review's


def test_ids_are_fresh_unless_given(pr):
    first = pr.pull_request_review_comment_event(REPO, 7, "a", "maint")["comment"]["id"]
    second = pr.pull_request_review_comment_event(REPO, 7, "b", "maint")["comment"]["id"]
    issue = pr.issue_comment_event(REPO, 7, "c", "maint")["comment"]["id"]
    assert len({first, second, issue}) == 3
    assert pr.pull_request_review_comment_event(REPO, 7, "d", "maint", comment_id=issue)["comment"]["id"] == issue


def test_an_edit_carries_its_own_times_and_action(pr):
    payload = pr.pull_request_review_comment_event(REPO, 7, "x", "maint", action="edited",
                                                   created_at="2026-01-01T00:00:00Z", updated_at="2026-01-01T00:05:00Z")
    assert payload["action"] == "edited"
    assert (payload["comment"]["created_at"], payload["comment"]["updated_at"]) == (
        "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z")
