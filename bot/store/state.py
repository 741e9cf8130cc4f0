"""``SqlStateStore``: the ``bot.app.context.StateStore`` on the same database as deliveries.

One override per pull request (the latest maintainer decision wins; ending it deletes it, and
each kind's latest ending is kept beside it, in one row (``bot.store.endingrows``), so its time
still orders late retries and its source tells a retried cancel it was done; an exemption keeps
the clearance or person's band label it was given over in its ``under`` column, JSON, read as none
when it cannot be read); decisions are appended, so shadow mode and audits can replay what the bot
would have done.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, func, or_, select

from bot.app.actions import NOTE_ACTION, noted_state
from bot.app.context import Decision, Ending, Override, newest_per_kind
from bot.app.plan import KEPT_UNDER
from bot.store import bounds, endingrows
from bot.store.batches import PURGE_BATCH, delete_in_batches
from bot.store.db import upsert_insert, write_transaction
from bot.store.models import DecisionRow, EndingRow, OverrideRow
from bot.store.warnonce import Once

log = logging.getLogger(__name__)
UNDER_WARNED = Once()  # each PR's unreadable ``under`` is warned about once per process, not on every read

# How ``UpsertComment.describe`` records creating or editing the sticky, and ``NoteOnSticky`` keeping
# the App's note on one a person edited: each means the bot's sticky was on the PR (a retried
# delivery finds the comment its first attempt posted and edits it)
STICKY_ACTIONS = ("create_comment:", "edit_comment:", NOTE_ACTION)


# Releases 55c32dd..741f46a (before migration 0005) kept an ending as an override row of this
# kind; such a row, left by them or written by one still running beside this release during a
# rolling deploy, is no decision in force but an ending of every kind (an upgrade review found
# the cancelled clearance coming back for good)
LEGACY_ENDED = "ended"
ALL_KINDS = ("ok", "label_removed", "exempt")


def _touches_sticky():
    return or_(*(DecisionRow.actions.contains(a) for a in STICKY_ACTIONS))


def _naive_utc(at: datetime) -> datetime:
    return at if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)


def _aware_utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC)


class SqlStateStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _row(self, table, repo: str, number: int):
        """The PR's one row of ``table`` (overrides, endings), or None."""
        stmt = select(table).where(table.repo == repo, table.number == number)
        with self.engine.connect() as conn:
            return conn.execute(stmt).first()

    def get_override(self, repo: str, number: int) -> Override | None:
        row = self._row(OverrideRow, repo, number)
        if row is None or row.kind == LEGACY_ENDED:
            return None
        fields = {k: v for k, v in row._mapping.items() if k not in ("id", "at", "under")}
        # ``under`` counts only under an exemption: an earlier release's upsert leaves it as it was
        return Override(**fields, at=_aware_utc(row.at), under=_under(row.under, repo, number) if row.kind == "exempt" else None)

    def record_override(self, override: Override) -> None:
        values = _override_values(override)
        with write_transaction(self.engine) as conn:  # one atomic upsert: the latest wins
            stmt = upsert_insert(conn)(OverrideRow).values(
                repo=override.repo, number=override.number, **values)
            conn.execute(stmt.on_conflict_do_update(index_elements=["repo", "number"],
                                                    set_=values))

    def end_override(self, endings: tuple[Ending, ...], restore: Override | None = None) -> None:
        newest = endings[0]
        values = dict(kinds=endingrows.kinds_text(endings), actor=newest.actor, at=_naive_utc(newest.at),
                      detail=newest.detail, sources=endingrows.sources_text(endings))
        with write_transaction(self.engine) as conn:  # the decision goes and its endings stay, together
            pr = (OverrideRow.repo == newest.repo, OverrideRow.number == newest.number)
            conn.execute(delete(OverrideRow).where(*pr))
            stmt = upsert_insert(conn)(EndingRow).values(repo=newest.repo, number=newest.number, **values)
            conn.execute(stmt.on_conflict_do_update(index_elements=["repo", "number"], set_=values))
            if restore is not None:  # the decision still standing after the ending
                conn.execute(OverrideRow.__table__.insert().values(
                    repo=newest.repo, number=newest.number, **_override_values(restore)))

    def endings(self, repo: str, number: int) -> tuple[Ending, ...]:
        row, legacy = self._row(EndingRow, repo, number), self._row(OverrideRow, repo, number)
        kept = endingrows.read(repo, number, row.kinds, row.actor, row.at, row.detail,
                               row.sources) if row is not None else ()
        if legacy is None or legacy.kind != LEGACY_ENDED:
            return kept
        ended = Ending(repo=repo, number=number, kinds=ALL_KINDS, actor=legacy.actor, at=_aware_utc(legacy.at),
                       detail=legacy.detail)
        return newest_per_kind((*kept, ended))  # an ending of every kind, where it is the later

    def endings_since(self) -> datetime | None:
        """When endings began to be kept (migration 0005): a cancel before it left none."""
        stmt = select(EndingRow.at).where(EndingRow.repo == "", EndingRow.number == 0)
        with self.engine.connect() as conn:
            began = conn.execute(stmt).scalar()
        return _aware_utc(began) if began is not None else None

    def decided_after(self, repo: str, number: int, at: datetime) -> bool:
        stmt = (select(DecisionRow.id).where(DecisionRow.repo == repo, DecisionRow.number == number,
                                             DecisionRow.shadow.is_(False), DecisionRow.at > _naive_utc(at)).limit(1))
        with self.engine.connect() as conn:
            return conn.execute(stmt).first() is not None

    def record_decision(self, decision: Decision) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(DecisionRow.__table__.insert().values(
                repo=decision.repo, number=decision.number, head_sha=decision.head_sha,
                score=decision.score, band=decision.band, model_version=decision.model_version,
                at=_naive_utc(decision.at), shadow=decision.shadow,
                actions=json.dumps(list(decision.actions))))

    def posted_sticky(self, repo: str, number: int) -> bool:
        """Whether a real (not shadow) decision found or posted the bot's sticky on this PR."""
        stmt = (select(DecisionRow.id).where(DecisionRow.repo == repo, DecisionRow.number == number,
                                             DecisionRow.shadow.is_(False), _touches_sticky()).limit(1))
        with self.engine.connect() as conn:
            return conn.execute(stmt).first() is not None

    def noted_state(self, repo: str, number: int) -> str | None:
        """The state the newest real decision that kept the App's note on a person's sticky noted."""
        stmt = (select(DecisionRow.actions).where(DecisionRow.repo == repo, DecisionRow.number == number,
                                                  DecisionRow.shadow.is_(False), DecisionRow.actions.contains(NOTE_ACTION))
                .order_by(DecisionRow.id.desc()).limit(1))
        with self.engine.connect() as conn:
            actions = conn.execute(stmt).scalar()
        return noted_state(tuple(json.loads(actions))) if actions else None

    def purge_decisions(self, older_than_days: float, now: datetime | None = None) -> int:
        """Delete decisions recorded more than ``older_than_days`` ago, except each PR's newest
        (the fork-PR lookup and audits read it) and its newest real one that posted or edited
        the sticky comment (so a comment a person deleted is never posted again); returns how
        many went. Which rows those are is read once, with the last id then recorded; only rows
        up to that id are purged, ``PURGE_BATCH`` per write transaction (``bot.store.batches``).
        (Read again for every batch, it cost a scan of the whole table per 1000 rows deleted.)
        ``older_than_days``: a finite number from 0 to 36500 (``bot.store.bounds``), else a
        ``ValueError`` and nothing deleted."""
        days = bounds.retention_days(older_than_days)
        cutoff = _naive_utc((now or datetime.now(UTC)) - timedelta(days=days))
        last, keep = self._kept()
        if last is None:
            return 0
        # a decision recorded meanwhile has a later id, and only makes a kept one no longer the newest
        where = (DecisionRow.at < cutoff, DecisionRow.id <= last)
        return delete_in_batches(self.engine, DecisionRow, where, keep=keep, batch=PURGE_BATCH)

    def _kept(self) -> tuple[int | None, frozenset[int]]:
        """The last decision's id, then the ids of each PR's newest decision and newest real one that
        touched the sticky comment, as they are now (read after it: each one at least as new)."""
        by_pr = (DecisionRow.repo, DecisionRow.number)
        newest = select(func.max(DecisionRow.id)).group_by(*by_pr)
        sticky = (select(func.max(DecisionRow.id)).where(DecisionRow.shadow.is_(False), _touches_sticky())
                  .group_by(*by_pr))
        with self.engine.connect() as conn:
            last = conn.scalar(select(func.max(DecisionRow.id)))
            return last, frozenset(conn.scalars(newest.union(sticky)))

    def pr_for_head(self, repo: str, head_sha: str) -> int | None:
        stmt = (select(DecisionRow.number).where(DecisionRow.repo == repo, DecisionRow.head_sha == head_sha)
                .order_by(DecisionRow.id.desc()).limit(1))
        with self.engine.connect() as conn:
            return conn.execute(stmt).scalar()

    def decisions(self, repo: str | None = None, number: int | None = None,
                  limit: int = 100, *, shadow: bool | None = None) -> list[Decision]:
        """Recorded decisions, newest first (for audits, shadow-mode review and reports); with
        ``shadow``, only those made (True) or not made (False) in shadow mode, the newest ``limit``
        of them (filtered before the limit, not after). ``limit``: a whole number from 1."""
        stmt = select(DecisionRow).order_by(DecisionRow.id.desc()).limit(bounds.count(limit, "limit"))
        if repo is not None:
            stmt = stmt.where(DecisionRow.repo == repo)
        if number is not None:
            stmt = stmt.where(DecisionRow.number == number)
        if shadow is not None:
            stmt = stmt.where(DecisionRow.shadow.is_(shadow))
        with self.engine.connect() as conn:
            return [_decision(row._mapping) for row in conn.execute(stmt)]


