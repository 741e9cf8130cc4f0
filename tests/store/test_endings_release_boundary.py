"""Revision 0007 changes no schema but the meaning of ``override_endings.kinds`` (each kind's own
time): a release whose newest revision is 0006 (b93ef64 among them) would read a late cancel's
clearance as ended at the row's later time and drop a person's ``/sieve ok`` made in between, so
it must refuse a database this release has used instead of running beside it."""

from __future__ import annotations

import shutil

import pytest
from alembic import command
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.store import init_db
from bot.store.db import SchemaNewerThanThisRelease, _refuse_unknown_revision, alembic_config


def _revision(engine) -> str:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _release_at_0006(tmp_path) -> ScriptDirectory:
    """The migrations a release ending at 0006 ships."""
    source = ScriptDirectory.from_config(alembic_config()).dir
    later = [f"{n:04d}_*" for n in range(7, 100)]  # every revision after 0006
    shutil.copytree(source, tmp_path / "migrations", ignore=shutil.ignore_patterns(*later, "__pycache__"))
    cfg = alembic_config()
    cfg.set_main_option("script_location", str(tmp_path / "migrations"))
    return ScriptDirectory.from_config(cfg)


def test_a_release_ending_at_0006_refuses_a_database_this_release_used(db_url, tmp_path):
    engine = init_db(db_url)
    try:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        with pytest.raises(SchemaNewerThanThisRelease, match=f"{head}.*its newest is 0006"):
            _refuse_unknown_revision(_revision(engine), _release_at_0006(tmp_path))
    finally:
        engine.dispose()


def test_0007_downgrades_to_0006_and_upgrades_again(db_url):
    engine = init_db(db_url)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
        assert _revision(engine) == "0006"
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert _revision(engine) == ScriptDirectory.from_config(cfg).get_current_head()
    finally:
        engine.dispose()
