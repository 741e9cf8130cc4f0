"""The one place that knows where shipped resources (models/, templates/, demo data) live.

In a source checkout or editable install they sit at the repository root; in a wheel
they are installed as data files under ``<prefix>/share/pr-sieve/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent
_SHARE = Path(sys.prefix) / "share" / "pr-sieve"


def resource_dir(name: str) -> Path:
    """Return the directory of a shipped resource folder such as ``models`` or ``templates``."""
    for base in (_REPO_ROOT, _SHARE):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resource folder {name!r} not found under {_REPO_ROOT} or {_SHARE}")


def models_dir() -> Path:
    return resource_dir("models")


def templates_dir() -> Path:
    return resource_dir("templates")


def shared_dir() -> Path | None:
    """The read-only ``../shared`` fixtures folder, if present (``SIEVE_SHARED_DIR`` overrides)."""
    env = os.environ.get("SIEVE_SHARED_DIR")
    candidate = Path(env) if env else _REPO_ROOT.parent / "shared"
    return candidate if candidate.is_dir() else None