def _override_values(override: Override) -> dict:
    return dict(kind=override.kind, actor=override.actor, at=_naive_utc(override.at), head_sha=override.head_sha,
                score=override.score, model_version=override.model_version, detail=override.detail,
                under=json.dumps(_plain(override.under)) if override.under is not None else None)


def _plain(override: Override) -> dict:
    """The clearance under an exemption, as JSON (it has nothing under it itself)."""
    return {"repo": override.repo, "number": override.number, "kind": override.kind, "actor": override.actor,
            "at": _naive_utc(override.at).isoformat(), "head_sha": override.head_sha, "score": override.score,
            "model_version": override.model_version, "detail": override.detail}


# the fields of ``_plain``: each one's type, and whether it may be missing (then its default)
UNDER_FIELDS = {"repo": (str, False), "number": (int, False), "kind": (str, False), "actor": (str, False),
                "at": (str, False), "head_sha": (str, True), "score": ((int, type(None)), True),
                "model_version": (str, True), "detail": (str, True)}


def _under(text: str | None, repo: str, number: int) -> Override | None:
    """The clearance kept under an exemption. One that cannot be read (edited by hand, or a later
    release's) is none, with a warning (once per process for each such value: every delivery of
    the PR reads it, and must neither fail nor flood the log)."""
    if not text:
        return None
    try:
        fields = json.loads(text)
        if not isinstance(fields, dict):
            raise ValueError(f"not an object but {type(fields).__name__}")
        if extra := sorted(set(fields) - set(UNDER_FIELDS)):
            _warn(text, "%s#%d: the clearance under its exemption has fields this release does not know, "
                  "left out: %s", repo, number, ", ".join(extra))
        known = {k: v for k, v in fields.items() if k in UNDER_FIELDS}
        missing = [k for k, (_, optional) in UNDER_FIELDS.items() if not optional and k not in known]
        if wrong := missing + [k for k, v in known.items() if not _typed(k, v)]:
            raise ValueError(f"missing or mistyped: {', '.join(wrong)}")
        if known["kind"] not in KEPT_UNDER:
            raise ValueError(f"its kind {known['kind']!r} is no clearance nor a person's band label")
        return Override(**{**known, "at": _utc_from_text(known["at"])})
    except (ValueError, RecursionError) as exc:  # json's errors too (RecursionError: nested too deep)
        _warn(text, "%s#%d: the clearance under its exemption cannot be read (%s); none is kept under it",
              repo, number, exc)
        return None


def _warn(text: str, message: str, repo: str, number: int, *args) -> None:
    """Log ``message`` about the PR's ``under`` ``text`` the first time this process reads it."""
    if UNDER_WARNED.first((repo, number, message), text):
        log.warning(message, repo, number, *args)


def _typed(key: str, value) -> bool:
    kind = UNDER_FIELDS[key][0]
    return isinstance(value, kind) and not isinstance(value, bool)


def _utc_from_text(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return _aware_utc(at) if at.tzinfo is None else at.astimezone(UTC)


def _decision(m) -> Decision:
    fields = {k: v for k, v in m.items() if k not in ("id", "actions", "at")}
    return Decision(**fields, at=_aware_utc(m["at"]), actions=tuple(json.loads(m["actions"])))
