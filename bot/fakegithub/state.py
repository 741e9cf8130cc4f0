"""In-memory state of the fake GitHub: repositories, PRs, labels, comments, check runs, tokens.

Seed data is stored raw and turned into REST bodies when served, so the bodies always use the
server's base URL. All access goes through ``FakeState.lock`` (handlers run in many threads).
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from dataclasses import dataclass, field

ROLES = {"admin": "admin", "maintain": "write", "write": "write", "triage": "read",
         "read": "read", "none": "none"}
MAX_FILES = 3000  # pulls/list-files never returns more
MAX_COMMITS = 250  # pulls/list-commits never returns more
TOKEN_TTL = 3600.0


@dataclass
class PullState:
    fields: dict
    files: list[dict]
    commits: list[dict | str]


@dataclass
class RepoState:
    full_name: str
    repo_id: int
    installation_id: int
    default_branch: str = "main"
    private: bool = False
    labels: dict[str, dict] = field(default_factory=dict)  # lower name -> {name, color, description}
    files: dict[tuple[str, str], str | bytes] = field(default_factory=dict)  # (ref, path) -> text (bytes: not UTF-8)
    roles: dict[str, str] = field(default_factory=dict)  # lower login -> role name
    pulls: dict[int, PullState] = field(default_factory=dict)
    issues: set[int] = field(default_factory=set)
    issue_labels: dict[int, list[str]] = field(default_factory=dict)
    label_events: dict[int, list[tuple[str, str, str, str]]] = field(default_factory=dict)  # (event, label, login, ISO time)


@dataclass
class CommentState:
    id: int
    repo: str
    number: int
    body: str
    login: str
    user_type: str
    association: str
    created: str
    updated: str
    reactions: list[tuple[int, str, str, str]] = field(default_factory=list)  # (id, login, content, created)


@dataclass
class CheckRunState:
    id: int
    repo: str
    fields: dict
    started: str
    app_slug: str
    app_id: int


class FakeState:
    def __init__(self, *, app_id: int, app_slug: str, app_owner: str) -> None:
        self.lock = threading.RLock()
        self.app_id, self.app_slug, self.app_owner = app_id, app_slug, app_owner
        self.repos: dict[str, RepoState] = {}
        self.installations: dict[int, str] = {}  # id -> account login
        self.tokens: dict[str, tuple[int, float]] = {}  # token -> (installation, expiry epoch)
        self.comments: dict[int, CommentState] = {}
        self.check_runs: dict[int, CheckRunState] = {}
        self.team_members: set[tuple[str, str, str]] = set()  # (org, team slug, login), lower case
        self._ids = itertools.count(1001)
        self.token_ttl = TOKEN_TTL

    def next_id(self) -> int:
        with self.lock:
            return next(self._ids)

    @property
    def bot_login(self) -> str:
        return f"{self.app_slug}[bot]"

    def repo(self, full_name: str) -> RepoState | None:
        return self.repos.get(full_name.lower())

    def add_installation(self, installation_id: int, account: str) -> None:
        with self.lock:
            self.installations[installation_id] = account

    def add_repo(self, full_name: str, *, installation_id: int, default_branch: str,
                 private: bool) -> RepoState:
        if full_name.count("/") != 1:
            raise ValueError(f"repository must be 'owner/name', got {full_name!r}")
        with self.lock:
            self.installations.setdefault(installation_id, full_name.split("/")[0])
            state = RepoState(full_name, self.next_id(), installation_id, default_branch, private)
            self.repos[full_name.lower()] = state
            return state

    def issue_token(self, installation_id: int) -> tuple[str, float]:
        token = "ghs_fake" + secrets.token_hex(16)
        expires = time.time() + self.token_ttl
        with self.lock:
            self.tokens[token] = (installation_id, expires)
        return token, expires

    def token_installation(self, token: str) -> int | None:
        with self.lock:
            entry = self.tokens.get(token)
        if entry is None or entry[1] < time.time():
            return None
        return entry[0]
