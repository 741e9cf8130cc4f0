"""Which git records of the training repositories are pull requests of the evaluation split.

``../shared/data/README.md`` puts the AIDev rows of some repositories in the evaluation split;
one of them (celestia-core) is also a git_prs training repository, so the same PR can be a
training git record and an evaluation AIDev row. A record is left out of training when its
``label_source`` names its AIDev join, or, where that join failed (a PR merged after the AIDev
crawl), when the evaluation file has an AIDev row of the same repository, number and title.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.evaluation import splits

AIDEV_AGENT_FILE = Path("aidev_pop") / "aidev_pop_agent_prs.jsonl"


def eval_aidev_prs(data: Path) -> frozenset[tuple[str, int, str]]:
    """``(repo, number, title)`` of every evaluation-split AIDev row (an absent file: none)."""
    path = data / AIDEV_AGENT_FILE
    if not path.is_file():
        return frozenset()
    keys = set()
    with path.open(encoding="utf-8") as rows:
        for line in rows:
            row = _row(line)
            repo = str(row.get("repo") or "")
            if repo and splits.is_eval_aidev_repo(repo) and isinstance(row.get("number"), int):
                keys.add((repo.lower(), row["number"], str(row.get("title") or "").strip()))
    return frozenset(keys)


def _row(line: str) -> dict:
    try:
        row = json.loads(line)
    except ValueError:
        return {}
    return row if isinstance(row, dict) else {}


def is_eval_pr(raw: dict, eval_prs: frozenset[tuple[str, int, str]]) -> bool:
    """A git record that is the same PR as an evaluation-split AIDev row."""
    repo = str(raw.get("repo") or "")
    joined = any("aidev" in str(s).lower() for s in raw.get("label_source") or [])
    if joined and splits.is_eval_aidev_repo(repo):
        return True
    number = raw.get("pr_number", raw.get("number"))
    return (repo.lower(), number, str(raw.get("title") or "").strip()) in eval_prs
