"""The first-time rule of records without ``author_association`` (``git_prs`` and ``sieve eval --data``
files in that format): a record is first-time when it is its author's earliest record in its
repository, among the records read together. The protocol reads one ``git_prs`` file per
repository; ``sieve eval --data`` reads every file it is given together, so an export per year or
per class does not make an author's earliest record in each file first-time.

The author is the e-mail (the first commit author's for a merge commit), else ``author``; a record
without an author or a parseable date has no flag (None: unknown)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from bot.loaders.records import Record


def utc(value) -> datetime | None:
    """An ISO 8601 date in UTC; None when it is missing or not a date."""
    try:
        return datetime.fromisoformat(value).astimezone(timezone.utc)
    except (TypeError, ValueError, OverflowError):  # year 1 at +01:00 has no UTC time
        return None


def author_key(raw: dict) -> str:
    authors = raw.get("commit_authors")
    if raw.get("merge_style") == "merge" and isinstance(authors, list) and authors:
        first = str(authors[0])
        return first.rsplit("<", 1)[-1].rstrip(">").strip().lower()
    return str(raw.get("author_email") or raw.get("author") or "").strip().lower()


def dated_author(rec: Record) -> tuple[tuple[str, str], datetime] | None:
    """``((repo, author), date)`` of a record that names both, else None."""
    key, when = author_key(rec.raw), utc(rec.raw.get("date"))
    return ((str(rec.raw.get("repo") or ""), key), when) if key and when else None


def first_time_refs(records: Iterable[Record]) -> set[str]:
    """Refs of records that are their author's earliest record of that repository among ``records``
    (refs must name one record each: ``FILE:LINE`` with a distinct name per file)."""
    earliest: dict[tuple[str, str], tuple[datetime, str]] = {}
    for rec in records:
        found = dated_author(rec)
        if found and (found[0] not in earliest or found[1] < earliest[found[0]][0]):
            earliest[found[0]] = (found[1], rec.ref)
    return {ref for _, ref in earliest.values()}


def flag(rec: Record, firsts: set[str]) -> bool | None:
    """``rec``'s first-time flag under ``first_time_refs``: None when it names no author or date."""
    return rec.ref in firsts if dated_author(rec) else None
