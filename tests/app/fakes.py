"""In-memory GitHubPort and StateStore for the App's unit tests (no HTTP at all)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.app.actions import NOTE_ACTION, noted_state
from bot.app.context import Decision, Ending, Override
from bot.app.decisions import utc
from bot.ports import CheckRunOutput, Comment, FileTooLarge, GitHubError, LabelEvent, NotText, PullSearch
from bot.snapshot import PRSnapshot

# the tests' fixed clock (conftest.FIXED_NOW): a person's label change is as old as the decisions around it
EVENT_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


class FakeGitHub:
    """Keeps repository state in dicts; every write is appended to ``writes``."""

    def __init__(self, bot: str = "pr-sieve[bot]") -> None:
        self.bot = bot
        self.files: dict[tuple[str, str], str | bytes] = {}  # bytes: a file that is not UTF-8 text
        self.missing_repos: set[str] = set()
        self.too_large: set[tuple[str, str]] = set()  # files over GitHub's 1 MB contents API limit
        self.snapshots: dict[tuple[str, int], PRSnapshot] = {}
        self.labels: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.repo_labels: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        self.comments: dict[tuple[str, int], list[Comment]] = defaultdict(list)
        self.check_runs: dict[tuple[str, str, str, str], CheckRunOutput] = {}  # (repo, name, head_sha, external_id)
        self.permissions: dict[tuple[str, str], str] = {}
        self.writes: list[tuple] = []
        self.file_reads: list[tuple[str, str, str | None]] = []
        self.recent_pulls: dict[str, list[str]] = {}  # lower login -> "owner/repo#N", newest first
        self.searches: list[tuple[str, str]] = []
        self.events: dict[tuple[str, int], list[LabelEvent]] = defaultdict(list)  # label history
        self.search_error: GitHubError | None = None
        self._next_id = 1000

    # seeding -------------------------------------------------------------------------------
    def add_pr(self, repo: str, snapshot: PRSnapshot) -> None:
        self.snapshots[(repo, snapshot.number)] = snapshot
        self.labels[(repo, snapshot.number)] = list(snapshot.labels)

    def seed_comment(self, repo: str, number: int, body: str, author: str) -> Comment:
        comment = Comment(id=self._id(), body=body, author_login=author)
        self.comments[(repo, number)].append(comment)
        return comment

    # GitHubPort ----------------------------------------------------------------------------
    def get_snapshot(self, repo: str, number: int) -> PRSnapshot:
        snapshot = self.snapshots[(repo, number)]
        return snapshot.with_changes(labels=tuple(self.labels[(repo, number)]))

    def get_file(self, repo: str, path: str, ref: str | None = None) -> str | None:
        self.file_reads.append((repo, path, ref))
        if repo in self.missing_repos:
            raise GitHubError("Not Found", status=404)
        if (repo, path) in self.too_large:
            raise FileTooLarge(f"get_file {repo}:{path}: file too large for the contents API")
        found = self.files.get((repo, path))
        if isinstance(found, bytes):  # as the GitHub adapter decodes a file
            try:
                return found.decode("utf-8")
            except UnicodeDecodeError:
                raise NotText(f"get_file {repo}:{path}: not UTF-8 text", found) from None
        return found

    def list_folder(self, repo: str, path: str) -> dict[str, str] | None:
        """The folder's children, as ``files`` implies them (a path with more parts: a dir)."""
        self.file_reads.append((repo, path + "/", None))
        if repo in self.missing_repos:
            raise GitHubError("Not Found", status=404)
        prefix = f"{path}/" if path else ""
        children = [p[len(prefix):].split("/") for r, p in self.files if r == repo and p.startswith(prefix)]
        return {parts[0]: "dir" if len(parts) > 1 else "file" for parts in children} or None

    def get_issue_labels(self, repo: str, number: int) -> list[str]:
        return list(self.labels[(repo, number)])

    def add_labels(self, repo: str, number: int, labels: list[str]) -> None:
        self.writes.append(("add_labels", repo, number, tuple(labels)))
        current = self.labels[(repo, number)]
        self.events[(repo, number)] += [LabelEvent("labeled", x, self.bot, at=EVENT_TIME) for x in labels if x not in current]
        current.extend(x for x in labels if x not in current)

    def remove_label(self, repo: str, number: int, label: str) -> None:
        self.writes.append(("remove_label", repo, number, label))
        current = self.labels[(repo, number)]
        if label in current:
            current.remove(label)
            self.events[(repo, number)].append(LabelEvent("unlabeled", label, self.bot, at=EVENT_TIME))

    def label_events(self, repo: str, number: int) -> list[LabelEvent]:
        return list(self.events[(repo, number)])

    def ensure_label(self, repo: str, name: str, color: str, description: str) -> None:
        self.writes.append(("ensure_label", repo, name))
        self.repo_labels[repo].setdefault(name, (color, description))

    def list_comments(self, repo: str, number: int) -> list[Comment]:
        return list(self.comments[(repo, number)])

    def create_comment(self, repo: str, number: int, body: str) -> Comment:
        self.writes.append(("create_comment", repo, number))
        return self.seed_comment(repo, number, body, self.bot)

    def get_comment(self, repo: str, comment_id: int) -> Comment:
        found = [c for comments in self.comments.values() for c in comments if c.id == comment_id]
        if not found:
            raise GitHubError("Not Found", status=404)
        return found[0]

    def edit_comment(self, repo: str, comment_id: int, body: str) -> None:
        self.writes.append(("edit_comment", repo, comment_id))
        for key, comments in self.comments.items():
            for i, c in enumerate(comments):
                if c.id == comment_id:
                    comments[i] = Comment(id=c.id, body=body, author_login=c.author_login)
                    return
        raise GitHubError("Not Found", status=404)

    def delete_comment(self, repo: str, comment_id: int) -> None:
        self.writes.append(("delete_comment", repo, comment_id))
        for comments in self.comments.values():
            comments[:] = [c for c in comments if c.id != comment_id]

    def add_reaction(self, repo: str, comment_id: int, content: str) -> None:
        self.writes.append(("add_reaction", repo, comment_id, content))

    def upsert_check_run(self, repo: str, output: CheckRunOutput) -> int:
        """As the adapter: the run for (name, head_sha, external_id), else the App's run there
        without an external_id (made before runs had one), which now gets the external_id."""
        self.writes.append(("check_run", repo, output.head_sha, output.conclusion))
        key = (repo, output.name, output.head_sha, output.external_id)
        if key not in self.check_runs:
            self.check_runs.pop((repo, output.name, output.head_sha, ""), None)
        self.check_runs[key] = output
        return 1

    def get_permission(self, repo: str, login: str) -> str:
        return self.permissions.get((repo, login), "read")

    def bot_login(self) -> str:
        return self.bot

    def search_recent_pulls(self, login: str, since: str) -> PullSearch:
        self.searches.append((login, since))
        if self.search_error is not None:
            raise self.search_error
        refs = self.recent_pulls.get(login.lower(), [])
        return PullSearch(total=len(refs), refs=tuple(refs[:100]))

    # helpers -------------------------------------------------------------------------------
    def human_label(self, repo: str, number: int, label: str, login: str, *, add: bool) -> None:
        """A person's click: the label changes and the change is in the issue's event history
        (its webhook is dispatched by the test, possibly later or out of order)."""
        current = self.labels[(repo, number)]
        if add and label not in current:
            current.append(label)
        elif not add and label in current:
            current.remove(label)
        self.events[(repo, number)].append(LabelEvent("labeled" if add else "unlabeled", label, login, at=EVENT_TIME))

    def bot_comments(self, repo: str, number: int) -> list[Comment]:
        return [c for c in self.comments[(repo, number)] if c.author_login == self.bot]

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id


