"""An exemption's ``overrides.under`` that cannot be read (edited by hand, or written by a later
release) is no clearance under it: a warning naming the PR, never an error. Read as before, it
raised on every read, so every delivery of that PR failed (review item 6)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from bot.app.context import Override
from bot.store.models import OverrideRow
from bot.store.state import SqlStateStore

AT = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
CLEARANCE = {"repo": "o/r", "number": 4, "kind": "ok", "actor": "alice", "at": "2026-11-29T09:00:00",
             "head_sha": "abc", "score": 71, "model_version": "m1", "detail": "comment 1"}
UNREADABLE = {
    "not json": "not json",
    "keys missing": '{"kind": "ok"}',
    "json null": "null",
    "a list": "[1, 2]",
    "a time that is no time": json.dumps({**CLEARANCE, "at": "yesterday"}),
    "a number that is text": json.dumps({**CLEARANCE, "number": "4"}),
    "a score that is text": json.dumps({**CLEARANCE, "score": "71"}),
    "nested too deep": "[" * 100_000 + "]" * 100_000,
    # kinds an exemption is never given over: put in force, they stayed on (an exemption) or ended nothing
    "an exemption under an exemption": json.dumps({**CLEARANCE, "kind": "exempt"}),
    "a later release's kind": json.dumps({**CLEARANCE, "kind": "ok_later_release_kind"}),
}


def _exempt_with_under(engine, raw: str) -> SqlStateStore:
    state = SqlStateStore(engine)
    state.record_override(Override("o/r", 4, "exempt", "carol", AT, detail="comment 2"))
    with engine.begin() as conn:
        conn.execute(update(OverrideRow).where(OverrideRow.repo == "o/r", OverrideRow.number == 4).values(under=raw))
    return state


@pytest.mark.parametrize("what", sorted(UNREADABLE))
def test_an_unreadable_under_is_no_clearance_and_a_warning(engine, caplog, what):
    state = _exempt_with_under(engine, UNREADABLE[what])
    with caplog.at_level(logging.WARNING, logger="bot.store.state"):
        exemption = state.get_override("o/r", 4)
    assert (exemption.kind, exemption.actor, exemption.under) == ("exempt", "carol", None)
    assert any("o/r#4" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


def test_a_later_releases_extra_key_is_left_out_and_the_clearance_read(engine, caplog):
    state = _exempt_with_under(engine, json.dumps({**CLEARANCE, "new_field": 1}))
    with caplog.at_level(logging.WARNING, logger="bot.store.state"):
        under = state.get_override("o/r", 4).under
    assert under == Override("o/r", 4, "ok", "alice", datetime(2026, 11, 29, 9, 0, tzinfo=UTC), head_sha="abc",
                             score=71, model_version="m1", detail="comment 1")
    assert any("o/r#4" in r.getMessage() and "new_field" in r.getMessage() for r in caplog.records)


def test_a_persons_band_label_under_an_exemption_is_read(engine, caplog):
    """An exemption given over a person's band label keeps it, to stand again when it ends."""
    state = _exempt_with_under(engine, json.dumps({**CLEARANCE, "kind": "label_added", "detail": "label x"}))
    with caplog.at_level(logging.WARNING, logger="bot.store.state"):
        under = state.get_override("o/r", 4).under
    assert (under.kind, under.actor, under.detail) == ("label_added", "alice", "label x")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
