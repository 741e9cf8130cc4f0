"""The PR snapshot: everything the scorer may look at, as plain immutable data.

Snapshots are built by loaders (``bot.loaders``) from GitHub REST JSON, the JSONL records
in ``../shared/data`` or a local git range. Scoring never reads anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Commit:
    message: str
    author_name: str = ""
    author_email: str = ""


@dataclass(frozen=True)
class FileChange:
    path: str
    status: str = "modified"  # added | removed | modified | renamed | copied | changed | unchanged
    additions: int = 0
    deletions: int = 0
    patch: str | None = None  # unified diff hunk text, None when unknown
    patch_truncated: bool = False  # the export cut the patch: its first part only (counts still read it)
    previous_filename: str | None = None  # a renamed or copied file's old path (GitHub's diff entry field)


@dataclass(frozen=True)
class AuthorActivity:
    """Pull requests the author opened across public GitHub in the last ``window_hours``, as the
    App looked them up (GitHub's issue search). Offline inputs do not have it."""

    window_hours: int
    total: int  # GitHub's count of all such PRs outside the author's own repositories, this one's included
    other_repositories: tuple[str, ...] = ()  # distinct "owner/repo" among the listed PRs, this one excluded
    examples: tuple[str, ...] = ()  # a few "owner/repo#N" of those PRs, newest first


@dataclass(frozen=True)
class PRSnapshot:
    title: str
    body: str = ""
    author_login: str = ""
    author_association: str = ""  # OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, NONE ...
    author_is_bot: bool = False
    author_account_age_days: float | None = None
    head_branch: str = ""
    commits: tuple[Commit, ...] = ()
    files: tuple[FileChange, ...] = ()
    files_changed: int | None = None  # total count when ``files`` is truncated
    additions: int | None = None
    deletions: int | None = None
    pr_template: str | None = None
    labels: tuple[str, ...] = ()
    repo: str = ""
    number: int | None = None
    head_sha: str = ""
    draft: bool = False
    state: str = "open"  # "open" | "closed" (merged too), as GitHub says now; for the App, never scored
    notes: tuple[str, ...] = field(default=())  # e.g. "files truncated at 3000"
    ignored_paths: tuple[str, ...] = ()  # files the PR changes that paths.ignore left out of ``files``
    author_activity: AuthorActivity | None = None  # the App's lookup; None when not looked up

    @property
    def has_file_info(self) -> bool:
        """Whether the snapshot says which files the PR changes, or at least how many."""
        return bool(self.files or self.total_files)

    @property
    def total_files(self) -> int:
        return self.files_changed if self.files_changed is not None else len(self.files)

    @property
    def total_additions(self) -> int:
        return self.additions if self.additions is not None else sum(f.additions for f in self.files)

    @property
    def total_deletions(self) -> int:
        return self.deletions if self.deletions is not None else sum(f.deletions for f in self.files)

    @property
    def commit_messages(self) -> tuple[str, ...]:
        return tuple(c.message for c in self.commits)

    def with_changes(self, **changes) -> "PRSnapshot":
        return replace(self, **changes)
