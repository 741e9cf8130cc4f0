"""Fake endpoints: App + tokens, repository, pulls (get/files/commits), contents, permission."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.fakegithub import pull_shapes, shapes
from bot.fakegithub.router import ROUTER, Abort, Reply, Req, not_found
from bot.fakegithub.state import MAX_COMMITS, MAX_FILES, ROLES, FakeState, RepoState

route = ROUTER.route


def repo_state(st: FakeState, req: Req) -> RepoState:
    """The repository named in the path, if this token may see it (else 404, like GitHub)."""
    repo = st.repo(req.params["repo"])
    visible = repo is not None and (req.installation_id in (None, repo.installation_id))
    if not visible:
        raise Abort(not_found())
    return repo


def repo_body(st: FakeState, base: str, repo: RepoState) -> dict:
    return shapes.repository(base, repo.full_name, repo_id=repo.repo_id,
                             default_branch=repo.default_branch, private=repo.private)


def label_bodies(base: str, repo: RepoState, names: list[str]) -> list[dict]:
    out = []
    for name in names:
        meta = repo.labels.get(name.lower(), {"name": name, "color": "ededed", "description": None})
        out.append(shapes.label(base, repo.full_name, meta["name"], meta["color"],
                                meta["description"]))
    return out


def app_body(st: FakeState, base: str) -> dict:
    return shapes.app(base, st.app_id, st.app_slug, st.app_owner)


@route("GET", "/app")
def get_app(st: FakeState, base: str, req: Req) -> Reply:
    return Reply(200, app_body(st, base))


@route("POST", r"/app/installations/(?P<installation_id>\d+)/access_tokens")
def create_token(st: FakeState, base: str, req: Req) -> Reply:
    installation_id = int(req.params["installation_id"])
    if installation_id not in st.installations:
        raise Abort(not_found())
    token, expires = st.issue_token(installation_id)
    expires_at = datetime.fromtimestamp(expires, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Reply(201, {"token": token, "expires_at": expires_at,
                       "permissions": app_body(st, base)["permissions"],
                       "repository_selection": "all"})


@route("GET", "/repos/{repo}/installation")
def get_repo_installation(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    account = st.installations[repo.installation_id]
    return Reply(200, {
        "id": repo.installation_id, "account": shapes.user(base, account, user_type="Organization"),
        "repository_selection": "all", "access_tokens_url":
            f"{base}/app/installations/{repo.installation_id}/access_tokens",
        "repositories_url": f"{base}/installation/repositories",
        "html_url": f"{base}/settings/installations/{repo.installation_id}",
        "app_id": st.app_id, "app_slug": st.app_slug, "target_id": shapes.stable_id(account),
        "target_type": "Organization", "permissions": app_body(st, base)["permissions"],
        "events": app_body(st, base)["events"], "created_at": shapes.EPOCH,
        "updated_at": shapes.EPOCH, "single_file_name": None, "suspended_by": None,
        "suspended_at": None})


@route("GET", "/repos/{repo}")
def get_repo(st: FakeState, base: str, req: Req) -> Reply:
    return Reply(200, repo_body(st, base, repo_state(st, req)))


def _pull(repo: RepoState, req: Req):
    pull = repo.pulls.get(int(req.params["number"]))
    if pull is None:
        raise Abort(not_found())
    return pull


def _head_sha(repo: RepoState, number: int, pull) -> str:
    return pull.fields.get("head_sha") or shapes.fake_sha(repo.full_name, number, "head")


def pull_body(st: FakeState, base: str, repo: RepoState, number: int) -> dict:
    pull = repo.pulls[number]
    labels = [label | {"description": label["description"] or ""}  # pulls/list wants a string
              for label in label_bodies(base, repo, repo.issue_labels.get(number, []))]
    body = pull_shapes.pull(base, repo_body(st, base, repo), number, pull.fields,
                            pull.files, pull.commits, labels)
    body["comments"] = sum(1 for c in st.comments.values()
                           if c.repo == repo.full_name and c.number == number)
    return body


@route("GET", r"/repos/{repo}/pulls/(?P<number>\d+)")
def get_pull(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    _pull(repo, req)
    return Reply(200, pull_body(st, base, repo, int(req.params["number"])))


@route("GET", "/repos/{repo}/pulls")
def list_pulls(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    wanted = req.query.get("state", "open")
    numbers = sorted(repo.pulls, reverse=True)  # newest first, like GitHub's default sort
    numbers = [n for n in numbers if wanted == "all" or repo.pulls[n].fields.get("state", "open") == wanted]
    return Reply(200, numbers, paginate=True, build=lambda n: pull_body(st, base, repo, n))


@route("GET", r"/repos/{repo}/pulls/(?P<number>\d+)/files")
def list_files(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    number = int(req.params["number"])
    pull = _pull(repo, req)
    sha = _head_sha(repo, number, pull)
    return Reply(200, pull.files[:MAX_FILES], paginate=True,
                 build=lambda f: shapes.diff_entry(base, repo.full_name, sha, f))


@route("GET", r"/repos/{repo}/pulls/(?P<number>\d+)/commits")
def list_commits(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    seeds = list(enumerate(_pull(repo, req).commits))[:MAX_COMMITS]
    return Reply(200, seeds, paginate=True,
                 build=lambda pair: shapes.commit(base, repo.full_name, pair[1], pair[0]))


@route("GET", r"/repos/{repo}/contents/?(?P<path>.*)")
def get_content(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    ref = req.query.get("ref") or repo.default_branch
    path = req.params["path"].strip("/")
    text = repo.files.get((ref, path))
    if text is None:
        return _folder(base, repo, ref, path)
    if "raw" in req.headers.get("accept", ""):
        return Reply(200, text, headers={"content-type": "text/plain; charset=utf-8"}, text=True)
    return Reply(200, shapes.content_file(base, repo.full_name, path, text, ref))


def _folder(base: str, repo: RepoState, ref: str, path: str) -> Reply:
    """A folder's listing, as the files seeded under it imply it (404 when there are none)."""
    prefix = f"{path}/" if path else ""
    children: dict[str, str] = {}
    for file_ref, file_path in repo.files:
        if file_ref == ref and file_path.startswith(prefix):
            name, _, rest = file_path[len(prefix):].partition("/")
            children[name] = "dir" if rest else "file"
    if not children:
        raise Abort(not_found())
    return Reply(200, [shapes.folder_entry(base, repo.full_name, prefix + name, kind, ref,
                                           repo.files.get((ref, prefix + name), ""))
                       for name, kind in sorted(children.items())])


