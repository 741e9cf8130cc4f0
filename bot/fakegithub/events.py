"""Webhook payloads that agree with the fake's state (for ``sieve demo``, e2e tests, benchmarks).

Shapes follow the octokit/GitHub webhook examples: ``pull_request`` (action, number,
pull_request, repository, sender, installation), ``issue_comment`` on a PR (the ``issue``
carries a ``pull_request`` key), ``pull_request_review`` (a review submitted, its body's text),
``pull_request_review_comment`` (a comment on a line of the diff) and ``check_run``
``requested_action`` (a button pressed on one of the App's check runs). Sign and POST them with
your own client.
"""

from __future__ import annotations

from bot.fakegithub import shapes
from bot.fakegithub.router import Abort, Req
from bot.fakegithub.routes_issues import check_run_body, comment_body
from bot.fakegithub.routes_repo import get_pull, repo_body


def _pull_body(fake, repo: str, number: int) -> dict:
    req = Req("GET", "", {"repo": repo, "number": str(number)}, {}, None, {})
    try:
        return get_pull(fake.state, fake.base_url, req).body
    except Abort:
        raise KeyError(f"the fake has no pull request {repo}#{number}") from None


def _envelope(fake, repo: str, action: str, sender: str) -> dict:
    state = fake.state.repo(repo)
    if state is None:
        raise KeyError(f"the fake has no repository {repo}")
    return {"action": action, "repository": repo_body(fake.state, fake.base_url, state),
            "sender": shapes.user(fake.base_url, sender),
            "installation": {"id": state.installation_id,
                             "node_id": shapes.node_id("I", state.installation_id)}}


def pull_request_event(fake, repo: str, number: int, action: str = "opened",
                       sender: str | None = None, **extra) -> dict:
    """A ``pull_request`` payload for PR ``number`` as the fake serves it now."""
    pull = _pull_body(fake, repo, number)
    payload = _envelope(fake, repo, action, sender or pull["user"]["login"])
    payload.update(number=number, pull_request=pull, **extra)
    return payload


def _issue_of(fake, pull: dict) -> dict:
    keys = ("url", "id", "node_id", "number", "title", "user", "labels", "state", "locked",
            "assignee", "assignees", "milestone", "comments", "created_at", "updated_at",
            "closed_at", "author_association", "body", "active_lock_reason")
    issue = {key: pull.get(key) for key in keys}
    issue.update(url=pull["issue_url"], html_url=pull["html_url"],
                 repository_url=pull["base"]["repo"]["url"],
                 labels_url=pull["issue_url"] + "/labels{/name}",
                 comments_url=pull["comments_url"], events_url=pull["issue_url"] + "/events",
                 reactions=shapes.reactions(pull["issue_url"]),
                 pull_request={"url": pull["url"], "html_url": pull["html_url"],
                               "diff_url": pull["diff_url"], "patch_url": pull["patch_url"],
                               "merged_at": None})
    return issue


def issue_comment_event(fake, repo: str, number: int, body: str, login: str, *,
                        association: str = "CONTRIBUTOR", action: str = "created") -> dict:
    """Add a comment by ``login`` to PR ``number`` and return its ``issue_comment`` payload."""
    pull = _pull_body(fake, repo, number)
    comment_id = fake.add_comment(repo, number, body, login, association=association)
    with fake.state.lock:
        comment = comment_body(fake.state, fake.base_url, fake.state.comments[comment_id])
    payload = _envelope(fake, repo, action, login)
    payload.update(issue=_issue_of(fake, pull), comment=comment)
    return payload


# pulls/get keys a review's webhook leaves out: it carries GitHub's "simple pull request"
_NOT_IN_SIMPLE_PULL = ("merged", "mergeable", "rebaseable", "mergeable_state", "merged_by", "comments",
                       "review_comments", "maintainer_can_modify", "commits", "additions", "deletions",
                       "changed_files")


def pull_request_review_event(fake, repo: str, number: int, body: str | None, login: str, *,
                              state: str = "approved", association: str = "CONTRIBUTOR",
                              action: str = "submitted", review_id: int | None = None,
                              submitted_at: str | None = None, user_type: str = "User") -> dict:
    """A ``pull_request_review`` payload: ``login`` submits a review of PR ``number`` whose text is
    ``body`` (None: a review without text, as GitHub sends it). ``state``: approved,
    changes_requested or commented. ``review_id``: by default a fresh id from the fake's one
    counter; pass one to give a review the id a comment already has (GitHub numbers reviews and
    issue comments separately). The fake keeps no reviews; nothing it serves lists them."""
    pull = _pull_body(fake, repo, number)
    review_id = fake.state.next_id() if review_id is None else review_id
    html_url = f"{pull['html_url']}#pullrequestreview-{review_id}"
    review = {"id": review_id, "node_id": shapes.node_id("PRR", review_id),
              "user": shapes.user(fake.base_url, login, user_type=user_type), "body": body,
              "commit_id": pull["head"]["sha"], "submitted_at": submitted_at or shapes.now_iso(),
              "state": state, "html_url": html_url, "pull_request_url": pull["url"],
              "author_association": association,
              "_links": {"html": {"href": html_url}, "pull_request": {"href": pull["url"]}}}
    payload = _envelope(fake, repo, action, login)
    payload.update(review=review, pull_request={k: v for k, v in pull.items() if k not in _NOT_IN_SIMPLE_PULL})
    return payload


