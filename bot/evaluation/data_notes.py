"""What a ``sieve eval --data`` record names (its repository, its PR) and the notes on the records
a file's sets leave out or count twice: one line each, named by the file, so a file labelled or
exported another way does not silently shrink to nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from bot.loaders.records import Record


def repo_of(raw: dict, pull: dict) -> str:
    """A record's ``repo``, or a GitHub pull's ``base.repo.full_name``."""
    if isinstance(raw.get("repo"), str):
        return raw["repo"]
    base = pull.get("base") if isinstance(pull.get("base"), dict) else {}
    repo = base.get("repo") if isinstance(base.get("repo"), dict) else {}
    return repo["full_name"] if isinstance(repo.get("full_name"), str) else ""


def report_other_labels(name: str, records: list[Record], on_note: Callable[[str], None]) -> None:
    """One line for the records no set counts (a label other than ``ai_agent``/``human``, or none),
    so a file labelled another way does not silently shrink to nothing."""
    other = Counter(_label_name(r.raw.get("label")) for r in records
                    if r.raw.get("label") not in ("ai_agent", "human"))
    if other:
        counts = ", ".join(f"{label} x{n}" for label, n in sorted(other.items()))
        n = sum(other.values())
        what = "1 record is" if n == 1 else f"{n} records are"
        on_note(f"{name}: {what} not compared: labels other than 'ai_agent' and 'human' ({counts})")


def _label_name(label) -> str:
    """A label as the note names it: quoted, or ``no label`` for a missing or ``null`` one (``'None'``
    would read as a label string)."""
    return "no label" if label is None else repr(str(label))


def _pr_keys(raw: dict) -> list[tuple]:
    """What names a record's PR: its ``id`` (a bundle's pull ``id``) and ``repo#number``, where given."""
    pull = raw["pull"] if isinstance(raw.get("pull"), dict) else raw
    keys: list[tuple] = []
    ident = raw.get("id") if raw.get("id") is not None else pull.get("id")
    if isinstance(ident, (str, int)) and not isinstance(ident, bool) and ident != "":
        keys.append(("id", ident))
    repo, number = repo_of(raw, pull), pull.get("number", raw.get("number"))
    if isinstance(number, str) and number.strip().isdigit():
        number = int(number)
    if repo and isinstance(number, int) and not isinstance(number, bool):
        keys.append(("pr", repo.lower(), number))
    return keys


def report_repeats(name: str, records: list[Record], on_note: Callable[[str], None]) -> None:
    """One line for the compared records that repeat an earlier one's ``id`` or ``repo#number`` (two
    exports concatenated): they are still counted, so the note says the figures weigh them twice."""
    seen: set[tuple] = set()
    repeats = 0
    for rec in records:
        if rec.raw.get("label") not in ("ai_agent", "human"):
            continue
        keys = _pr_keys(rec.raw)
        repeats += any(key in seen for key in keys)
        seen.update(keys)
    if repeats:
        what = "1 record repeats" if repeats == 1 else f"{repeats} records repeat"
        on_note(f"{name}: {what} an earlier record's id or repo#number; "
                "each is counted again in the figures (remove repeats to count each PR once)")


def report_unread_outcomes(name: str, unread: list[dict], n_read: int, on_note: Callable[[str], None]) -> None:
    """One line for the ``ai_agent`` rows left out of the low-effort set because the rule (the
    protocol's E3) reads their outcome as neither rejected nor merged: GitHub's ``closed``, an
    ``open`` PR, ``not_merged`` that may still be open. Only for a file that has a low-effort set or
    an outcome on some agent row: a file without outcomes has no such set to shrink."""
    if not unread or not (n_read or any(raw.get("outcome") is not None for raw in unread)):
        return
    left = Counter(_outcome_name(raw.get("outcome")) for raw in unread)
    counts = ", ".join(f"{outcome} x{n}" for outcome, n in sorted(left.items()))
    n = sum(left.values())
    what = "1 ai_agent record is" if n == 1 else f"{n} ai_agent records are"
    on_note(f"{name}: {what} not in the low-effort set: outcomes it reads as neither rejected "
            f"(closed_unmerged; not_merged with likely_open false) nor merged (merged, merged_squash) ({counts})")


def _outcome_name(outcome) -> str:
    """An outcome as the note names it, as ``_label_name`` names a label."""
    if outcome == "not_merged":
        return "'not_merged' without likely_open false"
    return "no outcome" if outcome is None else repr(str(outcome))
