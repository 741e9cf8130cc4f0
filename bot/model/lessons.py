"""Copies made from training records, each teaching the model one lesson: file-blind copies (a PR
whose files are unknown), people's PRs re-laid under headings with their probes, followed by a
ticked checklist or by how they tested, and people's PRs given their first commit's body as the
description. A copy keeps its record's id after its kind (``bot.model.example.record_key``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from bot.model.commitbody import churn, copy_body
from bot.model.example import BODIED, FILE_BLIND, GIT_SOURCES, HEADED, PROBE, TESTED, TICKED, Example
from bot.model.features import texts_of
from bot.model.relaid import PROBES, eligible, layout_for, probe, relaid, tested, ticked
from bot.snapshot import PRSnapshot


def file_blind(snapshot: PRSnapshot) -> PRSnapshot:
    """The snapshot as a record without a file list would give it: no files, no counts."""
    return replace(snapshot, files=(), files_changed=None, additions=None, deletions=None)


def file_blind_copies(examples: list[Example], factor: float) -> Iterator[Example]:
    for ex in examples:
        if ex.source in GIT_SOURCES and ex.snapshot.has_file_info:
            yield Example(file_blind(ex.snapshot), ex.label, ex.weight, ex.group, f"{ex.source}{FILE_BLIND}",
                          f"{FILE_BLIND}:{ex.record_id}", ex.outcome, factor)


def eligible_humans(examples: list[Example]) -> Iterator[Example]:
    """The merged ``human`` git PRs with a description of their own: the records copies are made of."""
    return (ex for ex in examples if ex.source == "git_prs" and ex.label == 0 and ex.weight == 1.0
            and eligible(texts_of(ex.snapshot).body))


def headed_copies(examples: list[Example], factor: float, salt: str = "") -> Iterator[Example]:
    """Copies of the ``human`` PRs with a description of their own, re-laid under headings: one
    training copy (weight x ``factor``) and one scored-only copy per probe (``relaid.PROBES``)."""
    for ex in eligible_humans(examples):
        body = ex.snapshot.body or ""
        yield Example(replace(ex.snapshot, body=relaid(body, layout_for(ex.record_id, salt))), 0, ex.weight, ex.group,
                      f"{ex.source}{HEADED}", f"{HEADED}:{ex.record_id}", ex.outcome, factor)
        for name in PROBES:
            yield Example(replace(ex.snapshot, body=probe(name, body, ex.record_id)), 0, ex.weight, ex.group,
                          f"{ex.source}{PROBE}{name}", f"{PROBE}{name}:{ex.record_id}", ex.outcome, 0.0)


def ticked_copies(examples: list[Example], factor: float, salt: str = "",
                   under_headings: bool = False) -> Iterator[Example]:
    """Copies of the same ``human`` PRs as ``headed_copies``, their words (``under_headings``: their
    heading copy) followed by a ticked checklist (``relaid.ticked``), fitted at weight x ``factor``."""
    for ex in eligible_humans(examples):
        body = ex.snapshot.body or ""
        words = relaid(body, layout_for(ex.record_id, salt)) if under_headings else body
        yield Example(replace(ex.snapshot, body=ticked(words, ex.record_id, salt)), 0, ex.weight,
                      ex.group, f"{ex.source}{TICKED}", f"{TICKED}:{ex.record_id}", ex.outcome, factor)


def tested_copies(examples: list[Example], factor: float, salt: str = "",
                   under_headings: bool = False) -> Iterator[Example]:
    """Copies of the same ``human`` PRs as ``headed_copies``, their words (``under_headings``: their
    heading copy) followed by how the author tested (``relaid.tested``), fitted at weight x ``factor``."""
    for ex in eligible_humans(examples):
        body = ex.snapshot.body or ""
        words = relaid(body, layout_for(ex.record_id, salt)) if under_headings else body
        yield Example(replace(ex.snapshot, body=tested(words, ex.record_id, salt)), 0, ex.weight,
                      ex.group, f"{ex.source}{TESTED}", f"{TESTED}:{ex.record_id}", ex.outcome, factor)


def bodied_copies(examples: list[Example], factor: float, max_lines: int | None = None) -> Iterator[Example]:
    """Copies of the ``human`` git PRs without a description of their own (a squash list, none, a
    few words) whose first commit has a body: that body as the description, as GitHub fills a
    one-commit PR's (``bot.model.commitbody``), fitted at weight x ``factor`` (0: scored only);
    with ``max_lines``, only those of at most that many changed lines are fitted, the rest scored."""
    for ex in examples:
        if ex.source not in GIT_SOURCES or ex.label != 0 or ex.weight != 1.0 or eligible(texts_of(ex.snapshot).body):
            continue
        body = copy_body([c.message for c in ex.snapshot.commits])
        if body is not None:
            fitted = max_lines is None or churn(ex.snapshot) <= max_lines
            yield Example(replace(ex.snapshot, body=body), 0, ex.weight, ex.group, f"{ex.source}{BODIED}",
                          f"{BODIED}:{ex.record_id}", ex.outcome, factor if fitted else 0.0)