def _review_comment(fake, pull: dict, comment_id: int, body: str | None, author: dict, association: str,
                    created: str, updated: str, path: str) -> dict:
    """A review comment as octokit's ``pull_request_review_comment`` examples carry it: on line 1
    of ``path`` (the RIGHT side) at the PR's head, in a review of its own (GitHub makes one for a
    single comment)."""
    url = f"{pull['url'].rsplit('/', 1)[0]}/comments/{comment_id}"
    html_url = f"{pull['html_url']}#discussion_r{comment_id}"
    head = pull["head"]["sha"]
    return {"url": url, "pull_request_review_id": fake.state.next_id(), "id": comment_id,
            "node_id": shapes.node_id("PRRC", comment_id), "diff_hunk": "@@ -1 +1 @@", "path": path,
            "position": 1, "original_position": 1, "commit_id": head, "original_commit_id": head,
            "user": author, "body": body, "created_at": created, "updated_at": updated,
            "html_url": html_url, "pull_request_url": pull["url"], "author_association": association,
            "_links": {"self": {"href": url}, "html": {"href": html_url}, "pull_request": {"href": pull["url"]}},
            "reactions": shapes.reactions(url), "start_line": None, "original_start_line": None,
            "start_side": None, "line": 1, "original_line": 1, "side": "RIGHT"}


def pull_request_review_comment_event(fake, repo: str, number: int, body: str | None, login: str, *,
                                      association: str = "CONTRIBUTOR", action: str = "created",
                                      comment_id: int | None = None, created_at: str | None = None,
                                      updated_at: str | None = None, user_type: str = "User",
                                      path: str = "README.md") -> dict:
    """A ``pull_request_review_comment`` payload: ``login`` comments on a line of PR ``number``'s
    diff. ``comment_id``: by default a fresh id; pass one to give it the id an issue comment or a
    review already has (GitHub numbers them separately). The fake keeps no review comments;
    nothing it serves lists them (the App's replies go to the PR's conversation)."""
    pull = _pull_body(fake, repo, number)
    comment_id = fake.state.next_id() if comment_id is None else comment_id
    created = created_at or shapes.now_iso()
    comment = _review_comment(fake, pull, comment_id, body, shapes.user(fake.base_url, login, user_type=user_type),
                              association, created, updated_at or created, path)
    payload = _envelope(fake, repo, action, login)
    payload.update(comment=comment, pull_request={k: v for k, v in pull.items() if k not in _NOT_IN_SIMPLE_PULL})
    return payload


def _pr_ref(pull: dict) -> dict:
    """A pull request as a check run or check suite lists it (webhook shape)."""
    def side(end: dict) -> dict:
        repo = end["repo"]
        return {"ref": end["ref"], "sha": end["sha"],
                "repo": {"id": repo["id"], "url": repo["url"], "name": repo["name"]}}
    return {"url": pull["url"], "id": pull["id"], "number": pull["number"],
            "head": side(pull["head"]), "base": side(pull["base"])}


def _as_delivered(run: dict, pull: dict, listed: list[dict]) -> dict:
    """The REST body of a check run as a webhook carries it: the PRs at its commit listed, the full
    check suite, and the App without its installation count."""
    app = {k: v for k, v in run["app"].items() if k != "installations_count"}
    refs = [_pr_ref(each) for each in listed]
    suite = {"id": run["check_suite"]["id"], "node_id": shapes.node_id("CS", run["check_suite"]["id"]),
             "head_branch": pull["head"]["ref"], "head_sha": run["head_sha"], "status": run["status"],
             "conclusion": run["conclusion"], "url": run["url"].rsplit("/check-runs/", 1)[0]
             + f"/check-suites/{run['check_suite']['id']}", "before": pull["base"]["sha"],
             "after": run["head_sha"], "pull_requests": refs, "app": app,
             "created_at": run["started_at"], "updated_at": run["completed_at"] or run["started_at"]}
    return run | {"app": app, "check_suite": suite, "pull_requests": refs}


def _listed_pulls(fake, repo: str, pull: dict) -> list[dict]:
    """The PRs GitHub lists on a check run at ``pull``'s head: every open PR of the repository
    whose head is that commit on one of its own branches (a fork's PR is not listed), oldest first."""
    with fake.state.lock:
        numbers = sorted(fake.state.repo(repo).pulls)
    bodies = [pull if n == pull["number"] else _pull_body(fake, repo, n) for n in numbers]
    return [each for each in bodies if each["head"]["sha"] == pull["head"]["sha"] and each["state"] == "open"
            and each["head"]["repo"]["full_name"] == each["base"]["repo"]["full_name"]]


def check_run_action_event(fake, repo: str, number: int, identifier: str, login: str,
                           run_id: int | None = None) -> dict:
    """``login`` presses button ``identifier`` on check run ``run_id`` (by default the latest run at
    PR ``number``'s head); the run lists the same-repository PRs at its commit as GitHub does."""
    pull = _pull_body(fake, repo, number)
    with fake.state.lock:
        runs = [r for r in fake.state.check_runs.values() if r.fields["head_sha"] == pull["head"]["sha"]
                and run_id in (None, r.id)]
        if not runs:
            raise KeyError(f"no check run {run_id or ''} at {repo}#{number}'s head")
        run = check_run_body(fake.state, fake.base_url, runs[-1])
    payload = _envelope(fake, repo, "requested_action", login)
    payload.update(check_run=_as_delivered(run, pull, _listed_pulls(fake, repo, pull)),
                   requested_action={"identifier": identifier})
    return payload
