"""``PyGithubPort``: ``bot.ports.GitHubPort`` for one installation, implemented with PyGithub."""

from __future__ import annotations

from datetime import datetime
from itertools import islice
from urllib.parse import quote

from github import GithubException
from github.IssueComment import IssueComment

from bot.fanout import together
from bot.github.clients import ClientSettings, GitHubClients
from bot.github.errors import is_rate_limited, translated
from bot.loaders.github_json import snapshot_from_github
from bot.github.contents import ContentReads
from bot.ports import CheckRunOutput, Comment, GitHubError, LabelEvent, PullSearch
from bot.snapshot import PRSnapshot

MAX_FILES = 3000  # pulls/list-files stops there
MAX_COMMITS = 250  # pulls/list-commits stops there
MAX_CHECK_TEXT = 65535  # check-run output.summary / output.text limit
# role_name (GitHub's five roles) or, for a custom role or an old answer, the base ``permission``
PERMISSIONS = {"admin": "admin", "maintain": "write", "write": "write", "triage": "triage",
               "read": "read", "none": "none"}


def _raw(obj) -> dict:
    # Items of paginated lists are "incomplete": their public ``raw_data`` would GET each one
    # again (a commit GET per commit). The listed JSON is all we need.
    return obj._rawData


def _check_output(output: CheckRunOutput) -> dict:
    body = {"title": output.title[:1000], "summary": output.summary[:MAX_CHECK_TEXT]}
    if output.text:
        body["text"] = output.text[:MAX_CHECK_TEXT]
    return body


def _check_fields(output: CheckRunOutput, editing: bool = False) -> dict:
    fields = {"status": output.status, "output": _check_output(output)}
    if output.actions or editing:  # on an edit an empty list takes the earlier buttons away
        fields["actions"] = [{"label": a.label, "description": a.description, "identifier": a.identifier}
                             for a in output.actions[:3]]
    if output.conclusion is not None:
        fields["conclusion"] = output.conclusion
    if output.external_id:  # on an edit too: a run made before runs named their PR now names it
        fields["external_id"] = output.external_id
    return fields