@route("GET", r"/repos/{repo}/collaborators/(?P<login>[^/]+)/permission")
def get_permission(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    login = req.params["login"]
    role = repo.roles.get(login.lower())
    if role is None:
        role = "none" if repo.private else "read"
    account = shapes.user(base, login) | {"role_name": role, "permissions": {
        "admin": role == "admin", "maintain": role in ("admin", "maintain"),
        "push": ROLES[role] in ("admin", "write"), "triage": role != "none",
        "pull": role != "none"}}
    return Reply(200, {"permission": ROLES[role], "role_name": role, "user": account})


@route("GET", r"/orgs/(?P<org>[^/]+)/teams/(?P<team>[^/]+)/memberships/(?P<login>[^/]+)")
def get_team_membership(st: FakeState, base: str, req: Req) -> Reply:
    key = tuple(req.params[k].lower() for k in ("org", "team", "login"))
    if key not in st.team_members:
        raise Abort(not_found())
    url = f"{base}/orgs/{req.params['org']}/teams/{req.params['team']}/memberships/{req.params['login']}"
    return Reply(200, {"url": url, "role": "member", "state": "active"})


@route("GET", "/rate_limit")
def get_rate_limit(st: FakeState, base: str, req: Req) -> Reply:
    core = {key: int(req.rate[f"x-ratelimit-{key}"]) for key in ("limit", "remaining", "reset", "used")}
    search = {"limit": 30, "remaining": 30, "reset": core["reset"], "used": 0}
    return Reply(200, {"resources": {"core": core, "search": search}, "rate": core})
