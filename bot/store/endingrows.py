"""A PR's endings in its one ``override_endings`` row: each kind's latest ending (revision 0007
marks this meaning of ``kinds``; it changes no schema).

The row's ``at``, ``actor`` and ``detail`` are the newest ending's. ``kinds`` names every kind
ended, as releases before this one wrote and read it; when kinds were ended at different times
it goes on with a stamp (``@``, the row's time and the newest ending's kinds, each after ``/``;
the plain list starts with exactly those) and each earlier-ended kind with its own time::

    exempt,ok,label_removed,@2026-11-29T10:00:10/exempt,ok@2026-11-29T09:50:00,label_removed@2026-11-29T09:50:00

A row whose stamp does not match its time and its first plain kinds (written over by an earlier
release, which puts its own kinds first and may keep the time) reads as that release meant it:
every kind named ended at the row's time.

A release before revision 0007 reads every kind named as ended at the row's time (it skips the
timed tokens, which name no kind). That is not what it would have written itself when an earlier
ending was handled after a later one (a late cancel): it would read the cancelled clearance as
ended at the later time and drop a ``/sieve ok`` given in between. So 0007 is a release boundary:
such a release refuses a database this one has used, and the two never run side by side. Rows it
wrote before the upgrade read as it meant them.

The row's ``actor`` and ``detail`` are the newest ending's. An earlier-ended kind's time, actor
and detail are in the ``sources`` column (revision 0009), JSON, ``{kind: [time, actor, detail]}``:
a comment's retry must find that it ended its kind (and say so, not "Nothing to cancel") after
another source ended a later one. A release before 0009 keeps no sources and writes the row over
leaving the column as it was, so a kind's source is read only where its time there is the kind's
time in ``kinds``. For such a release the timed tokens still mark a kind ended by the newest
ending's actor and detail too (``=`` after its time: one comment's two cancels); rows without
sources read as before: that source when so marked, else an empty actor and detail.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.app.context import Ending, newest_per_kind

STAMP = "@"
KIND = "/"  # before each of the newest ending's kinds in the stamp
SAME = "="  # after an earlier-ended kind's time: ended by the newest ending's actor and detail too


def kinds_text(endings: tuple[Ending, ...]) -> str:
    """The ``kinds`` column for ``endings`` (``newest_per_kind``'s, the newest first)."""
    newest, earlier = endings[0], endings[1:]
    named = [k for e in endings for k in e.kinds]
    if not earlier:
        return ",".join(named)
    timed = [f"{k}{STAMP}{_naive(e.at).isoformat()}{SAME * _same(e, newest)}" for e in earlier for k in e.kinds]
    stamp = STAMP + _naive(newest.at).isoformat() + "".join(f"{KIND}{k}" for k in newest.kinds)
    return ",".join([*named, stamp, *timed])


def sources_text(endings: tuple[Ending, ...]) -> str | None:
    """The ``sources`` column for ``endings`` (as ``kinds_text``'s): each earlier-ended kind's
    time, actor and detail; None when there is one ending."""
    earlier = {k: [_naive(e.at).isoformat(), e.actor, e.detail] for e in endings[1:] for k in e.kinds}
    return json.dumps(earlier) if earlier else None


def read(repo: str, number: int, kinds: str, actor: str, at: datetime, detail: str,
         sources: str | None = None) -> tuple[Ending, ...]:
    """The endings a row keeps (``at``: naive UTC, as stored), newest first."""
    tokens = [t for t in kinds.split(",") if t]
    named = tuple(t for t in tokens if STAMP not in t)
    whole = Ending(repo=repo, number=number, kinds=named, actor=actor, at=_aware(at), detail=detail)
    timed = _timed(tokens, named, at)
    if not timed:
        return (whole,)
    newest = Ending(repo=repo, number=number, kinds=tuple(k for k in named if k not in timed), actor=actor,
                    at=_aware(at), detail=detail)
    kept = _sources(sources, timed)
    by_source: dict[tuple[datetime, str, str], list[str]] = {}
    for kind, (when, same) in timed.items():
        source = kept.get(kind, (actor, detail) if same else ("", ""))
        by_source.setdefault((when, *source), []).append(kind)
    earlier = [Ending(repo=repo, number=number, kinds=tuple(ended), actor=who, at=_aware(when), detail=what)
               for (when, who, what), ended in sorted(by_source.items(), key=lambda item: item[0][0], reverse=True)]
    return newest_per_kind((newest, *earlier))


def _sources(text: str | None, timed: dict[str, tuple[datetime, bool]]) -> dict[str, tuple[str, str]]:
    """Each timed kind's actor and detail from the ``sources`` column, where its time there is its
    time in ``kinds`` (else the column is a release before 0009's leftover, or edited by hand)."""
    try:
        kept = json.loads(text) if text else {}
    except (ValueError, RecursionError):
        return {}
    if not isinstance(kept, dict):
        return {}
    return {kind: (entry[1], entry[2]) for kind, (when, _) in timed.items()
            if _entry(entry := kept.get(kind)) and entry[0] == when.isoformat()}


def _entry(entry) -> bool:
    return isinstance(entry, list) and len(entry) == 3 and all(isinstance(v, str) for v in entry)


def _same(earlier: Ending, newest: Ending) -> bool:
    """Whether the newest ending's source (a comment with two cancels) ended ``earlier`` too: its
    retry must say that cancel was done, and a release before 0009 keeps only the newest's source."""
    return bool(earlier.detail) and (earlier.actor, earlier.detail) == (newest.actor, newest.detail)


def _timed(tokens: list[str], named: tuple[str, ...], at: datetime) -> dict[str, tuple[datetime, bool]]:
    """Each earlier-ended kind's time and whether it shares the newest's source (``SAME``), when
    the row's stamp is its time and kinds ({}: none, or written over by an earlier release; then
    every kind named was ended at the row's time)."""
    stamps = [t[len(STAMP):].split(KIND) for t in tokens if t.startswith(STAMP)]
    pairs = [t.split(STAMP, 1) for t in tokens if STAMP in t and not t.startswith(STAMP)]
    if len(stamps) != 1 or not _names_newest_first(named, stamps[0][1:], [kind for kind, _ in pairs]):
        return {}
    try:  # a time with an offset (edited by hand) is the same instant in naive UTC, as stored
        if _naive(datetime.fromisoformat(stamps[0][0])) != _naive(at):
            return {}
        timed = {kind: (_naive(datetime.fromisoformat(when.removesuffix(SAME))), when.endswith(SAME))
                 for kind, when in pairs}
    except (ValueError, TypeError, OverflowError):
        return {}
    if len(timed) != len(pairs) or any(when > _naive(at) for when, _ in timed.values()):
        return {}
    return timed


def _names_newest_first(named: tuple[str, ...], newest: list[str], earlier: list[str]) -> bool:
    """Whether the plain list is the stamp's kinds, then the timed ones, each once (as written)."""
    return (bool(newest) and list(named[:len(newest)]) == newest and len(named) == len(set(named))
            and sorted(named[len(newest):]) == sorted(earlier))


def _naive(at: datetime) -> datetime:
    return at if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC)