class PyGithubPort(ContentReads):
    def __init__(self, clients: GitHubClients, installation_id: int) -> None:
        self._clients = clients
        self.installation_id = int(installation_id)

    @classmethod
    def for_app(cls, app_id: int | str, private_key: str, installation_id: int,
                **settings) -> "PyGithubPort":
        """A port with its own client cache; ``settings`` are ``ClientSettings`` fields."""
        return cls(GitHubClients(app_id, private_key, settings=ClientSettings(**settings)),
                   installation_id)

    def _translated(self, operation: str):
        return translated(operation, lambda: self._clients.forget(self.installation_id))

    def _gh(self):
        return self._clients.installation(self.installation_id)

    def _repo(self, repo: str):
        return self._gh().get_repo(repo)  # lazy client: no request until needed

    def get_snapshot(self, repo: str, number: int) -> PRSnapshot:
        """The PR, its files and its commits, read at the same time (each on its own thread's
        client: ``get_pull`` on a lazy client makes no request until a list is read)."""
        return snapshot_from_github(*self._read_pull(repo, number, "get_snapshot"))

    def _read_pull(self, repo: str, number: int, operation: str) -> tuple[dict, list[dict], list[dict]]:
        """``pulls/get``, ``pulls/list-files`` and ``pulls/list-commits`` as GitHub sent them."""
        with self._translated(f"{operation} {repo}#{number}"):
            return together(
                lambda: self._pull(repo, number).raw_data,
                lambda: [_raw(f) for f in islice(self._pull(repo, number).get_files(), MAX_FILES)],
                lambda: [_raw(c) for c in islice(self._pull(repo, number).get_commits(), MAX_COMMITS)])

    def _pull(self, repo: str, number: int):
        return self._repo(repo).get_pull(number)

    def get_issue_labels(self, repo: str, number: int) -> list[str]:
        with self._translated(f"get_issue_labels {repo}#{number}"):
            return [label.name for label in self._repo(repo).get_issue(number).get_labels()]

    def add_labels(self, repo: str, number: int, labels: list[str]) -> None:
        if not labels:
            return
        with self._translated(f"add_labels {repo}#{number}"):
            self._repo(repo).get_issue(number).add_to_labels(*labels)

    def label_events(self, repo: str, number: int) -> list[LabelEvent]:
        with self._translated(f"label_events {repo}#{number}"):
            events = [_raw(e) for e in self._repo(repo).get_issue(number).get_events()]
        return [_label_event(e) for e in events if e.get("event") in ("labeled", "unlabeled")]

    def remove_label(self, repo: str, number: int, label: str) -> None:
        with self._translated(f"remove_label {repo}#{number}"):
            try:
                self._repo(repo).get_issue(number).remove_from_labels(label)
            except GithubException as exc:
                if exc.status != 404:  # 404 "Label does not exist": already the state we want
                    raise

    def ensure_label(self, repo: str, name: str, color: str, description: str) -> None:
        """Create the label unless the repository has it. Done once per repository and label in
        ``label_cache_seconds``: every flagged PR asks, and each ask is one more call in its path."""
        key = (self.installation_id, repo.lower(), name.lower())
        self._clients.labels.get_or_load(key, lambda: self._create_label(repo, name, color, description))

    def _create_label(self, repo: str, name: str, color: str, description: str) -> bool:
        with self._translated(f"ensure_label {repo}:{name}"):
            try:
                self._repo(repo).create_label(name, color.lstrip("#"), description)
            except GithubException as exc:
                if not _already_exists(exc):
                    raise
        return True

    def list_comments(self, repo: str, number: int) -> list[Comment]:
        with self._translated(f"list_comments {repo}#{number}"):
            return [Comment(id=c.id, body=c.body or "", author_login=c.user.login if c.user else "")
                    for c in self._repo(repo).get_issue(number).get_comments()]

    def create_comment(self, repo: str, number: int, body: str) -> Comment:
        with self._translated(f"create_comment {repo}#{number}"):
            c = self._repo(repo).get_issue(number).create_comment(body)
            return Comment(id=c.id, body=c.body or "", author_login=c.user.login if c.user else "")

    def get_comment(self, repo: str, comment_id: int) -> Comment:
        with self._translated(f"get_comment {repo}:{comment_id}"):
            url = f"{self._repo(repo).url}/issues/comments/{int(comment_id)}"
            c = IssueComment(self._gh().requester, url=url)
            body = c.body or ""  # lazy: this read is the one GET
            return Comment(id=c.id, body=body, author_login=c.user.login if c.user else "")

    def edit_comment(self, repo: str, comment_id: int, body: str) -> None:
        with self._translated(f"edit_comment {repo}:{comment_id}"):
            url = f"{self._repo(repo).url}/issues/comments/{int(comment_id)}"
            IssueComment(self._gh().requester, url=url).edit(body)  # lazy: one PATCH, no GET

    def add_reaction(self, repo: str, comment_id: int, content: str) -> None:
        with self._translated(f"add_reaction {repo}:{comment_id}"):
            url = f"{self._repo(repo).url}/issues/comments/{int(comment_id)}"
            IssueComment(self._gh().requester, url=url).create_reaction(content)  # lazy: one POST, no GET

    def is_team_member(self, org: str, team_slug: str, login: str) -> bool:
        """Active membership of ``org/team_slug``. Needs the App's ``members: read``; without
        it GitHub answers 403 and the author is treated as not a member (and so is scored).
        Kept as briefly as file reads: one delivery asks twice (before scoring, and before the
        author search), and a burst of PRs by one author asks many times."""
        key = ("team", self.installation_id, org.lower(), team_slug.lower(), login.lower())
        return self._clients.files.get_or_load(key, lambda: self._team_member(org, team_slug, login))

    def _team_member(self, org: str, team_slug: str, login: str) -> bool:
        url = f"/orgs/{org}/teams/{team_slug}/memberships/{login}"
        with self._translated(f"is_team_member {org}/{team_slug}"):
            try:
                _, data = self._gh().requester.requestJsonAndCheck("GET", url)
            except GithubException as exc:
                if exc.status in (403, 404) and not is_rate_limited(exc):
                    return False  # not a member, or no ``members: read``; a rate limit is raised, not cached
                raise
        return isinstance(data, dict) and data.get("state") == "active"

    def delete_comment(self, repo: str, comment_id: int) -> None:
        with self._translated(f"delete_comment {repo}:{comment_id}"):
            url = f"{self._repo(repo).url}/issues/comments/{int(comment_id)}"
            try:
                IssueComment(self._gh().requester, url=url).delete()
            except GithubException as exc:
                if exc.status != 404:
                    raise

    def upsert_check_run(self, repo: str, output: CheckRunOutput) -> int:
        with self._translated(f"upsert_check_run {repo}@{output.head_sha[:12]}"):
            target = self._repo(repo)
            existing = self._own_check_run(target, output)
            if existing is not None:
                existing.edit(**_check_fields(output, editing=True))
                return existing.id
            return target.create_check_run(output.name, output.head_sha,
                                           **_check_fields(output)).id

    def _own_check_run(self, target, output: CheckRunOutput):
        """This App's run named ``output.name`` on the commit for ``output.external_id`` (the
        PR), else its run there without one (made before runs named their PR). ``filter=all``:
        GitHub's default lists only the newest run of a name, another PR's when two share the
        commit; it does not filter by external_id, so that is matched here."""
        runs = target.get_commit(output.head_sha).get_check_runs(check_name=output.name, filter="all")
        app_id = str(self._clients.app_id)
        mine = [run for run in runs if str((_raw(run).get("app") or {}).get("id")) == app_id]
        return _run_for(mine, output.external_id)

    def get_permission(self, repo: str, login: str) -> str:
        url = f"/repos/{repo}/collaborators/{quote(login, safe='')}/permission"
        with self._translated(f"get_permission {repo}:{login}"):
            try:
                _, data = self._gh().requester.requestJsonAndCheck("GET", url)
            except GithubException as exc:
                if exc.status == 404:  # no such user
                    return "none"
                raise
        data = data if isinstance(data, dict) else {}
        role, base = (str(data.get(k) or "").lower() for k in ("role_name", "permission"))
        return PERMISSIONS.get(role) or PERMISSIONS.get(base, "none")

    def bot_login(self) -> str:
        with self._translated("bot_login"):
            return self._clients.bot_login()

    def search_recent_pulls(self, login: str, since: str) -> PullSearch:
        """One search request (no pagination: the first 100, newest first). Search has its own
        budget of 30 requests a minute, so answers are kept for ``search_cache_seconds``, and so
        is GitHub's refusal of a login (422: no such user, or one search does not show): asking
        again for each of that author's PRs would get the same answer from the same budget."""
        key = (self.installation_id, login.lower(), since)
        found = self._clients.searches.get_or_load(key, lambda: self._search_or_refusal(login, since))
        if isinstance(found, GitHubError):
            raise GitHubError(str(found), status=found.status)
        return found

    def _search_or_refusal(self, login: str, since: str) -> PullSearch | GitHubError:
        try:
            return self._search_pulls(login, since)
        except GitHubError as exc:
            if exc.status == 422 and not exc.retryable:
                return exc
            raise

    def _search_pulls(self, login: str, since: str) -> PullSearch:
        budget, operation = self._clients.search_budget, f"search_recent_pulls {login}"
        wait = budget.paused_for(self.installation_id)
        if wait > 0:
            raise GitHubError(f"{operation}: search budget used up for {wait:.0f} s more", status=429, retry_after=wait)
        # -user: leaves out the author's own repositories (their projects and forks are their own
        # work, not a spray), so they neither fill the page of 100 nor count in the total; is:public
        # keeps out private repositories the installation can read: the evidence on a public PR
        # must not name them
        query = {"q": f"is:pr is:public author:{login} -user:{login} created:>={since}", "sort": "created",
                 "order": "desc", "per_page": 100}
        try:
            with self._translated(operation):
                requester = self._clients.search(self.installation_id).requester
                headers, data = requester.requestJsonAndCheck("GET", "/search/issues", parameters=query)
        except GitHubError as exc:
            if exc.retry_after:
                budget.pause(self.installation_id, exc.retry_after)
            raise
        budget.update(self.installation_id, headers)
        items = data.get("items") if isinstance(data, dict) else None
        refs = tuple(ref for ref in map(_pull_ref, items if isinstance(items, list) else []) if ref)
        total = data.get("total_count") if isinstance(data, dict) else None
        return PullSearch(total=total if isinstance(total, int) else len(refs), refs=refs)


