"""Labelled sets of the evaluation protocol (``../shared/data/README.md``) and of ``sieve eval --data`` files.

Every evaluation set is a list of ``Example(snapshot, y, meta)``: ``y`` is 1 for the positive
class and ``meta`` holds what the report needs beside the snapshot (``repo``, ``ref``
"file:line", ``source``, and the slice flags ``first_time`` / ``short_body``, each True, False
or None when unknown). Snapshots come from ``bot.loaders.records``, which never copies the
label-carrying fields into them; ``meta`` may read those fields because no model sees it.

Choices the README leaves open, made once here:
- Dates are compared in UTC (``date`` of merged records, ``first_commit_date`` of pull refs).
- E2 uses merged records (``.prs.jsonl``) only, both classes dated 2025-01-01 or later:
  pull refs have no title or body, and their ``merged_squash`` rows repeat merged records.
- E3 excludes AIDev ``open`` rows and pull refs ``merged_other_branch`` or ``likely_open``.
- E4 takes every eval-split AIDev agent title (any outcome) as positive, title-only.
- ``first_time``: in ``git_prs`` the PR is its author's earliest merged record in that
  repository (author e-mail; the first commit author for merge commits), None for a record
  without an author or a date. Elsewhere it comes
  from ``author_association`` when a record has it; for ``sieve eval --data`` records without
  it, from the same rule over the records of every file read together that carry an author and
  a date (``bot.evaluation.first_time``); else None.
- ``short_body``: stored body under 200 characters (``body: null``, GitHub's "nothing written",
  counts as empty); None when the source has no body.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from bot.evaluation import splits
from bot.evaluation import first_time
from bot.evaluation.data_notes import repo_of, report_other_labels, report_repeats, report_unread_outcomes
from bot.evaluation.first_time import first_time_refs, utc as _when
from bot.loaders import LoadError, github_json
from bot.loaders.records import Record, iter_records, snapshot_from_record
from bot.snapshot import PRSnapshot
from bot.text import strip_attribution

SHORT_BODY_CHARS = 200
SAME_ERA_START = datetime(2025, 1, 1, tzinfo=timezone.utc)
FIRST_TIME_ASSOCIATIONS = frozenset({"FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER"})
AIDEV_FILE = "aidev_pop/aidev_pop_agent_prs.jsonl"
HUMAN_TITLES_FILE = "aidev_pop/aidev_pop_human_pr_titles.csv"
ONLYROBOTS_FILE = "onlyrobots_real_prs/onlyrobots_real_prs.jsonl"

ErrorSink = Callable[[LoadError], None]


class Example(NamedTuple):
    snapshot: PRSnapshot
    y: int
    meta: dict


def print_error(error: LoadError) -> None:
    """Default error sink: one line per bad record on stderr."""
    print(f"skipped {error}", file=sys.stderr)


def _good(records: Iterator[Record | LoadError], on_error: ErrorSink) -> Iterator[Record]:
    for item in records:
        if isinstance(item, LoadError):
            on_error(item)
        else:
            yield item


def _git_path(data: Path, name: str, kind: str) -> Path:
    return data / "git_prs" / (f"{name}.prs.jsonl" if kind == "prs" else f"{name}.pull_refs.jsonl.gz")


def _short_body(raw: dict, bundle: bool = False) -> bool | None:
    """``raw``'s body is under 200 characters. GitHub's ``body: null`` (a bundle's, or a record's
    that has the key) means the author wrote nothing: short. None only when no body is known
    (a data record without the key, such as a pull ref, or a body that is not text)."""
    body = raw.get("body")
    if body is None and (bundle or "body" in raw):
        body = ""
    return len(body) < SHORT_BODY_CHARS if isinstance(body, str) else None


def _association_first_time(raw: dict) -> bool | None:
    value = raw.get("author_association")
    return value in FIRST_TIME_ASSOCIATIONS if isinstance(value, str) and value else None


def _meta(rec: Record, source: str, **extra) -> dict:
    raw = rec.raw
    pull = raw["pull"] if isinstance(raw.get("pull"), dict) else raw  # a REST bundle keeps them in "pull"
    return {"ref": rec.ref, "source": source, "repo": repo_of(raw, pull),
            "label": raw.get("label"), "short_body": _short_body(pull, github_json.is_bundle(raw)),
            "first_time": _association_first_time(pull), **extra}


def merged_records(data: Path, name: str, on_error: ErrorSink = print_error,
                   restore_removed: bool = False) -> list[tuple[Record, dict]]:
    """All merged records of one ``git_prs`` repository with their ``meta``."""
    records = list(_good(iter_records(_git_path(data, name, "prs"), restore_removed=restore_removed),
                         on_error))
    firsts = first_time_refs(records)
    return [(rec, _meta(rec, "git_prs", first_time=first_time.flag(rec, firsts), date=rec.raw.get("date")))
            for rec in records]


def _eval_merged(data: Path, on_error: ErrorSink, restore_removed: bool = False):
    for name in sorted(splits.EVAL_GIT_REPOS):
        yield from merged_records(data, name, on_error, restore_removed)


def e1_agent_vs_human(data: Path, on_error: ErrorSink = print_error,
                      restore_removed: bool = False) -> list[Example]:
    """E1 (E1+ with ``restore_removed``): eval-repo merged ``ai_agent`` (1) vs ``human`` (0)."""
    classes = {"ai_agent": 1, "human": 0}
    return [Example(rec.snapshot, classes[meta["label"]], meta)
            for rec, meta in _eval_merged(data, on_error, restore_removed)
            if meta["label"] in classes]


def e2_same_era(data: Path, on_error: ErrorSink = print_error) -> list[Example]:
    """E2: eval-repo merged ``ai_agent`` (1) vs ``unlabeled`` (0), both dated 2025-01-01+."""
    classes = {"ai_agent": 1, "unlabeled": 0}
    out = []
    for rec, meta in _eval_merged(data, on_error):
        when = _when(rec.raw.get("date"))
        if meta["label"] in classes and when and when >= SAME_ERA_START:
            out.append(Example(rec.snapshot, classes[meta["label"]], meta))
    return out


def _aidev(data: Path, on_error: ErrorSink) -> Iterator[tuple[Record, dict]]:
    """The AIDev agent rows of the evaluation split."""
    for rec in _good(iter_records(data / AIDEV_FILE), on_error):
        repo = rec.raw.get("repo")
        if isinstance(repo, str) and splits.is_eval_aidev_repo(repo):
            yield rec, _meta(rec, "aidev", outcome=rec.raw.get("outcome"),
                             date=rec.raw.get("created_at"), agent=rec.raw.get("agent"))


def _pull_ref_outcome_y(raw: dict) -> int | None:
    if raw.get("outcome") == "not_merged" and raw.get("likely_open") is False:
        return 1
    return 0 if raw.get("outcome") == "merged_squash" else None


def e3_low_effort(data: Path, on_error: ErrorSink = print_error) -> list[Example]:
    """E3: agent PRs only; rejected (1) vs merged (0), from eval AIDev rows and eval pull refs."""
    aidev_y = {"closed_unmerged": 1, "merged": 0}
    out = [Example(rec.snapshot, aidev_y[meta["outcome"]], meta)
           for rec, meta in _aidev(data, on_error) if meta["outcome"] in aidev_y]
    for name in sorted(splits.EVAL_GIT_REPOS):
        for rec in _good(iter_records(_git_path(data, name, "pull_refs")), on_error):
            y = _pull_ref_outcome_y(rec.raw) if rec.raw.get("label") == "ai_agent" else None
            if y is not None:
                out.append(Example(rec.snapshot, y, _meta(rec, "git_pull_refs",
                                                          outcome=rec.raw.get("outcome"))))
    return out


def human_titles(data: Path, on_error: ErrorSink = print_error) -> Iterator[Example]:
    """Evaluation-split rows of the human-title CSV, as title-only snapshots (y=0)."""
    path = data / HUMAN_TITLES_FILE
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            ref = f"{path.name}:{reader.line_num}"
            title, pr_id = (row.get("title") or "").strip(), (row.get("pr_id") or "").strip()
            if not title or not pr_id:
                on_error(LoadError(f"{ref}: row has no title or pr_id"))
            elif splits.is_eval_human_title(pr_id):
                yield Example(PRSnapshot(title=title), 0,
                              {"ref": ref, "source": "aidev_human_titles", "repo": "",
                               "label": row.get("label") or "human", "short_body": None,
                               "first_time": None})


def e4_titles(data: Path, on_error: ErrorSink = print_error) -> list[Example]:
    """E4: eval-split AIDev agent titles (1) vs eval-split human titles (0), title only."""
    agents = [Example(PRSnapshot(title=rec.snapshot.title), 1, {**meta, "short_body": None})
              for rec, meta in _aidev(data, on_error)]
    return agents + list(human_titles(data, on_error))


def _unmarked(raw: dict) -> dict:
    """The onlyrobots rows still carry attribution lines: strip them as the other data was."""
    clean = dict(raw)
    for key in ("title", "body"):
        clean[key] = strip_attribution(raw.get(key))[0]
    clean["commit_messages"] = [strip_attribution(m)[0] for m in raw.get("commit_messages") or []]
    return clean


def smoke_onlyrobots(data: Path, on_error: ErrorSink = print_error) -> list[Example]:
    """The 15 hand-labelled rows (a smoke test, too small for figures), attribution stripped."""
    out = []
    for rec in _good(iter_records(data / ONLYROBOTS_FILE), on_error):
        if rec.raw.get("label") in ("ai_agent", "human"):
            out.append(Example(snapshot_from_record(_unmarked(rec.raw)),
                               int(rec.raw["label"] == "ai_agent"), _meta(rec, "onlyrobots")))
    return out


def protocol_sets(data: Path, on_error: ErrorSink = print_error) -> dict[str, list[Example]]:
    """All sets of the protocol, in report order. ``data`` is ``<shared>/data``."""
    return {"E1": e1_agent_vs_human(data, on_error),
            "E1+": e1_agent_vs_human(data, on_error, restore_removed=True),
            "E2": e2_same_era(data, on_error),
            "E3": e3_low_effort(data, on_error),
            "E4": e4_titles(data, on_error),
            "smoke": smoke_onlyrobots(data, on_error)}


def _outcome_y(raw: dict) -> int | None:
    if raw.get("outcome") == "closed_unmerged":
        return 1
    if raw.get("outcome") == "not_merged":
        return 1 if raw.get("likely_open") is False else None  # the protocol's "likely_open = false"; unknown: left out
    return 0 if raw.get("outcome") in ("merged", "merged_squash") else None


def print_note(note: str) -> None:
    """Default note sink: one line on stderr."""
    print(f"note: {note}", file=sys.stderr)


def read_data_file(path: Path, on_error: ErrorSink = print_error, name: str | None = None) -> list[Record]:
    """The readable records of a ``sieve eval --data`` file, named ``name:LINE`` (default: its file name)."""
    return list(_good(iter_records(Path(path), name or Path(path).name), on_error))


def data_file_sets(path: Path, on_error: ErrorSink = print_error,
                   on_note: Callable[[str], None] = print_note, name: str | None = None) -> dict[str, list[Example]]:
    """``sieve eval --data`` of one file: ``ai_agent`` (1) vs ``human`` (0); and, when ``ai_agent`` rows
    carry ``outcome``, rejected (1) vs merged (0) among them (the E3 rule). Records with any
    other label are read but not compared; ``on_note`` gets one line saying how many. Errors and
    notes name the file as ``name`` (default: its file name)."""
    name = name or Path(path).name
    records = read_data_file(path, on_error, name)
    return records_sets(records, name, on_note, first_time_refs(records))


def data_files_sets(files: list[tuple[str, list[Record]]],
                    on_note: Callable[[str], None] = print_note) -> dict[str, dict[str, list[Example]]]:
    """``data_file_sets`` of several files read together (``(name, read_data_file(...))`` each), by
    name: first-time is each author's earliest record per repository over every file's records."""
    firsts = first_time_refs(rec for _, records in files for rec in records)
    return {name: records_sets(records, name, on_note, firsts) for name, records in files}


def records_sets(records: list[Record], name: str, on_note: Callable[[str], None],
                 firsts: set[str]) -> dict[str, list[Example]]:
    """The sets of one file's records; ``firsts``: ``first_time_refs`` of the records read with them."""
    sets: dict[str, list[Example]] = {"agent_vs_human": [], "low_effort": []}
    unread: list[dict] = []  # ai_agent rows the low-effort rule reads as neither rejected nor merged
    for rec in records:
        label, meta = rec.raw.get("label"), _meta(rec, "data")
        if meta["first_time"] is None:  # git_prs-style rows: earliest in the repository, where known
            meta["first_time"] = first_time.flag(rec, firsts)
        if label in ("ai_agent", "human"):
            sets["agent_vs_human"].append(Example(rec.snapshot, int(label == "ai_agent"), meta))
        y = _outcome_y(rec.raw) if label == "ai_agent" else None
        if y is not None:
            sets["low_effort"].append(Example(rec.snapshot, y, meta))
        elif label == "ai_agent":
            unread.append(rec.raw)
    report_other_labels(name, records, on_note)
    report_unread_outcomes(name, unread, len(sets["low_effort"]), on_note)
    report_repeats(name, records, on_note)
    return {kind: examples for kind, examples in sets.items() if examples}
