"""One ``/metrics`` page for ``sieve serve`` and its worker child (prometheus_client's
multiprocess mode).

The worker child counts deliveries processed, GitHub calls and scores; the server counts what
it receives. With ``PROMETHEUS_MULTIPROC_DIR`` set, every process writes its metric values to
files in that folder and the server's ``/metrics`` adds them up (``bot.obs.metrics.exposition``).
prometheus_client reads the variable when it is first imported, so ``share_with_children`` must
run before that, in the server, before it starts the child (which inherits the variable).
This module therefore does not import prometheus_client.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
import tempfile

ENV = "PROMETHEUS_MULTIPROC_DIR"
PREFIX = "sieve-metrics-"
log = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def share_with_children() -> str | None:
    """Point this process and its future children at one metrics folder: a new temporary one,
    returned so its owner can ``remove`` it, unless ``PROMETHEUS_MULTIPROC_DIR`` already names
    one (kept; None is returned). Too late once prometheus_client is imported (e.g. ``sieve
    serve`` run inside a test): then None, and ``/metrics`` shows this process's metrics only."""
    if enabled():
        return None
    if "prometheus_client" in sys.modules:
        log.warning("metrics are not shared with the worker process: prometheus_client was "
                    "imported first")
        return None
    remove_orphans(tempfile.gettempdir())
    folder = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
    atexit.register(remove, folder)
    os.environ[ENV] = folder
    return folder


def remove(folder: str | None) -> None:
    """Delete a metrics folder made by ``share_with_children`` (its files are only counts)."""
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def remove_orphans(parent: str) -> list[str]:
    """Delete the metrics folders of servers that are gone (a SIGKILLed server cannot remove its
    own); a folder whose server process still runs, or whose name carries no pid, is kept."""
    removed = []
    try:
        names = os.listdir(parent)
    except OSError:  # an unreadable temp folder: nothing to tidy, start anyway
        return removed
    for name in names:
        pid = name[len(PREFIX):].split("-", 1)[0] if name.startswith(PREFIX) else ""
        if pid.isdigit() and not _alive(int(pid)):
            remove(os.path.join(parent, name))
            removed.append(name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it exists, under another user
        return True
    return True
