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
