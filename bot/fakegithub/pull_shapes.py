"""Builders for the larger bodies: pull-request (pulls/get) and check-run."""

from __future__ import annotations

from bot.fakegithub.shapes import EPOCH, fake_sha, node_id, reactions, repository, stable_id, user

# Convenience keys accepted by ``FakeGitHub.add_pull``; anything else overrides the REST body.
PULL_KEYS = frozenset({
    "title", "body", "user", "user_type", "author_association", "draft", "state", "head_ref",
    "head_sha", "base_ref", "head_repo", "created_at", "labels",
})


def _branch(base: str, repo: dict, ref: str, sha: str) -> dict:
    owner = repo["owner"]
    return {"label": f"{owner['login']}:{ref}", "ref": ref, "sha": sha, "user": owner,
            "repo": repo}


def _links(base: str, full_name: str, number: int, head_sha: str) -> dict:
    api = f"{base}/repos/{full_name}"
    hrefs = {
        "self": f"{api}/pulls/{number}", "html": f"{base}/{full_name}/pull/{number}",
        "issue": f"{api}/issues/{number}", "comments": f"{api}/issues/{number}/comments",
        "review_comments": f"{api}/pulls/{number}/comments",
        "review_comment": f"{api}/pulls/comments{{/number}}",
        "commits": f"{api}/pulls/{number}/commits", "statuses": f"{api}/statuses/{head_sha}",
    }
    return {key: {"href": href} for key, href in hrefs.items()}


def _head_repo(base: str, fields: dict, repo: dict) -> dict:
    fork = fields.get("head_repo")
    if not fork or fork == repo["full_name"]:
        return repo
    return repository(base, fork, repo_id=stable_id(fork)) | {"fork": True}


def pull(base: str, repo: dict, number: int, fields: dict, files: list[dict],
         commits: list, labels: list[dict]) -> dict:
    """A ``pull-request`` body; ``fields`` holds the PULL_KEYS conveniences plus overrides;
    ``files``/``commits`` are the seeds (only counted here)."""
    full_name = repo["full_name"]
    api = f"{base}/repos/{full_name}"
    head_sha = fields.get("head_sha") or fake_sha(full_name, number, "head")
    author = fields.get("user", "contributor")
    author = author if isinstance(author, dict) else user(
        base, author, user_type=fields.get("user_type", "User"))
    pull_id = stable_id(f"{full_name}#{number}")
    body = {
        "url": f"{api}/pulls/{number}", "id": pull_id, "node_id": node_id("PR", pull_id),
        "html_url": f"{base}/{full_name}/pull/{number}",
        "diff_url": f"{base}/{full_name}/pull/{number}.diff",
        "patch_url": f"{base}/{full_name}/pull/{number}.patch",
        "issue_url": f"{api}/issues/{number}", "commits_url": f"{api}/pulls/{number}/commits",
        "review_comments_url": f"{api}/pulls/{number}/comments",
        "review_comment_url": f"{api}/pulls/comments{{/number}}",
        "comments_url": f"{api}/issues/{number}/comments",
        "statuses_url": f"{api}/statuses/{head_sha}", "number": number,
        "state": fields.get("state", "open"), "locked": False, "title": fields.get("title", ""),
        "user": author, "body": fields.get("body"), "labels": labels, "milestone": None,
        "active_lock_reason": None, "created_at": fields.get("created_at", EPOCH),
        "updated_at": fields.get("created_at", EPOCH), "closed_at": None, "merged_at": None,
        "merge_commit_sha": None, "assignee": None, "assignees": [], "requested_reviewers": [],
        "requested_teams": [],
        "head": _branch(base, _head_repo(base, fields, repo), fields.get("head_ref", "feature"),
                        head_sha),
        "base": _branch(base, repo, fields.get("base_ref", repo["default_branch"]),
                        fake_sha(full_name, "base")),
        "_links": _links(base, full_name, number, head_sha),
        "author_association": fields.get("author_association", "CONTRIBUTOR"),
        "auto_merge": None, "draft": bool(fields.get("draft", False)), "merged": False,
        "mergeable": True, "rebaseable": True, "mergeable_state": "clean", "merged_by": None,
        "comments": 0, "review_comments": 0, "maintainer_can_modify": False,
        "commits": len(commits), "additions": sum(int(f.get("additions", 0)) for f in files),
        "deletions": sum(int(f.get("deletions", 0)) for f in files), "changed_files": len(files),
    }
    return _merge(body, {k: v for k, v in fields.items() if k not in PULL_KEYS})


def _merge(body: dict, overrides: dict) -> dict:
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            body[key] = _merge(dict(body[key]), value)
        else:
            body[key] = value
    return body


def check_run(base: str, full_name: str, run_id: int, fields: dict, app_body: dict,
              started: str) -> dict:
    """A ``check-run`` body from the POST/PATCH fields received so far."""
    output = fields.get("output") or {}
    status = fields.get("status") or ("completed" if fields.get("conclusion") else "queued")
    url = f"{base}/repos/{full_name}/check-runs/{run_id}"
    return {
        "id": run_id, "node_id": node_id("CR", run_id), "head_sha": fields["head_sha"],
        "name": fields["name"], "external_id": fields.get("external_id", ""), "url": url,
        "html_url": f"{base}/{full_name}/runs/{run_id}",
        "details_url": fields.get("details_url", f"{base}/{full_name}/runs/{run_id}"),
        "status": status, "conclusion": fields.get("conclusion"),
        "started_at": fields.get("started_at", started),
        "completed_at": fields.get("completed_at", started if status == "completed" else None),
        "output": {
            "title": output.get("title"), "summary": output.get("summary"),
            "text": output.get("text"), "annotations_count": len(output.get("annotations", [])),
            "annotations_url": f"{url}/annotations",
        },
        "check_suite": {"id": stable_id(f"suite:{full_name}:{fields['head_sha']}")},
        "app": app_body, "pull_requests": [],
    }


def search_item(base: str, full_name: str, number: int, pull_body: dict) -> dict:
    """One ``GET /search/issues`` item for a pull request, in the recorded fixture's shape
    (an issue with a ``pull_request`` object), built from the PR's own body."""
    api, web = f"{base}/repos/{full_name}", f"{base}/{full_name}"
    issue = f"{api}/issues/{number}"
    keep = ("id", "node_id", "number", "title", "user", "labels", "state", "locked", "assignee", "assignees",
            "milestone", "comments", "created_at", "updated_at", "closed_at", "author_association",
            "active_lock_reason", "body", "draft")
    return {
        **{key: pull_body.get(key) for key in keep},
        "url": issue, "repository_url": api, "labels_url": f"{issue}/labels{{/name}}",
        "comments_url": f"{issue}/comments", "events_url": f"{issue}/events",
        "html_url": f"{web}/pull/{number}", "timeline_url": f"{issue}/timeline",
        "reactions": reactions(issue), "performed_via_github_app": None, "state_reason": None, "score": 1.0,
        "pull_request": {"url": f"{api}/pulls/{number}", "html_url": f"{web}/pull/{number}",
                         "diff_url": f"{web}/pull/{number}.diff", "patch_url": f"{web}/pull/{number}.patch",
                         "merged_at": None},
    }
