"""Real records from ``../shared/data``, read in place, as snapshots for signal tests.

Records are picked by stable keys (``repo`` + ``pr_number``, AIDev ``pr_id``, onlyrobots
``id``); the files are indexed once per session. Tests skip when ../shared is absent.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from bot.loaders.records import snapshot_from_record
from bot.paths import shared_dir
from bot.snapshot import FileChange, PRSnapshot

DIFF_CUT = 3000  # diffs_sample.jsonl.gz cuts every diff at 3,000 characters
_FILE_HEADER = re.compile(r"^diff --git a/(.*?) b/(.*)$", re.MULTILINE)


def _data_dir() -> Path:
    shared = shared_dir()
    data = shared / "data" if shared else None
    if data is None or not data.is_dir():
        pytest.skip(f"../shared not found: no data folder under {shared} (set SIEVE_SHARED_DIR)")
    return data


def _lines(path: Path):
    with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")) as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@lru_cache(maxsize=None)
def _git_index(data: Path, name: str) -> dict[int, dict]:
    return {r["pr_number"]: r for r in _lines(data / "git_prs" / f"{name}.prs.jsonl")}


@lru_cache(maxsize=None)
def _aidev_index(data: Path) -> dict[int, dict]:
    return {r["pr_id"]: r for r in _lines(data / "aidev_pop" / "aidev_pop_agent_prs.jsonl")}


@lru_cache(maxsize=None)
def _onlyrobots_index(data: Path) -> dict[str, dict]:
    return {r["id"]: r for r in _lines(data / "onlyrobots_real_prs" / "onlyrobots_real_prs.jsonl")}


@lru_cache(maxsize=None)
def _diff_index(data: Path) -> dict[tuple[str, str], str | None]:
    return {(r["repo"], r["sha"]): r["diff"] for r in _lines(data / "git_prs" / "diffs_sample.jsonl.gz")}


def split_diff(diff: str) -> tuple[FileChange, ...]:
    """Per-file changes from a ``git diff`` text, with GitHub-style patches (hunks only).
    When the diff was cut at DIFF_CUT characters the last file's patch is unknown (None)."""
    heads = list(_FILE_HEADER.finditer(diff))
    out = []
    for i, head in enumerate(heads):
        chunk = diff[head.end(): heads[i + 1].start() if i + 1 < len(heads) else len(diff)]
        hunk_at = chunk.find("\n@@")
        patch = chunk[hunk_at + 1:].rstrip("\n") if hunk_at >= 0 else None
        cut = i == len(heads) - 1 and len(diff) >= DIFF_CUT - 10
        status = "added" if "\nnew file mode" in chunk[:200] else "removed" if "\ndeleted file mode" in chunk[:200] else "modified"
        lines = (patch or "").splitlines()
        out.append(FileChange(
            path=head.group(2), status=status,
            additions=sum(1 for x in lines if x.startswith("+")),
            deletions=sum(1 for x in lines if x.startswith("-")),
            patch=None if cut else patch,
        ))
    return tuple(out)


@pytest.fixture(scope="session")
def git_pr():
    """``git_pr("fiber", 1234, restore_removed=False) -> PRSnapshot`` from ``<name>.prs.jsonl``."""
    data = _data_dir()

    def get(name: str, number: int, **kwargs) -> PRSnapshot:
        raw = _git_index(data, name).get(number)
        assert raw is not None, f"git_prs/{name}.prs.jsonl has no PR #{number}"
        return snapshot_from_record(raw, **kwargs)
    return get


@pytest.fixture(scope="session")
def git_pr_with_diff():
    """The merged-PR record joined with its ``diffs_sample`` diff, split into patched files."""
    data = _data_dir()

    def get(name: str, number: int, **kwargs) -> PRSnapshot:
        raw = _git_index(data, name).get(number)
        assert raw is not None, f"git_prs/{name}.prs.jsonl has no PR #{number}"
        diff = _diff_index(data).get((raw["repo"], raw["sha"]))
        assert diff, f"diffs_sample has no diff for {raw['repo']} {raw['sha']}"
        files = split_diff(diff)
        return snapshot_from_record(raw, **kwargs).with_changes(files=files, files_changed=raw["files_changed"])
    return get


@pytest.fixture(scope="session")
def aidev_pr():
    data = _data_dir()

    def get(pr_id: int, **kwargs) -> PRSnapshot:
        raw = _aidev_index(data).get(pr_id)
        assert raw is not None, f"aidev_pop has no pr_id {pr_id}"
        return snapshot_from_record(raw, **kwargs)
    return get


@pytest.fixture(scope="session")
def onlyrobots_pr():
    data = _data_dir()

    def get(record_id: str, **kwargs) -> PRSnapshot:
        raw = _onlyrobots_index(data).get(record_id)
        assert raw is not None, f"onlyrobots_real_prs has no id {record_id!r}"
        return snapshot_from_record(raw, **kwargs)
    return get
