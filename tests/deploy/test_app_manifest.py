"""The App manifest subscribes to every event a handler serves: GitHub delivers only the events an
App subscribes to (installation and installation_repositories reach every App), so a handler whose
event is missing from ``default_events`` would never run on a real installation."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.app import dispatch

ALWAYS_DELIVERED = {"installation", "installation_repositories"}


def test_the_manifest_subscribes_to_every_handled_event():
    manifest = yaml.safe_load((Path(__file__).resolve().parents[2] / "app.yml").read_text(encoding="utf-8"))
    assert set(dispatch.HANDLED) - ALWAYS_DELIVERED == set(manifest["default_events"])
