"""SqlStateStore (overrides, decisions) and the Alembic schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.app.context import Decision, Ending, Override
from bot.store import SqlStateStore, init_db
from bot.store.models import Base

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_override_round_trip_replace_and_clear(engine):
    state = SqlStateStore(engine)
    assert state.get_override("o/r", 1) is None
    first = Override("o/r", 1, "ok", "alice", AT, head_sha="abc", score=71,
                     model_version="m1", detail="/sieve ok")
    state.record_override(first)
    assert state.get_override("o/r", 1) == first
    assert state.get_override("o/r", 2) is None and state.get_override("o/x", 1) is None
    later = Override("o/r", 1, "label_removed", "bob", AT + timedelta(hours=1))
    state.record_override(later)
    assert state.get_override("o/r", 1) == later  # the latest maintainer decision wins
    ended = Ending("o/r", 1, ("ok", "label_removed"), "bob", AT + timedelta(hours=2), detail="comment 7")
    state.end_override((ended,))
    assert state.get_override("o/r", 1) is None  # nothing in force once a decision is ended
    assert state.endings("o/r", 1) == (ended,)  # but its time and kinds are kept to order late retries
    later = Ending("o/r", 1, ("exempt",), "carol", AT + timedelta(hours=3))
    state.end_override((later,))
    assert state.endings("o/r", 1) == (later,) and state.endings("o/r", 2) == ()


def test_an_exemptions_clearance_comes_back_when_the_exemption_ends(engine):
    state = SqlStateStore(engine)
    cleared = Override("o/r", 1, "ok", "alice", AT, head_sha="abc", score=71, model_version="m1", detail="comment 1")
    exempt = Override("o/r", 1, "exempt", "bob", AT + timedelta(hours=1), detail="comment 2", under=cleared)
    state.record_override(exempt)
    assert state.get_override("o/r", 1) == exempt
    state.record_override(Override("o/r", 1, "ok", "carol", AT + timedelta(hours=2)))
    assert state.get_override("o/r", 1).under is None  # only an exemption keeps one
    state.record_override(exempt)
    state.end_override((Ending("o/r", 1, ("exempt",), "bob", AT + timedelta(hours=3)),), restore=cleared)
    assert state.get_override("o/r", 1) == cleared and state.endings("o/r", 1)[0].kinds == ("exempt",)


def test_the_shipped_models_version_and_longer_ones_are_kept_whole(engine):
    """v8's version is 103 characters; the columns were VARCHAR(100), which PostgreSQL enforces:
    every decision and override of v8 failed there, and the delivery with it (found by review)."""
    from bot.model.persist import default_model_path, read_metadata

    shipped = read_metadata(default_model_path())["model_version"]
    state = SqlStateStore(engine)
    for version in (shipped, shipped + "-" + "x" * 400):
        state.record_override(Override("o/r", 1, "ok", "alice", AT, model_version=version))
        state.record_decision(Decision("o/r", 1, "abc", 71, "high", version, AT, False, ()))
        assert state.get_override("o/r", 1).model_version == version
        assert state.decisions(repo="o/r")[0].model_version == version


def test_override_times_come_back_as_the_same_instant_in_utc(engine):
    state = SqlStateStore(engine)
    paris = timezone(timedelta(hours=1))
    state.record_override(Override("o/r", 3, "exempt", "carol", datetime(2026, 3, 1, 10, 30,
                                                                         tzinfo=paris)))
    assert state.get_override("o/r", 3).at == AT


def test_decisions_are_appended_and_listed_newest_first(engine):
    state = SqlStateStore(engine)
    for i, sha in enumerate(["s1", "s2"]):
        state.record_decision(Decision("o/r", 4, sha, 60 + i, "high", "m1", AT + timedelta(i),
                                       shadow=True, actions=("label:add", "comment")))
    state.record_decision(Decision("o/other", 1, "s9", 5, "low", "m1", AT, shadow=False))
    mine = state.decisions(repo="o/r", number=4)
    assert [d.head_sha for d in mine] == ["s2", "s1"]
    assert mine[0].actions == ("label:add", "comment") and mine[0].shadow is True
    assert mine[0].at == AT + timedelta(1)
    assert len(state.decisions()) == 3


def test_the_pr_scored_at_a_commit_is_found_from_the_decisions(engine):
    """A fork PR's check run lists no PR: the decisions say which PR was scored at its commit."""
    state = SqlStateStore(engine)
    state.record_decision(Decision("o/r", 7, "aaa", 60, "high", "m1", AT, shadow=False))
    state.record_decision(Decision("o/r", 8, "bbb", 60, "high", "m1", AT, shadow=False))
    state.record_decision(Decision("o/fork-base", 9, "aaa", 60, "high", "m1", AT, shadow=False))
    assert state.pr_for_head("o/r", "aaa") == 7 and state.pr_for_head("o/r", "bbb") == 8
    assert state.pr_for_head("o/r", "ccc") is None and state.pr_for_head("o/fork-base", "aaa") == 9


