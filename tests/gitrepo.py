"""Throwaway git repositories for the ``sieve score --git`` tests: run git, commit as a fixed author."""

from __future__ import annotations

import subprocess


def git(repo, *args) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def commit(repo, message: str, *, add: bool = True) -> None:
    """Commit (``add``: everything in the work tree first) as Ada, unsigned, empty if need be."""
    if add:
        git(repo, "add", "-A")
    git(repo, "-c", "user.name=Ada", "-c", "user.email=ada@example.org", "-c", "commit.gpgsign=false",
        "commit", "-q", "--allow-empty", "-m", message)


def branch_repo(tmp_path, files: dict[str, str], name: str = "repo"):
    """A repository whose ``main`` holds ``files`` in one commit, checked out on a new ``topic`` branch."""
    repo = tmp_path / name
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for path, text in files.items():
        (repo / path).write_text(text)
    commit(repo, "initial")
    git(repo, "checkout", "-q", "-b", "topic")
    return repo
