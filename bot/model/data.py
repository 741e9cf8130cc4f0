"""Training examples from ``../shared/data``: the TRAINING split only, with weights.

The evaluation split (``bot.evaluation.splits``: jaeger, gluesql, eval AIDev repositories,
eval human titles, onlyrobots) is dropped here and never read. Labels:

- positive (1): ``ai_agent`` merged records and pull refs of the training repositories,
  and AIDev agent PRs of training repositories;
- negative (0): ``human`` (pre-2022) merged records and pull refs, AIDev human titles
  (title only);
- ``unlabeled`` records from 2023 on are negatives with a small weight (``UNLABELED_WEIGHT``):
  they hold undisclosed AI, but without any same-era negative the model learns the era
  (conventional commits, PR templates) instead of effort;
- ``ai_assisted`` and ``bot`` rows are not used.

Title-only copies of AIDev agent rows (``TITLE_ONLY_WEIGHT``) balance the title-only
human rows, so "has no body" is not read as "human". The low-effort weight
(``REJECTED_WEIGHT``) gives agent PRs that were closed unmerged more pull towards 1 than
merged ones: the score ranks low-effort agent PRs first (the E3 question) without a second head.

File-blind copies (``file_blind``): no AIDev agent row has a file list, and every git row has
one, so "no files" alone reads as "agent". A copy of each used git row without its files and
counts (weight times the given factor, same repository group) shows the model humans and agents
whose files are unknown too, as in an exported JSONL or a snapshot built from text only.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bot.evaluation import splits
from bot.loaders import LoadError
from bot.loaders.records import Record, iter_records, snapshot_from_record
from bot.model import evalguard, lessons
# the training code's one name for these stays ``data.X``
from bot.model.example import (BODIED, COPIES, FILE_BLIND, GIT_SOURCES, HEADED, LESSONS, PROBE, TESTED, TICKED,
                               Example, is_copy, record_key)
from bot.model.lessons import file_blind
from bot.snapshot import PRSnapshot

__all__ = ["BODIED", "COPIES", "FILE_BLIND", "GIT_SOURCES", "HEADED", "LESSONS", "PROBE", "TESTED", "TICKED",
           "Example", "is_copy", "record_key", "file_blind", "training_examples", "merged_with_markers",
           "git_record_id", "reject_label", "dataset_id", "counts"]

UNLABELED_WEIGHT = 0.3
UNLABELED_FROM = "2023-01-01"
EARLY_FROM = "2022-01-01"  # 2022 `unlabeled` rows: after the `human` cut-off, before ChatGPT and coding agents
EARLY = "_early_unlabeled"  # source suffix of those rows (only with ``early_unlabeled_weight``)
TITLE_ONLY_WEIGHT = 0.5
REJECTED_WEIGHT = 1.5
MERGED_AGENT_WEIGHT = 1.0
RESTORE_SHARE = 0.5
TRAIN_GIT_REPOS = tuple(n for n in splits.GIT_REPO_NAMES if not splits.is_eval_git_repo(n))


def _git_label(raw: dict, date: str, early: float | None = None) -> tuple[int, float, str] | None:
    """(label, weight, source suffix), or None for a row training does not use."""
    label = raw.get("label")
    if label == "ai_agent":
        return 1, 1.0, ""
    if label == "human":
        return 0, 1.0, ""
    if label == "unlabeled" and date >= UNLABELED_FROM:
        return 0, UNLABELED_WEIGHT, ""
    if label == "unlabeled" and early is not None and date >= EARLY_FROM:
        return 0, early, EARLY
    return None


def _as_on_github(rec: Record, rid: str) -> PRSnapshot:
    """For ``RESTORE_SHARE`` of the records (by id hash), put the removed attribution lines
    back, as GitHub would show them: the signals then learn what a marker means, while the
    text features never see markers (they strip them)."""
    if not rec.raw.get("removed_lines") or _unit(rid) >= RESTORE_SHARE:
        return rec.snapshot
    return snapshot_from_record(rec.raw, restore_removed=True)


def _unit(rid: str) -> float:
    return int(hashlib.sha1(rid.encode()).hexdigest()[:8], 16) / 2**32


def _aidev_group(repo: str) -> str:
    """AIDev rows of a git_prs repository share its group, so repository CV cannot leak."""
    short = repo.rsplit("/", 1)[-1]
    return short if short in splits.GIT_REPO_NAMES else f"aidev:{repo}"


def _git_examples(data: Path, name: str, early: float | None = None) -> Iterator[Example]:
    sources = ((f"{name}.prs.jsonl", "git_prs", "date"),
               (f"{name}.pull_refs.jsonl.gz", "git_pull_refs", "first_commit_date"))
    eval_prs = evalguard.eval_aidev_prs(data)
    for filename, source, date_key in sources:
        for rec in iter_records(data / "git_prs" / filename):
            if isinstance(rec, LoadError):
                continue
            lw = _git_label(rec.raw, str(rec.raw.get(date_key) or ""), early)
            if lw is None or evalguard.is_eval_pr(rec.raw, eval_prs):
                continue
            rid = git_record_id(source, rec.raw)
            yield Example(_as_on_github(rec, rid), lw[0], lw[1], name, source + lw[2], rid,
                          str(rec.raw.get("outcome") or "merged"))


def git_record_id(source: str, raw: dict) -> str:
    """A git record's example id (``Example.record_id``)."""
    return f"{source}:{raw.get('repo')}#{raw.get('pr_number')}:{raw.get('sha') or raw.get('head_sha')}"


