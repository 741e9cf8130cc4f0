"""The fixed evaluation split of ``../shared/data/README.md``. Everything else is training data.

Training code must call ``is_eval_*`` and drop what they accept; evaluation code uses the
same functions to select what it measures, so the two can never drift apart.
"""

from __future__ import annotations

import hashlib

EVAL_GIT_REPOS = frozenset({"jaeger", "gluesql"})  # ../shared/data/git_prs/<name>.*
GIT_REPO_NAMES = ("fiber", "liam", "jaeger", "sentry-python", "celestia-core", "gluesql")


def _sha1_mod5_is_zero(value: str) -> bool:
    return int(hashlib.sha1(value.encode()).hexdigest(), 16) % 5 == 0


def is_eval_git_repo(name: str) -> bool:
    """``name`` is the short file prefix (``jaeger``) or the full ``owner/repo``."""
    short = name.rsplit("/", 1)[-1]
    return short in EVAL_GIT_REPOS


def is_eval_aidev_repo(repo: str) -> bool:
    return _sha1_mod5_is_zero(repo)


def is_eval_human_title(pr_id: str | int) -> bool:
    return _sha1_mod5_is_zero(str(pr_id))


# All 15 onlyrobots rows are evaluation-only (a smoke test).
ONLYROBOTS_IS_EVAL = True
