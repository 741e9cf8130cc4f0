"""Builders for the JSON bodies the fake GitHub returns.

Each builder produces the fields GitHub documents as required for that schema in the REST
description (``operations.json``: simple-user, repository, pull-request, diff-entry, commit,
label, issue-comment, check-run, content-file, ...). Every API URL is built from the fake's own
base URL so PyGithub follows pagination and lazy completion to the fake, not api.github.com.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timezone
from urllib.parse import quote

_USER_URLS = {
    "followers_url": "/followers", "following_url": "/following{/other_user}",
    "gists_url": "/gists{/gist_id}", "starred_url": "/starred{/owner}{/repo}",
    "subscriptions_url": "/subscriptions", "organizations_url": "/orgs", "repos_url": "/repos",
    "events_url": "/events{/privacy}", "received_events_url": "/received_events",
}

_REPO_URLS = {
    "archive_url": "/{archive_format}{/ref}", "assignees_url": "/assignees{/user}",
    "blobs_url": "/git/blobs{/sha}", "branches_url": "/branches{/branch}",
    "collaborators_url": "/collaborators{/collaborator}", "comments_url": "/comments{/number}",
    "commits_url": "/commits{/sha}", "compare_url": "/compare/{base}...{head}",
    "contents_url": "/contents/{+path}", "contributors_url": "/contributors",
    "deployments_url": "/deployments", "downloads_url": "/downloads", "events_url": "/events",
    "forks_url": "/forks", "git_commits_url": "/git/commits{/sha}",
    "git_refs_url": "/git/refs{/sha}", "git_tags_url": "/git/tags{/sha}", "hooks_url": "/hooks",
    "issue_comment_url": "/issues/comments{/number}",
    "issue_events_url": "/issues/events{/number}", "issues_url": "/issues{/number}",
    "keys_url": "/keys{/key_id}", "labels_url": "/labels{/name}", "languages_url": "/languages",
    "merges_url": "/merges", "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}",
    "pulls_url": "/pulls{/number}", "releases_url": "/releases{/id}",
    "stargazers_url": "/stargazers", "statuses_url": "/statuses/{sha}",
    "subscribers_url": "/subscribers", "subscription_url": "/subscription", "tags_url": "/tags",
    "teams_url": "/teams", "trees_url": "/git/trees{/sha}",
}

EPOCH = "2024-01-01T00:00:00Z"
CONTENTS_LIMIT = 1024 * 1024  # bytes the contents API returns inline; larger files come with encoding "none"


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def node_id(kind: str, number: int) -> str:
    return base64.b64encode(f"0:{kind}{number}".encode()).decode()


def fake_sha(*parts: object) -> str:
    return hashlib.sha1("\0".join(str(p) for p in parts).encode()).hexdigest()


def stable_id(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:7], 16) + 1000


def user(base: str, login: str, *, user_type: str = "User") -> dict:
    url = f"{base}/users/{quote(login)}"
    body = {
        "login": login, "id": stable_id(login), "node_id": node_id("U", stable_id(login)),
        "avatar_url": f"{base}/avatars/{quote(login)}", "gravatar_id": "", "url": url,
        "html_url": f"{base}/{quote(login)}", "type": user_type, "site_admin": False,
    }
    body.update({key: url + suffix for key, suffix in _USER_URLS.items()})
    return body


def repository(base: str, full_name: str, *, repo_id: int, default_branch: str = "main",
               private: bool = False) -> dict:
    owner, name = full_name.split("/", 1)
    url = f"{base}/repos/{full_name}"
    body = {
        "id": repo_id, "node_id": node_id("R", repo_id), "name": name, "full_name": full_name,
        "owner": user(base, owner, user_type="Organization"), "private": private,
        "html_url": f"{base}/{full_name}", "description": None, "fork": False, "url": url,
        "clone_url": f"{base}/{full_name}.git", "git_url": f"{base}/{full_name}.git",
        "ssh_url": f"git@fake:{full_name}.git", "svn_url": f"{base}/{full_name}",
        "mirror_url": None, "homepage": None, "language": None, "forks": 0, "forks_count": 0,
        "stargazers_count": 0, "watchers": 0, "watchers_count": 0, "size": 0,
        "default_branch": default_branch, "open_issues": 0, "open_issues_count": 0,
        "has_issues": True, "has_projects": False, "has_wiki": False, "has_pages": False,
        "has_downloads": False, "archived": False, "disabled": False, "license": None,
        "visibility": "private" if private else "public", "is_template": False,
        "web_commit_signoff_required": False, "topics": [], "custom_properties": {},
        "pushed_at": EPOCH, "created_at": EPOCH, "updated_at": EPOCH,
    }
    body.update({key: url + suffix for key, suffix in _REPO_URLS.items()})
    return body


def label(base: str, full_name: str, name: str, color: str, description: str | None) -> dict:
    return {
        "id": stable_id(f"{full_name}#{name}"), "node_id": node_id("L", stable_id(name)),
        "url": f"{base}/repos/{full_name}/labels/{quote(name, safe='')}", "name": name,
        "description": description, "color": color, "default": False,
    }


def diff_entry(base: str, full_name: str, head_sha: str, item: dict) -> dict:
    path = item.get("filename") or item["path"]
    additions, deletions = int(item.get("additions", 0)), int(item.get("deletions", 0))
    entry = {
        "sha": item.get("sha") or fake_sha(full_name, path, head_sha), "filename": path,
        "status": item.get("status", "modified"), "additions": additions,
        "deletions": deletions, "changes": additions + deletions,
        "blob_url": f"{base}/{full_name}/blob/{head_sha}/{quote(path)}",
        "raw_url": f"{base}/{full_name}/raw/{head_sha}/{quote(path)}",
        "contents_url": f"{base}/repos/{full_name}/contents/{quote(path)}?ref={head_sha}",
    }
    if item.get("patch") is not None:
        entry["patch"] = item["patch"]
    if item.get("previous_filename"):
        entry["previous_filename"] = item["previous_filename"]
    return entry


def _git_user(name: str, email: str, date: str) -> dict:
    return {"name": name, "email": email, "date": date}


def commit(base: str, full_name: str, item: dict | str, index: int) -> dict:
    item = {"message": item} if isinstance(item, str) else item
    sha = item.get("sha") or fake_sha(full_name, index, item.get("message", ""))
    name = item.get("author_name", "Test Author")
    email = item.get("author_email", "author@example.com")
    date = item.get("date", EPOCH)
    login = item.get("author_login")
    account = user(base, login) if login else None
    return {
        "url": f"{base}/repos/{full_name}/commits/{sha}", "sha": sha,
        "node_id": node_id("C", stable_id(sha)), "html_url": f"{base}/{full_name}/commit/{sha}",
        "comments_url": f"{base}/repos/{full_name}/commits/{sha}/comments",
        "commit": {
            "url": f"{base}/repos/{full_name}/git/commits/{sha}",
            "author": _git_user(name, email, date), "committer": _git_user(name, email, date),
            "message": item.get("message", ""), "comment_count": 0,
            "tree": {"sha": fake_sha("tree", sha), "url": f"{base}/repos/{full_name}/git/trees/{sha}"},
            "verification": {"verified": False, "reason": "unsigned", "signature": None,
                             "payload": None, "verified_at": None},
        },
        "author": account, "committer": account, "parents": [],
    }


def reactions(url: str) -> dict:
    counts = {key: 0 for key in ("total_count", "+1", "-1", "laugh", "hooray", "confused",
                                 "heart", "rocket", "eyes")}
    return {"url": f"{url}/reactions", **counts}


def issue_comment(base: str, full_name: str, number: int, comment_id: int, body: str,
                  author: dict, association: str, created: str, updated: str) -> dict:
    url = f"{base}/repos/{full_name}/issues/comments/{comment_id}"
    return {"reactions": reactions(url), "performed_via_github_app": None,
        "id": comment_id, "node_id": node_id("IC", comment_id),
        "url": f"{base}/repos/{full_name}/issues/comments/{comment_id}",
        "html_url": f"{base}/{full_name}/pull/{number}#issuecomment-{comment_id}",
        "issue_url": f"{base}/repos/{full_name}/issues/{number}", "body": body, "user": author,
        "author_association": association, "created_at": created, "updated_at": updated,
    }


def app(base: str, app_id: int, slug: str, owner: str) -> dict:
    return {
        "id": app_id, "slug": slug, "node_id": node_id("A", app_id),
        "owner": user(base, owner, user_type="Organization"), "name": slug,
        "description": "", "external_url": f"{base}/apps/{slug}",
        "html_url": f"{base}/apps/{slug}", "created_at": EPOCH, "updated_at": EPOCH,
        "permissions": {"checks": "write", "contents": "read", "issues": "write",
                        "metadata": "read", "pull_requests": "read"},
        "events": ["pull_request", "issue_comment", "check_run"],
        "installations_count": 1,
    }


def content_file(base: str, full_name: str, path: str, text: str | bytes, ref: str) -> dict:
    data = text if isinstance(text, bytes) else text.encode()  # bytes: a file that is not UTF-8
    sha = fake_sha("blob", data)
    encoded = base64.encodebytes(data).decode()  # GitHub wraps base64 at 60-76 columns
    encoding = "base64"
    if len(data) > CONTENTS_LIMIT:  # GitHub: 1-100 MB files come without their content
        encoding, encoded = "none", ""
    url = f"{base}/repos/{full_name}/contents/{quote(path)}?ref={quote(ref)}"
    html = f"{base}/{full_name}/blob/{quote(ref)}/{quote(path)}"
    git = f"{base}/repos/{full_name}/git/blobs/{sha}"
    return {
        "type": "file", "encoding": encoding, "size": len(data), "name": path.rsplit("/", 1)[-1],
        "path": path, "content": encoded, "sha": sha, "url": url, "git_url": git,
        "html_url": html, "download_url": f"{base}/{full_name}/raw/{quote(ref)}/{quote(path)}",
        "_links": {"self": url, "git": git, "html": html},
    }


def folder_entry(base: str, full_name: str, path: str, kind: str, ref: str, text: str | bytes) -> dict:
    """One entry of a folder listing: a file's fields without its content (GitHub's shape)."""
    entry = content_file(base, full_name, path, text if kind == "file" else "", ref)
    del entry["content"], entry["encoding"]
    if kind == "dir":
        entry.update(type="dir", size=0, download_url=None,
                     html_url=entry["html_url"].replace("/blob/", "/tree/", 1))
        entry["_links"]["html"] = entry["html_url"]
    return entry


def error(message: str, status: int, **extra) -> dict:
    anchor = "rest" if status != 422 else "rest#client-errors"
    return {"message": message, "documentation_url": f"https://docs.github.com/{anchor}",
            "status": str(status), **extra}