def merged_with_markers(shared: Path, small: bool = False) -> dict[str, PRSnapshot]:
    """Every training git merged record that had attribution lines removed, with them put back
    (the E1+ reading), by ``record_id``: an out-of-fold E1+-like figure scores these instead."""
    out: dict[str, PRSnapshot] = {}
    for name in TRAIN_GIT_REPOS[:1] if small else TRAIN_GIT_REPOS:
        for rec in iter_records(Path(shared) / "data" / "git_prs" / f"{name}.prs.jsonl"):
            if not isinstance(rec, LoadError) and rec.raw.get("removed_lines"):
                out[git_record_id("git_prs", rec.raw)] = snapshot_from_record(rec.raw, restore_removed=True)
    return out


def _aidev_agent(data: Path, title_only: bool) -> Iterator[Example]:
    for rec in iter_records(data / "aidev_pop" / "aidev_pop_agent_prs.jsonl"):
        if isinstance(rec, LoadError):
            continue
        repo = str(rec.raw.get("repo") or "")
        if splits.is_eval_aidev_repo(repo) or splits.is_eval_git_repo(repo):
            continue  # gluesql/gluesql's AIDev rows are the eval repository's own agent PRs
        outcome = str(rec.raw.get("outcome") or "")
        weight = REJECTED_WEIGHT if outcome == "closed_unmerged" else MERGED_AGENT_WEIGHT
        snap, source = _as_on_github(rec, f"aidev_agent:{rec.raw.get('pr_id')}"), "aidev_agent"
        if title_only:
            snap, source, weight = PRSnapshot(title=snap.title), "aidev_agent_title_only", TITLE_ONLY_WEIGHT
        yield Example(snap, 1, weight, _aidev_group(repo), source, f"{source}:{rec.raw.get('pr_id')}", outcome)