def _run_for(runs: list, external_id: str):
    """The newest of ``runs`` whose external_id is ``external_id``, else the newest with none."""
    for wanted in (external_id, ""):
        found = [run for run in runs if (_raw(run).get("external_id") or "") == wanted]
        if found:
            return max(found, key=lambda run: _raw(run).get("id") or 0)
    return None


def _pull_ref(item) -> str | None:
    """``owner/repo#N`` of a search item (``repository_url`` ends in ``/repos/owner/repo``)."""
    if not isinstance(item, dict) or not isinstance(item.get("number"), int):
        return None
    url = item.get("repository_url")
    parts = url.rstrip("/").split("/") if isinstance(url, str) else []
    if len(parts) < 3 or parts[-3] != "repos":
        return None
    return f"{parts[-2]}/{parts[-1]}#{item['number']}"


def _label_event(event: dict) -> LabelEvent:
    label, actor = event.get("label") or {}, event.get("actor") or {}
    return LabelEvent(action=event["event"], label=str(label.get("name") or ""),
                      actor=str(actor.get("login") or ""), at=_when(event.get("created_at")))


def _when(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else None
    except ValueError:
        return None


def _already_exists(exc: GithubException) -> bool:
    data = exc.data if isinstance(exc.data, dict) else {}
    errors = data.get("errors") or []
    return exc.status == 422 and any(isinstance(e, dict) and e.get("code") == "already_exists"
                                     for e in errors)
