"""The decision sequences' oracle: what a maintainer must see at the end of a scenario.

The clauses, and why each is restricted as it is, are in test_decision_sequences' docstring. The
oracle reads only what the App can know: the steps as they were made (``decision_sequences.Step``:
whether each was made and whether its delivery was handled) and what ``decision_sequences.observe``
saw at the end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .decision_specs import BANDS, EXEMPT, HIGH, MEDIUM

if TYPE_CHECKING:
    from .decision_sequences import Step

BAND_LABEL = {"high": HIGH, "medium": MEDIUM, "low": None}
CLEARING = {"ok", "btn_ok", "exempt", "add_exempt"}
CLEARANCES = {"ok", "btn_ok", "rm_band"}  # what ``/sieve ok cancel`` ends
OK_CANCELS, EXEMPT_CANCELS = {"ok_cancel", "btn_cancel"}, {"exempt_cancel", "rm_exempt"}
CLEARED_TITLES = ("Cleared", "Exempt")
FLAGGED_TITLES = {"Likely low effort": HIGH, "Needs a closer look": MEDIUM}


def oracle(steps: list[Step], spec: dict, seen: dict) -> tuple[set[str], list[tuple[str, str]]]:
    """The clauses (see test_decision_sequences' docstring for why each is restricted as it is)."""
    decisions = [s for s in steps if not s.skipped and s.kind != "push"]
    checked: set[str | None] = set()
    failures = _hand_label_clauses(decisions, seen, checked)
    failures += _cancel_clause(decisions, spec, seen, checked) + _clearance_clause(decisions, seen, checked)
    failures += _standing_clearance_clause(decisions, seen, checked)
    failures += _restored_label_clause(_restored_label(decisions, in_order=True), decisions, seen, checked)
    return checked - {None}, failures + consistency({**seen, "theirs": _restored_label(decisions)})


def _hand_label_clauses(decisions, seen, checked) -> list[tuple[str, str]]:
    """(1) a band label a person took off last stays off unless an ok cancel came after;
    (2) one a person put on last stays on unless a clearance came after. Lost deliveries count:
    the issue's label history shows the change."""
    failures = []
    for label in BANDS:
        last = next((d for d in reversed(decisions) if d.kind in ("rm_band", "add_band") and d.arg == label), None)
        later = {d.kind for d in decisions if last and d.index > last.index}
        clause = ("1" if not later & OK_CANCELS else None) if last and last.kind == "rm_band" else (
            "2" if last and not later & CLEARING else None)
        checked.add(clause)
        if clause and (label in _on(seen)) == (clause == "1"):
            removed = clause == "1"
            failures.append((f"{clause}-{'removed-label-back' if removed else 'added-label-gone'}",
                             f"{label} {'removed' if removed else 'added'} by a person at [{last.index}] "
                             f"({'handled' if last.handled else 'LOST'}) is {'on' if removed else 'off'}"))
    return failures


def _cancel_clause(decisions, spec, seen, checked) -> list[tuple[str, str]]:
    """(3) a handled cancel, the last decision, of only what it ends: labels follow the score."""
    if not decisions or not decisions[-1].handled:
        return []
    last, earlier = decisions[-1], {d.kind for d in decisions[:-1]}
    scope = ({"ok", "btn_ok", "rm_band"} | OK_CANCELS if last.kind in OK_CANCELS else
             {"exempt", "add_exempt"} | EXEMPT_CANCELS if last.kind in EXEMPT_CANCELS else None)
    if scope is None or not earlier <= scope:
        return []
    checked.add("3")
    want, on = BAND_LABEL[spec["final"]], _on(seen)
    if {b for b in BANDS if b in on} != ({want} if want else set()) or EXEMPT in on or _cleared(seen):
        return [("3-cancel-not-unreviewed", f"after [{last.index}] {last.describe()}: final band "
                 f"{spec['final']}, labels {sorted(on)}, check {seen['check']!r}")]
    return []


def _clearance_clause(decisions, seen, checked) -> list[tuple[str, str]]:
    """(5) a clearance handled last (or the exempt label, which shows itself) shows as cleared."""
    last = decisions[-1] if decisions else None
    if last is None or last.kind not in CLEARING or not (last.handled or last.kind == "add_exempt"):
        return []
    checked.add("5")
    if _bot_bands(seen) or not _cleared(seen):
        return [("5-clearance-not-shown", f"after [{last.index}] {last.describe()}: check "
                 f"{seen['check']!r}, the bot's band labels {_bot_bands(seen)}")]
    return []


def _standing_clearance_clause(decisions, seen, checked) -> list[tuple[str, str]]:
    """(6) an exempt cancel, the last decision made, after only clearances (ok, the ok button, a
    band label taken off) and exemptions (and their cancels), every one of them handled, in any
    order, leaves the clearance no one cancelled: the check says Cleared, no exempt label and no
    band label of the bot's."""
    if not decisions or decisions[-1].kind not in EXEMPT_CANCELS or not all(d.handled for d in decisions):
        return []
    kinds = {d.kind for d in decisions}
    if not kinds <= CLEARANCES | {"exempt", "add_exempt"} | EXEMPT_CANCELS or not kinds & CLEARANCES:
        return []
    checked.add("6")
    if _bot_bands(seen) or EXEMPT in _on(seen) or not seen["check"].startswith("Cleared"):
        last = decisions[-1]
        return [("6-clearance-lost", f"after [{last.index}] {last.describe()}: labels {sorted(_on(seen))}, "
                 f"check {seen['check']!r}")]
    return []


def _restored_label(decisions, in_order: bool = False) -> str | None:
    """The band label a person put on last, after which only exemptions and cancels were made (an
    ok cancel ends no person's band label), every one delivered, an exempt cancel last: the
    exemption was given over it, so the App may put it back when the exemption ends, as the
    person's. ``in_order``: its delivery was handled before every later one, so it does."""
    adds = [d for d in decisions if d.kind == "add_band"]
    if not adds or decisions[-1].kind not in EXEMPT_CANCELS:
        return None
    last, later = adds[-1], [d for d in decisions if d.index > adds[-1].index]
    if any(d.kind in ("rm_band", "add_band") and d.arg == last.arg for d in later) or not later:
        return None
    if not all(d.kind in {"exempt", "add_exempt"} | EXEMPT_CANCELS | OK_CANCELS and d.handled for d in later):
        return None
    first_later = min(at for d in later for at in d.handled_at)
    return last.arg if last.handled and (not in_order or last.handled_at[0] < first_later) else None


def _restored_label_clause(label, decisions, seen, checked) -> list[tuple[str, str]]:
    """(7) ``_restored_label``: that label is on, and the check says neither Cleared nor Exempt."""
    if label is None:
        return []
    checked.add("7")
    if label not in _on(seen) or _cleared(seen) or EXEMPT in _on(seen):
        return [("7-person-label-not-restored", f"after [{decisions[-1].index}] {decisions[-1].describe()}: "
                 f"{label} put on by a person, labels {sorted(_on(seen))}, check {seen['check']!r}")]
    return []


def consistency(seen: dict) -> list[tuple[str, str]]:
    """(4) the sticky's state, the check's title and the labels never contradict each other."""
    on, bot_bands, title, state = _on(seen), _bot_bands(seen), seen["check"], seen["sticky"]
    bands_on = [b for b in BANDS if b in on]
    flagged = next((band for prefix, band in FLAGGED_TITLES.items() if title.startswith(prefix)), None)
    contradictions = [
        ("4-cleared-with-bot-label", _cleared(seen) and bot_bands, f"check {title!r}, the bot's {bot_bands} on"),
        ("4-cleared-with-bot-label", state in ("overridden", "exempt") and bot_bands,
         f"sticky {state!r}, the bot's {bot_bands} on"),
        ("4-no-longer-flagged-with-label", state in ("cleared", "resolved") and bands_on,
         f"sticky {state!r} (no longer flagged) with {bands_on} on"),
        ("4-not-flagged-with-bot-label", title.startswith("Not flagged") and bot_bands,
         f"check {title!r}, the bot's {bot_bands} on"),
        ("4-sticky-vs-check", state in ("flagged", "labelled") and _cleared(seen), f"sticky {state!r}, check {title!r}"),
        ("4-sticky-vs-check", state in ("overridden", "exempt") and (flagged or title.startswith("Not flagged")),
         f"sticky {state!r}, check {title!r}"),
        ("4-sticky-vs-check", (state, title[:6]) in (("overridden", "Exempt"), ("exempt", "Cleare")),
         f"sticky {state!r}, check {title!r}"),
        ("4-labelled-without-label", state == "labelled" and not bands_on, f"sticky 'labelled', labels {sorted(on)}"),
        ("4-band-mismatch", flagged and bot_bands and bot_bands != [flagged], f"check {title!r}, the bot's {bot_bands} on"),
        ("4-exempt-label-not-shown", EXEMPT in on and title and not title.startswith("Exempt"),
         f"{EXEMPT} on, check {title!r}"),
        ("4-duplicate-sticky", seen["stickies"] > 1, f"{seen['stickies']} sticky comments"),
    ]
    return [(clause, what) for clause, broken, what in contradictions if broken]


def _on(seen: dict) -> set[str]:
    return {name.lower() for name in seen["labels"]}


def _cleared(seen: dict) -> bool:
    return seen["check"].startswith(CLEARED_TITLES)


def _bot_bands(seen: dict) -> list[str]:
    """Band labels on the PR whose last change was the bot putting them on (not a person's the
    bot put back when an exemption given over it ended: ``seen["theirs"]``)."""
    def by_bot(label: str) -> bool:
        if label == seen.get("theirs"):
            return False
        event, actor = seen["last_change"].get(label, ("", ""))
        return event == "labeled" and (actor.lower() == seen["bot"] or actor.lower().endswith("[bot]"))
    return [b for b in BANDS if b in _on(seen) and by_bot(b)]