@dataclass
class MemoryState:
    overrides: dict[tuple[str, int], Override] = field(default_factory=dict)
    endings_kept: dict[tuple[str, int], tuple[Ending, ...]] = field(default_factory=dict)
    endings_began: datetime | None = None  # a database of an earlier release: when its upgrade began keeping endings
    decisions: list[Decision] = field(default_factory=list)

    def get_override(self, repo: str, number: int) -> Override | None:
        return self.overrides.get((repo, number))

    def end_override(self, endings: tuple[Ending, ...], restore: Override | None = None) -> None:
        key = (endings[0].repo, endings[0].number)
        self.overrides.pop(key, None)
        self.endings_kept[key] = endings
        if restore is not None:
            self.overrides[key] = restore

    def endings(self, repo: str, number: int) -> tuple[Ending, ...]:
        return self.endings_kept.get((repo, number), ())

    def endings_since(self) -> datetime | None:
        return self.endings_began

    def decided_after(self, repo: str, number: int, at) -> bool:
        return any(d.repo == repo and d.number == number and not d.shadow and utc(d.at) > utc(at)
                   for d in self.decisions)

    def record_override(self, override: Override) -> None:
        self.overrides[(override.repo, override.number)] = override

    def record_decision(self, decision: Decision) -> None:
        self.decisions.append(decision)

    def pr_for_head(self, repo: str, head_sha: str) -> int | None:
        return next((d.number for d in reversed(self.decisions) if d.repo == repo and d.head_sha == head_sha), None)

    def posted_sticky(self, repo: str, number: int) -> bool:
        return any(d.repo == repo and d.number == number and not d.shadow
                   and any(a.startswith(("create_comment:", "edit_comment:", NOTE_ACTION)) for a in d.actions)
                   for d in self.decisions)

    def noted_state(self, repo: str, number: int) -> str | None:
        noted = [d for d in self.decisions if d.repo == repo and d.number == number and not d.shadow
                 and any(a.startswith(NOTE_ACTION) for a in d.actions)]
        return noted_state(noted[-1].actions) if noted else None

