"""A training example (``Example``), the source suffixes that name its kind, and which examples
are copies made from a record (``bot.model.lessons``) rather than records of their own."""

from __future__ import annotations

from dataclasses import dataclass

from bot.snapshot import PRSnapshot

GIT_SOURCES = ("git_prs", "git_pull_refs")
FILE_BLIND = "_file_blind"  # source suffix of the file-blind copies
HEADED = "_headed"  # source suffix of the human copies re-laid under headings (bot.model.relaid)
PROBE = "_probe_"  # source suffix (+ a bot.model.relaid.PROBES key) of copies scored, never fitted
TICKED = "_ticked"  # source suffix of the human copies followed by a ticked checklist (relaid.ticked)
TESTED = "_tested_copy"  # source suffix (not "_tested": the probe "tested" ends so) of the human copies followed by how they were tested (relaid.tested)
BODIED = "_commit_body"  # source suffix of the human copies whose description is their first commit's body (bot.model.commitbody)
COPIES = (FILE_BLIND, HEADED, PROBE, TICKED, TESTED, BODIED)  # made from a record: never part of the vocabulary or the dataset id
LESSONS = (HEADED, TICKED, TESTED, BODIED)  # copies of people's PRs with a lesson of their own: outside the length balance


@dataclass(frozen=True)
class Example:
    snapshot: PRSnapshot
    label: int
    weight: float
    group: str  # repository: the unit of cross-validation
    source: str  # git_prs | git_pull_refs | aidev_agent | aidev_human_titles | *_title_only
    record_id: str
    outcome: str = ""
    factor: float = 1.0  # the fit weight is weight x factor (file-blind copies); weight keeps the record's own

    @property
    def fit_weight(self) -> float:
        return self.weight * self.factor


def is_copy(ex: Example) -> bool:
    return any(mark in ex.source for mark in COPIES)


def record_key(ex: Example) -> str:
    """The id of the record an example was made from: its own, or a copy's original's."""
    return ex.record_id.split(":", 1)[1] if is_copy(ex) else ex.record_id
