"""The decision-sequence scenarios: their vocabulary, the random generator and the shrinker's steps.

A scenario ("spec", plain JSON-able data so it can be shrunk, printed and pinned) is: a PR opened
and scored ``open``; a list of actions - band and exempt labels put on or taken off, ``/sieve``
commands, the check's buttons, the author's pushes - by two people with write access; and a final
push scoring ``final`` handled after everything else. Every action is made on the fake GitHub at
once, ``STEP`` virtual seconds after the one before (more than the App's 5 s clock slack, so their
order is never ambiguous); its webhook delivery is handled at the delays in its ``fates``: ``[]``
lost (GitHub never redelivers), one delay handled once, two delays handled twice (a retry keeps
``received_at``). Deliveries are therefore handled late and out of order, as on a busy install.

``decision_sequences`` plays a spec through the real handlers; ``decision_oracle`` judges the end.
"""

from __future__ import annotations

import copy
import random

HIGH, MEDIUM, EXEMPT = "sieve/likely-low-effort", "sieve/needs-review", "sieve/exempt"
BANDS = (HIGH, MEDIUM)
ACTORS = ("maintainer", "alice")
STEP = 10  # virtual seconds between two actions
COMMANDS = {"ok": "/sieve ok", "exempt": "/sieve exempt", "ok_cancel": "/sieve ok cancel",
            "exempt_cancel": "/sieve exempt cancel"}
BUTTONS = {"btn_ok": "sieve-ok", "btn_cancel": "sieve-ok-cancel"}
LABELLING = {"rm_band": (None, False), "add_band": (None, True), "rm_exempt": (EXEMPT, False),
             "add_exempt": (EXEMPT, True)}  # kind -> (label, or the action's own band label; added)
KINDS = ("rm_band", "rm_band", "add_band", "add_exempt", "rm_exempt", "ok", "exempt", "ok_cancel",
         "ok_cancel", "exempt_cancel", "btn_ok", "btn_cancel", "push", "push")


def action(kind: str, fates: list[int], arg: str | None = None, actor: str = "maintainer") -> dict:
    return {"kind": kind, "actor": actor, "arg": arg, "fates": fates}


def generate(rng: random.Random) -> dict:
    """One to six random actions; 15 % of deliveries lost, 20 % retried, delays 1-99 s."""
    actions = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(KINDS)
        arg = rng.choice(BANDS) if kind in ("rm_band", "add_band") else (
            rng.choice(("low", "medium", "high")) if kind == "push" else None)
        roll, first = rng.random(), _delay(rng)
        fates = [] if roll < 0.15 else [first] if roll < 0.8 else [first, first + _delay(rng)]
        actions.append(action(kind, fates, arg, rng.choice(ACTORS)))
    return {"open": rng.choice(("medium", "high", "high")), "actions": actions,
            "final": rng.choice(("low", "medium", "high"))}


def _delay(rng: random.Random) -> int:
    """Mostly within seconds, sometimes minutes late; never on the second of an action."""
    delay = rng.choice((1, 2, 3, 4, 6, 7, 8, 9)) if rng.random() < 0.6 else rng.randint(11, 99)
    return delay + 1 if delay % STEP == 0 else delay


def simpler(spec: dict):
    """One-change simplifications of ``spec``, the biggest first: drop an action, drop a retry,
    deliver a lost delivery at once, make the actor ``maintainer``, score ``high``."""
    def changed(edit):
        candidate = copy.deepcopy(spec)
        edit(candidate)
        return candidate
    actions = spec["actions"]
    for i in reversed(range(len(actions))):
        yield changed(lambda c, i=i: c["actions"].pop(i))
    for i, a in enumerate(actions):
        fates = a["fates"]
        options = ([[fates[0]], [fates[1]]] if len(fates) == 2 else []) + ([[1]] if fates != [1] else [])
        for option in options:
            yield changed(lambda c, i=i, option=option: c["actions"][i].update(fates=option))
        if a["kind"] != "push" and a["actor"] != "maintainer":
            yield changed(lambda c, i=i: c["actions"][i].update(actor="maintainer"))
    for key in ("open", "final"):
        if spec[key] != "high":
            yield changed(lambda c, key=key: c.update({key: "high"}))