def test_old_decisions_go_but_each_prs_newest_and_its_newest_sticky_decision_stay(engine):
    state = SqlStateStore(engine)
    old, recent = AT - timedelta(days=200), AT - timedelta(days=1)
    state.record_decision(Decision("o/r", 1, "s1", 80, "high", "m1", old, shadow=False,
                                   actions=("create_comment:comment.md.j2",)))
    state.record_decision(Decision("o/r", 1, "s2", 80, "high", "m1", old, shadow=False,
                                   actions=("edit_comment:c",)))  # the newest that saw the sticky: kept
    state.record_decision(Decision("o/r", 1, "s3", 70, "medium", "m1", recent, shadow=False))
    state.record_decision(Decision("o/r", 2, "s5", 10, "low", "m1", old - timedelta(1), shadow=True,
                                   actions=("create_comment:c",)))  # shadow: nothing was posted, so it goes
    state.record_decision(Decision("o/r", 2, "s4", 10, "low", "m1", old, shadow=True))  # PR 2's newest: kept
    assert state.purge_decisions(90, now=AT) == 2
    assert [d.head_sha for d in state.decisions("o/r", 1)] == ["s3", "s2"]
    assert state.posted_sticky("o/r", 1) and state.pr_for_head("o/r", "s4") == 2
    assert state.purge_decisions(90, now=AT) == 0


def test_posted_sticky_means_a_real_decision_posted_or_edited_the_comment_on_that_pr(engine):
    state = SqlStateStore(engine)
    state.record_decision(Decision("o/r", 5, "s1", 80, "high", "m1", AT, shadow=True,
                                   actions=("create_comment:comment.md.j2",)))  # shadow: nothing posted
    state.record_decision(Decision("o/r", 7, "s1", 10, "low", "m1", AT, shadow=False, actions=("check_run:neutral",)))
    assert not state.posted_sticky("o/r", 5) and not state.posted_sticky("o/r", 7)
    # a retried delivery finds the sticky its first attempt posted, and records an edit
    state.record_decision(Decision("o/r", 6, "s1", 80, "high", "m1", AT, shadow=False,
                                   actions=("labels:add", "edit_comment:comment.md.j2")))
    state.record_decision(Decision("o/r", 5, "s2", 80, "high", "m1", AT, shadow=False,
                                   actions=("create_comment:comment.md.j2", "check_run:neutral")))
    assert state.posted_sticky("o/r", 5) and state.posted_sticky("o/r", 6) and not state.posted_sticky("o/r", 50)


def test_init_db_is_idempotent_and_at_head(db_url):
    engine = init_db(db_url)
    init_db(db_url).dispose()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"deliveries", "overrides", "decisions", "alembic_version"} <= tables
    engine.dispose()


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    engine = init_db(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL: a committed delivery is on disk
    engine.dispose()


def head_revision() -> str:
    """The newest migration this release ships."""
    from alembic.script import ScriptDirectory

    from bot.store.db import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_database_marks_when_it_began_keeping_endings(engine):
    """Migration 0005: a cancel made before it left no ending, and the App must know which
    removals in an issue's history are that old."""
    began = SqlStateStore(engine).endings_since()
    assert began is not None and abs(began - datetime.now(UTC)) < timedelta(minutes=5)
    assert SqlStateStore(engine).endings("", 0) != ()  # the mark itself, in no PR's name
