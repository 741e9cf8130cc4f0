"""Snapshots from a local git revision range (``sieve score --git main..my-branch``).

Title and body follow the *oldest* commit of the range: its subject is the title, which is
what ``git_prs`` pull-ref records use as ``title_proxy`` (so the model sees the same kind of
text it was trained on) and what GitHub proposes for a one-commit PR. The body is the rest of
that commit's message only when the range has exactly one commit (GitHub's behaviour);
otherwise it is empty and the messages live in ``commits``.

Files come from ``git diff <base>...<head>`` (changes since the merge base, like a PR):
``--numstat`` for line counts, ``--raw`` for the status (both ``-z``: any path, unquoted; ``--raw``
is ``--name-status`` with each side's mode and blob id, so a change of mode alone, ``chmod +x``,
is "changed" with no lines and no patch, as GitHub lists it, not "modified"),
and one ``--patch`` call split into each file's hunks (GitHub's ``patch`` field holds the same
hunk text), bounded by ``MAX_FILES`` and ``MAX_PATCH_CHARS``. It is split by hand, not with
``unidiff``, which refuses a whole diff when one path holds `` b/`` (``+++ b/x b/c.txt``).
Only the ``git`` executable is run.

Before a PR is opened its description is a draft the author can pass in (``description``, and
``title`` to override the subject). With a description, the repository's PR template is read
from the base revision, where GitHub would take it from, so the template signal compares the
two. Without one there is no template either: a description not yet written has not ignored it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bot import prtemplates
from bot.loaders import LoadError
from bot.snapshot import Commit, FileChange, PRSnapshot

MAX_COMMITS = 250  # GitHub lists at most 250 commits of a PR
MAX_FILES = 300  # FileChange entries kept; files_changed still counts all of them
MAX_PATCH_CHARS = 20_000  # per file, hunk text only: as much as a signal scans (hits.PATCH_LIMIT)

# Every diff reads the same way whatever the user's git config says: diff.renames=copies,
# diff.renameLimit, diff.relative, diff.algorithm, diff.ignoreSubmodules (or ignore = all in
# .gitmodules) and an external diff tool would change which files and lines it lists,
# diff.orderFile their order (which ones MAX_FILES keeps; GitHub lists them by path);
# diff.context, diff.interHunkContext, diff.noprefix/mnemonicPrefix, textconv and color would
# change the hunk text that GitHub's ``patch`` holds (3 lines of context).
_DIFF = ("diff", "-M", "-l1000", "-O/dev/null", "--no-relative", "--diff-algorithm=myers", "--indent-heuristic",
         "--no-ext-diff", "--no-color", "--ignore-submodules=none")
_PATCH = ("-U3", "--inter-hunk-context=0", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/")
# diff.suppressBlankEmpty has no command-line option; a user's global attributes file (a
# ``package-lock.json -diff`` line, a ``diff=<driver>`` whose driver is binary) would hide lines
# and patches git and GitHub count: only the repository's own .gitattributes apply, as on GitHub
_CONFIG = ("-c", "color.ui=never", "-c", "diff.suppressBlankEmpty=false", "-c", f"core.attributesFile={os.devnull}")
# GIT_DIFF_OPTS outranks -U3; GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE (set for a git hook)
# outrank -C: the repository scored is the one --repo names
_DROPPED_ENV = ("GIT_DIFF_OPTS", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")

_STATUS = {"A": "added", "D": "removed", "M": "modified", "R": "renamed", "C": "copied",
           "T": "changed"}


def _git(repo_dir: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *_CONFIG, "-C", str(repo_dir), *args], capture_output=True, check=False,
                              env={k: v for k, v in os.environ.items() if k not in _DROPPED_ENV})
    except FileNotFoundError as exc:
        raise LoadError("git is not installed or not on PATH") from exc
    if proc.returncode != 0:
        raise GitError(f"git {args[0]} failed in {repo_dir}", proc.stderr.decode("utf-8", "replace"))
    # bytes, not text=True: its newline translation turns a lone \r (in a file, a name or a
    # message) into a line break, and drops the \r of CRLF lines GitHub's patch keeps
    return proc.stdout.decode("utf-8", "replace")


class GitError(LoadError):
    """A git command that failed; the message gives the first line git wrote."""

    def __init__(self, what: str, stderr: str):
        self.stderr = stderr
        self.detail = (stderr.strip().splitlines() or ["failed"])[0]
        super().__init__(f"{what}: {self.detail}")


def split_range(rev_range: str) -> tuple[str, str]:
    """``"main..topic"`` / ``"main...topic"`` -> ``("main", "topic")``; empty sides mean HEAD."""
    sep = "..." if "..." in rev_range else ".." if ".." in rev_range else None
    if sep is None:
        raise LoadError(f"expected a range like main..my-branch, got {rev_range!r}")
    base, head = rev_range.split(sep, 1)
    return base or "HEAD", head or "HEAD"


def _check_repo(repo_dir: Path) -> None:
    if not repo_dir.is_dir():
        raise LoadError(f"{repo_dir} is not a directory")
    try:
        _git(repo_dir, "rev-parse", "--git-dir")
    except GitError as exc:
        if "not a git repository" in exc.stderr:
            raise LoadError(f"{repo_dir} is not a git repository") from None
        # e.g. "detected dubious ownership" (a repository of another user, often in a container)
        hint = " (see git config safe.directory)" if "safe.directory" in exc.stderr else ""
        raise LoadError(f"{repo_dir}: git cannot read it: {exc.detail.removeprefix('fatal: ')}{hint}") from None


def _merge_base(repo_dir: Path, base: str, head: str, names: tuple[str, str]) -> str:
    """Where the PR's diff starts, as GitHub's compare finds it; a clear error when there is none."""
    try:
        return _git(repo_dir, "merge-base", base, head).strip()
    except GitError:
        shallow = _git(repo_dir, "rev-parse", "--is-shallow-repository").strip() == "true"
        where = " in this shallow clone: fetch more of it (git fetch --unshallow)" if shallow else \
            ": GitHub cannot compare them"
        raise LoadError(f"{names[0]!r} and {names[1]!r} have no history in common{where}") from None


def _branch(repo_dir: Path, rev: str) -> str:
    """The branch ``rev`` names, as a PR's head ref: ``HEAD`` on a branch gives that branch,
    ``origin/x`` gives ``x``; "" for a commit, a tag or a detached HEAD."""
    full = _git(repo_dir, "rev-parse", "--symbolic-full-name", "--verify", "--quiet", rev).strip()
    if full.startswith("refs/heads/"):
        return full.removeprefix("refs/heads/")
    if full.startswith("refs/remotes/"):
        return full.removeprefix("refs/remotes/").partition("/")[2]
    return ""


def _resolve(repo_dir: Path, rev: str) -> str:
    try:
        return _git(repo_dir, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except LoadError as exc:
        raise LoadError(f"bad revision {rev!r} in range") from exc


def _commits(repo_dir: Path, base: str, head: str) -> list[tuple[str, str, str]]:
    out = _git(repo_dir, "log", "--reverse", "-z", "--no-show-signature", "--encoding=UTF-8",
               "--format=%an%x1f%ae%x1f%B", f"{base}..{head}")
    entries = [e for e in out.split("\0") if e.strip()]
    return [tuple(e.split("\x1f", 2)) for e in entries]


def _name_status(repo_dir: Path, spec: str) -> list[tuple[str, str, str, str | None]]:
    """``(git's status letter, GitHub's status, path, old path)`` of each file in diff order; the
    old path only for a rename or copy, as GitHub's ``previous_filename``. A file whose mode alone
    changed (the same blob on both sides) is "changed", as GitHub lists it; git calls it M, as it
    does an edit."""
    parts = _git(repo_dir, *_DIFF, "--raw", "--no-abbrev", "-z", spec).split("\0")
    out, i = [], 0
    while i < len(parts) and parts[i]:
        old_mode, new_mode, old_blob, new_blob, code = parts[i].removeprefix(":").split(" ", 4)
        step = 3 if code[0] in "RC" else 2
        status = _STATUS.get(code[0], "changed")
        if code[0] == "M" and old_blob == new_blob and old_mode != new_mode:
            status = "changed"
        out.append((code[0], status, parts[i + step - 1], parts[i + 1] if step == 3 else None))
        i += step
    return out


def _numstat(repo_dir: Path, spec: str) -> list[tuple[int, int]]:
    parts = _git(repo_dir, *_DIFF, "--numstat", "-z", spec).split("\0")
    out, i = [], 0
    while i < len(parts) and parts[i]:
        added, deleted, path = parts[i].split("\t", 2)
        out.append((int(added) if added.isdigit() else 0, int(deleted) if deleted.isdigit() else 0))
        i += 3 if path == "" else 1  # a rename: "a\td\t" then old and new path
    return out


def _patches(repo_dir: Path, spec: str, codes: list[str]) -> list[tuple[str | None, bool]]:
    """Hunk text of the first ``len(codes)`` files in diff order (``codes``: git's status letters),
    cut to ``MAX_PATCH_CHARS``, and whether it was cut (the signals then read it as a part, never
    as the whole change: GitHub gives a whole patch or none); None for a file without hunks
    (binary, mode change, pure rename)."""
    if not codes:
        return []
    # --submodule=short: a user's diff.submodule=log|diff prints submodule changes without a
    # "diff --git" header or with the submodule's own files, shifting every patch after them
    hunks = _hunk_texts(_git(repo_dir, *_DIFF, *_PATCH, "--submodule=short", spec))
    # a type change (file <-> symlink or submodule) is printed as two diffs of the same path: the
    # old one removed, the new one added; both are that one file's patch, as in its numstat line
    sections = [2 if code == "T" else 1 for code in codes]
    if len(hunks) < sum(sections):
        return [(None, False)] * len(codes)  # files and counts still come from --raw/--numstat
    parts, out = iter(hunks), []
    for n in sections:
        pieces = [next(parts) for _ in range(n)]
        texts = [text for text, _ in pieces if text]
        whole = "\n".join(texts)
        cut = any(dropped for _, dropped in pieces) or len(whole) > MAX_PATCH_CHARS
        out.append((whole[:MAX_PATCH_CHARS], cut) if texts else (None, False))
    return out


def _hunk_texts(text: str) -> list[tuple[str | None, bool]]:
    """Each file diff's hunks as git wrote them, without a final newline (as GitHub's ``patch``),
    None for one without hunks, and whether lines were left out. A file diff starts at its
    ``diff --git`` line, which no hunk line can look like (each starts with ' ', '+', '-' or
    '\\'), and its hunks at its first ``@@ `` line (no header line starts so). Only the first
    ``MAX_PATCH_CHARS`` of each are kept."""
    out: list[list[str] | None] = []
    dropped: list[bool] = []
    size = 0
    for line in text.removesuffix("\n").split("\n"):  # git ends lines with \n only, not \r, \x0b …
        if line.startswith("diff --git "):
            out.append(None)
            dropped.append(False)
        elif out and (out[-1] is not None or line.startswith("@@ ")):
            if out[-1] is None:
                out[-1], size = [], 0
            if size <= MAX_PATCH_CHARS:
                out[-1].append(line)
                size += len(line) + 1
            else:
                dropped[-1] = True
    return [(None if lines is None else "\n".join(lines), cut) for lines, cut in zip(out, dropped)]


def _files(repo_dir: Path, spec: str) -> tuple[tuple[FileChange, ...], int, int, int]:
    status, counts = _name_status(repo_dir, spec), _numstat(repo_dir, spec)
    if len(status) != len(counts):
        raise LoadError(f"git diff {spec}: --raw and --numstat disagree")
    kept = status[:MAX_FILES]
    patches = _patches(repo_dir, spec, [code for code, *_ in kept])
    files = tuple(FileChange(path=path, status=st, additions=a, deletions=d, patch=p, patch_truncated=cut,
                             previous_filename=old)
                  for (_, st, path, old), (a, d), (p, cut) in zip(kept, counts, patches))
    return files, len(status), sum(a for a, _ in counts), sum(d for _, d in counts)


def pr_template(repo_dir: Path, rev: str, description: str = "") -> str | None:
    """The repository's PR template at revision ``rev``: its template file, else the template of
    its ``PULL_REQUEST_TEMPLATE/`` folder that ``description`` follows; None when it has none."""
    trees = {parent: _tree(repo_dir, rev, parent) for parent in prtemplates.FOLDER_PARENTS}
    files = [path for parent, tree in trees.items() for path in prtemplates.file_paths(parent, tree)]
    if files:
        return _git(repo_dir, "show", f"{rev}:{files[0]}")
    return prtemplates.closest(description, _folder_templates(repo_dir, rev, trees))


def _folder_templates(repo_dir: Path, rev: str, trees: dict) -> list[str]:
    for parent, tree in trees.items():
        folder = prtemplates.folder_path(parent, tree)
        if folder is not None:
            paths = prtemplates.template_paths(folder, _tree(repo_dir, rev, folder))
            return [_git(repo_dir, "show", f"{rev}:{path}") for path in paths]
    return []


def _tree(repo_dir: Path, rev: str, folder: str) -> dict[str, str] | None:
    """Names in ``folder`` at ``rev`` with their type (file, dir, ...), None when it is absent."""
    try:
        listing = _git(repo_dir, "ls-tree", "-z", f"{rev}:{folder}")
    except LoadError:
        return None
    kinds = {"blob": "file", "tree": "dir", "commit": "submodule"}
    entries = (line.split("\t", 1) for line in listing.split("\0") if "\t" in line)
    return {name: "symlink" if meta.startswith("120000") else kinds.get(meta.split()[1], "other")
            for meta, name in entries}


def snapshot_from_git(repo_dir: Path | str, rev_range: str, *, title: str | None = None,
                      description: str | None = None) -> PRSnapshot:
    """Snapshot of the changes in ``rev_range`` (``base..head``) of the repository at ``repo_dir``;
    ``title``/``description``: what the author will open the PR with (see the module docstring)."""
    repo_dir = Path(repo_dir)
    _check_repo(repo_dir)
    base_name, head_name = split_range(rev_range)
    base, head = _resolve(repo_dir, base_name), _resolve(repo_dir, head_name)
    raw_commits = _commits(repo_dir, base, head)
    if not raw_commits:
        raise LoadError(f"range {rev_range!r} has no commits")
    files, n_files, additions, deletions = _files(
        repo_dir, f"{_merge_base(repo_dir, base, head, (base_name, head_name))}..{head}")
    subject, _, rest = raw_commits[0][2].strip().partition("\n")
    body = rest.strip() if len(raw_commits) == 1 else ""
    notes = (f"files truncated at {MAX_FILES}",) if n_files > MAX_FILES else ()
    if len(raw_commits) > MAX_COMMITS:  # as GitHub lists a PR's commits, and says so as a bundle does
        notes += (f"commits listed: {MAX_COMMITS} of {len(raw_commits)}",)
        raw_commits = raw_commits[:MAX_COMMITS]
    return PRSnapshot(
        title=subject.strip() if title is None else title.strip(),
        body=body if description is None else description.strip(),
        pr_template=None if description is None else pr_template(repo_dir, base, description),
        commits=tuple(Commit(message=m.strip(), author_name=n, author_email=e)
                      for n, e, m in raw_commits),
        files=files, files_changed=n_files, additions=additions, deletions=deletions,
        head_branch=_branch(repo_dir, head_name), head_sha=head,
        notes=notes,
    )
