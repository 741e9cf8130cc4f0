"""The metrics folder shared with the worker child: made once, kept when given, removable."""

from __future__ import annotations

import os
import subprocess
import sys

from bot.obs import multiproc

MAKE = ("import os, sys; from bot.obs import multiproc; folder = multiproc.share_with_children(); "
        "print(folder); print(os.environ[multiproc.ENV]); print('prometheus_client' in sys.modules)")


def _run(env: dict[str, str]) -> list[str]:
    out = subprocess.run([sys.executable, "-c", MAKE], env=env, capture_output=True, text=True,
                         check=True, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    return out.stdout.split()


def test_a_new_folder_is_made_before_prometheus_is_imported_and_removed_at_exit():
    env = {k: v for k, v in os.environ.items() if k != multiproc.ENV}
    folder, exported, imported = _run(env)
    assert folder == exported and imported == "False"
    assert not os.path.exists(folder)  # a normal exit removes it (atexit)


def test_a_folder_given_by_the_operator_is_used_and_not_returned_for_removal(tmp_path):
    folder, exported, _ = _run({**os.environ, multiproc.ENV: str(tmp_path)})
    assert folder == "None" and exported == str(tmp_path) and tmp_path.exists()


def test_too_late_once_prometheus_client_is_imported(monkeypatch):
    import prometheus_client  # noqa: F401 - already imported by the app's metrics in tests

    monkeypatch.delenv(multiproc.ENV, raising=False)
    assert multiproc.share_with_children() is None
    assert multiproc.ENV not in os.environ


def test_remove_deletes_the_folder(tmp_path):
    (tmp_path / "counter_1.db").write_bytes(b"x")
    multiproc.remove(str(tmp_path))
    assert not tmp_path.exists()
    multiproc.remove(None)  # nothing made, nothing to do


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid  # reaped: no process has this pid now (barring instant reuse)


def test_folders_of_servers_that_are_gone_are_removed_and_live_ones_kept(tmp_path):
    gone = tmp_path / f"{multiproc.PREFIX}{_dead_pid()}-abc"
    live = tmp_path / f"{multiproc.PREFIX}{os.getpid()}-def"
    old_style = tmp_path / f"{multiproc.PREFIX}xyz"  # no pid in the name: not ours to judge
    other = tmp_path / "12345-unrelated"
    for folder in (gone, live, old_style, other):
        folder.mkdir()
        (folder / "counter_1.db").write_bytes(b"x")
    assert multiproc.remove_orphans(str(tmp_path)) == [gone.name]
    assert not gone.exists() and live.exists() and old_style.exists() and other.exists()


def test_the_folder_is_named_after_the_server_pid():
    env = {k: v for k, v in os.environ.items() if k != multiproc.ENV}
    folder, _, _ = _run(env)
    pid = os.path.basename(folder)[len(multiproc.PREFIX):].split("-", 1)[0]
    assert pid.isdigit()


def test_an_unreadable_temp_folder_is_left_alone(tmp_path):
    assert multiproc.remove_orphans(str(tmp_path / "missing")) == []
