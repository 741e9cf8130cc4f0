"""The files a repository asks PR Sieve to ignore (``paths.ignore``), left out of a snapshot.

The signals and the people reading the result see the PR without them; the classifier
reads the whole diff, as every training row was read (``bot.scoring.score_many``). Dropping a
careful API change's generated half moved its size and share columns so far that it went from
``low`` to ``high`` (models/HISTORY.md, "Twenty-fifth session")."""

from __future__ import annotations

from fnmatch import fnmatchcase

from bot.snapshot import PRSnapshot


def without_ignored(snapshot: PRSnapshot, globs: tuple[str, ...] | list[str]) -> PRSnapshot:
    """Drop files matching ``globs`` (fnmatch: ``*`` also crosses ``/``) and their lines; the
    same object when none matches."""
    if not globs:
        return snapshot
    dropped = [f for f in snapshot.files if any(fnmatchcase(f.path, g) for g in globs)]
    if not dropped:
        return snapshot
    kept = tuple(f for f in snapshot.files if f not in dropped)
    return snapshot.with_changes(
        files=kept,
        ignored_paths=snapshot.ignored_paths + tuple(p for f in dropped for p in (f.path, f.previous_filename) if p),
        files_changed=snapshot.total_files - len(dropped),
        additions=snapshot.total_additions - sum(f.additions for f in dropped),
        deletions=snapshot.total_deletions - sum(f.deletions for f in dropped),
        notes=snapshot.notes + (f"{len(dropped)} file(s) left out of the signals by paths.ignore (the model reads the whole diff)",),
    )
