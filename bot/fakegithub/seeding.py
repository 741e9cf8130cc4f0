"""Seeding API of ``FakeGitHub``: installations, repositories, PRs, files, permissions, ...

Everything is stored raw and turned into REST bodies when served (see ``state``/``shapes``).
"""

from __future__ import annotations

from bot.fakegithub import routes_issues, shapes
from bot.fakegithub.state import (ROLES, CheckRunState, CommentState, FakeState, PullState,
                                  RepoState)


class Seeding:
    state: FakeState
    installation_id: int

    def add_installation(self, installation_id: int, account: str = "octo-org") -> None:
        self.state.add_installation(installation_id, account)

    def add_repo(self, repo: str, *, installation_id: int | None = None,
                 default_branch: str = "main", private: bool = False) -> None:
        self.state.add_repo(repo, installation_id=installation_id or self.installation_id,
                            default_branch=default_branch, private=private)

    def _repo(self, repo: str) -> RepoState:
        found = self.state.repo(repo)
        if found is None:
            self.add_repo(repo)
            found = self.state.repo(repo)
        return found

    def add_pull(self, repo: str, number: int, pull_fields: dict | None = None,
                 files: list[dict] | None = None, commits: list[dict | str] | None = None) -> None:
        """Add or replace PR ``number``. ``pull_fields``: title, body, user (login), user_type,
        author_association, draft, state, head_ref, head_sha, base_ref, head_repo, created_at,
        labels (names); any other key overrides the pulls/get body. ``files``: dicts with
        filename, status, additions, deletions, patch. ``commits``: messages or dicts with
        message, sha, author_name, author_email, author_login, date."""
        fields = dict(pull_fields or {})
        _check_seeds(files or [], commits or [])
        with self.state.lock:
            state = self._repo(repo)
            state.pulls[number] = PullState(fields, list(files or []), list(commits or []))
            state.issues.add(number)
            if "labels" in fields:
                state.issue_labels[number] = []
                routes_issues._add_issue_labels(state, number, list(fields["labels"]),
                                                str(fields.get("user") or "someone"))

    def change_label(self, repo: str, number: int, label: str, login: str, *, add: bool) -> None:
        """A person adds or removes ``label`` on the issue: the labels and the issue's event
        history change; no webhook is sent (build it with ``pull_request_event``)."""
        with self.state.lock:
            state = self._repo(repo)
            current = state.issue_labels.setdefault(number, [])
            if add:
                routes_issues._add_issue_labels(state, number, [label], login)
            elif any(n.lower() == label.lower() for n in current):
                state.issue_labels[number] = [n for n in current if n.lower() != label.lower()]
                routes_issues.record_label_event(state, number, "unlabeled", label, login)

    def add_issue(self, repo: str, number: int) -> None:
        with self.state.lock:
            self._repo(repo).issues.add(number)

    def set_file(self, repo: str, path: str, text: str | bytes | None, ref: str | None = None) -> None:
        """Set (or with ``text=None`` delete) a file on ``ref`` (default branch when None); bytes
        for a file that is not UTF-8 text."""
        with self.state.lock:
            state = self._repo(repo)
            key = (ref or state.default_branch, path.strip("/"))
            if text is None:
                state.files.pop(key, None)
            else:
                state.files[key] = text

    def add_team_member(self, org: str, team_slug: str, login: str) -> None:
        with self.state.lock:
            self.state.team_members.add((org.lower(), team_slug.lower(), login.lower()))

    def set_permission(self, repo: str, login: str, perm: str) -> None:
        """``perm`` is a role: admin, maintain, write, triage, read or none."""
        if perm not in ROLES:
            raise ValueError(f"unknown permission {perm!r}; use one of {sorted(ROLES)}")
        with self.state.lock:
            self._repo(repo).roles[login.lower()] = perm

    def add_label(self, repo: str, name: str, color: str = "ededed",
                  description: str | None = None) -> None:
        with self.state.lock:
            self._repo(repo).labels[name.lower()] = {"name": name, "color": color,
                                                     "description": description}

    def add_comment(self, repo: str, number: int, body: str, login: str = "someone", *,
                    user_type: str = "User", association: str = "CONTRIBUTOR") -> int:
        """Seed a comment (e.g. a human's or an older bot comment); returns its id."""
        with self.state.lock:
            state = self._repo(repo)
            state.issues.add(number)
            now = shapes.now_iso()
            comment = CommentState(self.state.next_id(), state.full_name, number, body, login,
                                   user_type, association, now, now)
            self.state.comments[comment.id] = comment
            return comment.id

    def edit_comment_text(self, comment_id: int, body: str) -> None:
        """A person edits a comment's text in GitHub's web page (any comment, the App's too, for
        someone with write access); GitHub hands the text back with CRLF line endings."""
        with self.state.lock:
            comment = self.state.comments[comment_id]
            comment.body, comment.updated = body.replace("\r\n", "\n").replace("\n", "\r\n"), shapes.now_iso()

    def add_check_run(self, repo: str, head_sha: str, name: str, *, app_id: int = 2,
                      app_slug: str = "other-app", **fields) -> int:
        """Seed a check run made by another App (by default); returns its id."""
        with self.state.lock:
            state = self._repo(repo)
            run = CheckRunState(self.state.next_id(), state.full_name,
                                {"name": name, "head_sha": head_sha, **fields},
                                shapes.now_iso(), app_slug, app_id)
            self.state.check_runs[run.id] = run
            return run.id


def _check_seeds(files: list, commits: list) -> None:
    for i, item in enumerate(files):
        if not isinstance(item, dict) or not (item.get("filename") or item.get("path")):
            raise ValueError(f"files[{i}] must be a dict with a 'filename', got {item!r}")
    for i, item in enumerate(commits):
        if not isinstance(item, (str, dict)):
            raise ValueError(f"commits[{i}] must be a message or a dict, got {item!r}")