def _aidev_human_titles(data: Path) -> Iterator[Example]:
    with open(data / "aidev_pop" / "aidev_pop_human_pr_titles.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if splits.is_eval_human_title(row["pr_id"]) or not row.get("title"):
                continue
            group = "aidev-titles:" + str(int(hashlib.sha1(row["pr_id"].encode()).hexdigest(), 16) % 40)
            yield Example(PRSnapshot(title=row["title"]), 0, 1.0, group, "aidev_human_titles",
                          f"aidev_human_titles:{row['pr_id']}")


def training_examples(shared: Path, *, small: bool = False, file_blind_weight: float | None = None,
                      early_unlabeled_weight: float | None = None, headed_weight: float | None = None,
                      headed_salt: str = "", ticked_weight: float | None = None,
                      ticked_under_headings: bool = False, tested_weight: float | None = None,
                      tested_under_headings: bool = False, bodied_weight: float | None = None,
                      bodied_max_lines: int | None = None) -> list[Example]:
    """All training examples (``small``: a tiny, fast subset for CI pipeline tests). With
    ``file_blind_weight`` (even 0, for measuring), file-blind copies of the git rows are added;
    with ``early_unlabeled_weight``, 2022 ``unlabeled`` git rows as negatives of that weight (source
    suffix ``EARLY``: no report reads them, so the CV figures measure the same rows); with
    ``headed_weight`` (even 0), the human PRs re-laid under headings and their probes; with
    ``ticked_weight``, the same PRs (``ticked_under_headings``: their heading copies) followed by a
    ticked checklist; with ``tested_weight``, the same PRs followed by how their author tested
    (``tested_under_headings``: their heading copies); with ``bodied_weight`` (even 0), the human PRs
    without a description of their own, their first commit's body as one (``bodied_max_lines``: only
    those of at most that many changed lines fitted). v6 fits the first three."""
    data = shared / "data"
    out: list[Example] = []
    for name in TRAIN_GIT_REPOS[:1] if small else TRAIN_GIT_REPOS:
        out.extend(_git_examples(data, name, early_unlabeled_weight))
    out.extend(_aidev_agent(data, title_only=False))
    out.extend(_aidev_agent(data, title_only=True))
    out.extend(_aidev_human_titles(data))
    if small:
        out = _subsample(out, 400)
    if file_blind_weight is not None:
        out.extend(list(lessons.file_blind_copies(out, file_blind_weight)))
    if headed_weight is not None:
        out.extend(list(lessons.headed_copies(out, headed_weight, headed_salt)))
    if ticked_weight is not None:
        out.extend(list(lessons.ticked_copies(out, ticked_weight, headed_salt, ticked_under_headings)))
    if tested_weight is not None:
        out.extend(list(lessons.tested_copies(out, tested_weight, headed_salt, tested_under_headings)))
    if bodied_weight is not None:
        out.extend(list(lessons.bodied_copies(out, bodied_weight, bodied_max_lines)))
    return out


def _subsample(examples: list[Example], per_label: int) -> list[Example]:
    kept, seen = [], Counter()
    for ex in sorted(examples, key=lambda e: hashlib.sha1(e.record_id.encode()).hexdigest()):
        if seen[ex.label] < per_label:
            kept.append(ex)
            seen[ex.label] += 1
    return kept


def reject_label(ex: Example) -> int:
    """The rejection head's label: 1 an agent PR closed unmerged (AIDev) or not merged (pull ref),
    0 a merged one, -1 not a rejection example (human, unlabeled, title-only copies, other outcomes)."""
    if ex.label != 1 or ex.source not in ("aidev_agent", "git_pull_refs"):
        return -1
    return {"closed_unmerged": 1, "not_merged": 1, "merged": 0, "merged_squash": 0}.get(ex.outcome, -1)


def dataset_id(examples: list[Example]) -> str:
    """sha256 of the sorted training record ids: names the exact training set (copies are made
    from those records, so they do not change it; the metadata's weights describe them)."""
    digest = hashlib.sha256()
    for rid in sorted(e.record_id for e in examples if not is_copy(e)):
        digest.update(rid.encode() + b"\n")
    return digest.hexdigest()


def counts(examples: list[Example]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = {}
    for ex in examples:
        table.setdefault(ex.source, Counter())["positive" if ex.label else "negative"] += 1
    return {k: dict(v) for k, v in sorted(table.items())}
