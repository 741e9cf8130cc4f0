"""Random sequences of maintainer decisions, driven through the real handlers, checked by an oracle.

A scenario ("spec", plain JSON-able data so it can be shrunk, printed and pinned) is: a PR opened
and scored ``open``; a list of actions - band and exempt labels put on or taken off, ``/sieve``
commands, the check's buttons, the author's pushes - by two people with write access; and a final
push scoring ``final`` handled after everything else. Every action is made on the fake GitHub at
once, 10 virtual seconds after the one before (more than the App's 5 s clock slack, so their order
is never ambiguous); its webhook delivery is handled at the delays in its ``fates``: ``[]`` lost
(GitHub never redelivers), one delay handled once, two delays handled twice (a retry keeps
``received_at``). Deliveries are therefore handled late and out of order, as on a busy install.

Each step goes through ``bot.app.dispatch.handle``, the PyGithub adapter and
``bot.fakegithub.FakeGitHub``. GitHub's own timestamps (comments, label events) follow the
world's virtual clock, which the caller installs over ``bot.fakegithub.shapes.now_iso``.
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.app import dispatch
from bot.app.actions import STATE_MARKER, STICKY_MARKER
from bot.app.context import HandlerContext

from .conftest import live_port, result_for
from .fakes import MemoryState

REPO = "octo-org/widgets"
HIGH, MEDIUM, EXEMPT = "sieve/likely-low-effort", "sieve/needs-review", "sieve/exempt"
BANDS = (HIGH, MEDIUM)
BAND_LABEL = {"high": HIGH, "medium": MEDIUM, "low": None}
ACTORS = ("maintainer", "alice")
STEP = 10  # virtual seconds between two actions
COMMANDS = {"ok": "/sieve ok", "exempt": "/sieve exempt", "ok_cancel": "/sieve ok cancel",
            "exempt_cancel": "/sieve exempt cancel"}
BUTTONS = {"btn_ok": "sieve-ok", "btn_cancel": "sieve-ok-cancel"}
LABELLING = {"rm_band": (None, False), "add_band": (None, True), "rm_exempt": (EXEMPT, False),
             "add_exempt": (EXEMPT, True)}  # kind -> (label, or the action's own band label; added)
KINDS = ("rm_band", "rm_band", "add_band", "add_exempt", "rm_exempt", "ok", "exempt", "ok_cancel",
         "ok_cancel", "exempt_cancel", "btn_ok", "btn_cancel", "push", "push")
CLEARING = {"ok", "btn_ok", "exempt", "add_exempt"}
OK_CANCELS, EXEMPT_CANCELS = {"ok_cancel", "btn_cancel"}, {"exempt_cancel", "rm_exempt"}
STICKY_STATES = ("flagged", "advisory", "overridden", "exempt", "labelled", "cleared", "resolved")
CLEARED_TITLES = ("Cleared", "Exempt")
FLAGGED_TITLES = {"Likely low effort": HIGH, "Needs a closer look": MEDIUM}
PR = {"title": "Improve docs", "body": "Added unit tests.", "user": "drive-by", "author_association": "NONE"}
PR_FILE = {"filename": "README.md", "additions": 3, "deletions": 1, "patch": "@@ -1 +1 @@"}


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


@dataclass
class Step:
    """One action as it was made: its delivery, or why it could not be made (``skipped``)."""
    index: int
    kind: str
    actor: str
    arg: str | None
    at: datetime
    event: str = ""
    payload: dict | None = None
    skipped: str = ""
    outcomes: list[str] = field(default_factory=list)

    @property
    def handled(self) -> bool:
        return bool(self.outcomes)

    def describe(self) -> str:
        label, add = LABELLING.get(self.kind, (None, False))
        return (f"the author pushes (band {self.arg})" if self.kind == "push" else f"{self.actor} " + (
            f"{'adds' if add else 'removes'} label {label or self.arg}" if self.kind in LABELLING else
            f"comments {COMMANDS[self.kind]!r}" if self.kind in COMMANDS else f"presses {BUTTONS[self.kind]!r}"))


@dataclass
class Outcome:
    spec: dict
    log: list[str]
    observed: dict
    checked: set[str]  # the oracle's clauses that applied to this scenario
    failures: list[tuple[str, str]]  # (clause, what was seen)

    def clauses(self) -> set[str]:
        return {clause for clause, _ in self.failures}

    def explain(self) -> str:
        return "\n".join([f"spec: {json.dumps(self.spec)}", "timeline (virtual seconds after opening):",
                          *("  " + line for line in self.log), f"observed: {json.dumps(self.observed)}",
                          *(f"VIOLATION {clause}: {seen}" for clause, seen in self.failures)])


class World:
    """A running fake GitHub, a state store and the tests' scorer; every scenario gets a new PR."""

    def __init__(self, fake, scorer, state=None) -> None:
        self.fake, self.scorer, self.now = fake, scorer, datetime(2030, 1, 1, tzinfo=UTC)
        self.state = state if state is not None else MemoryState()
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", "exempt: {associations: []}\n")
        for who in ACTORS:
            fake.set_permission(REPO, who, "write")
        self.port = live_port(fake)
        self.prs = 0

    def new_pr(self) -> int:
        self.fake.clear_log()  # the request log is not read and would grow without end
        self.scorer.calls.clear()
        self.prs += 1
        self.now = datetime(2030, 1, 1, tzinfo=UTC) + timedelta(hours=self.prs)
        self.fake.add_pull(REPO, self.prs, {**PR, "head_sha": _sha(self.prs, 0), "head_ref": f"feature-{self.prs}"},
                           files=[PR_FILE], commits=["Update README.md"])
        return self.prs

    def iso(self) -> str:
        """The virtual clock, as GitHub's timestamps read it (``shapes.now_iso``)."""
        return self.now.strftime("%Y-%m-%dT%H:%M:%SZ")

    def handle(self, event: str, payload: dict, received: datetime) -> str:
        ctx = HandlerContext(github=self.port, state=self.state, delivery_id="d",
                             installation_id=self.fake.installation_id,
                             now=lambda: self.now, received_at=received)
        try:
            return dispatch.handle(event, copy.deepcopy(payload), ctx)
        except Exception as exc:  # noqa: BLE001 - a handler crash is a violation of its own
            return f"CRASH {type(exc).__name__}: {exc}"

    def head(self, number: int) -> str:
        with self.fake.state.lock:
            return self.fake.state.repo(REPO).pulls[number].fields["head_sha"]

    def push(self, number: int, pushes: int, band: str) -> None:
        with self.fake.state.lock:
            self.fake.state.repo(REPO).pulls[number].fields["head_sha"] = _sha(number, pushes)
        self.scorer.result = result_for(band)


def _sha(number: int, push: int) -> str:
    return f"{number:08x}{push:04x}".ljust(40, "a")


def run(world: World, spec: dict) -> Outcome:
    """Make ``spec``'s actions on a new PR, handle their deliveries, then check the oracle."""
    number = world.new_pr()
    opened, log = world.now, []
    world.scorer.result = result_for(spec["open"])
    out = world.handle("pull_request", world.fake.pull_request_event(REPO, number, "opened"), opened)
    log.append(f"+0s    opened, scored {spec['open']}: {out}")
    steps = [Step(i, a["kind"], a["actor"], a["arg"], opened + timedelta(seconds=STEP * (i + 1)))
             for i, a in enumerate(spec["actions"])]
    moments = sorted([(s.at, 0, s.index, 0) for s in steps]
                     + [(s.at + timedelta(seconds=d), 1, s.index, n)
                        for s, a in zip(steps, spec["actions"]) for n, d in enumerate(a["fates"])])
    pushes = 0
    for at, handling, index, attempt in moments:
        world.now, step = at, steps[index]
        when = f"+{int((at - opened).total_seconds())}s".ljust(7)
        if not handling:
            pushes += step.kind == "push"
            step.skipped = _act(world, number, step, pushes)
            log.append(f"{when}[{index}] {step.describe()}" + (f" (not made: {step.skipped})" if step.skipped else ""))
        elif not step.skipped:
            step.outcomes.append(world.handle(step.event, step.payload, step.at))
            log.append(f"{when}   {'retry' if attempt else 'delivery'} of [{index}]: {step.outcomes[-1]}")
    world.now = end = opened + timedelta(seconds=STEP * (len(steps) + 1) + 200)
    world.push(number, pushes + 1, spec["final"])
    out = world.handle("pull_request", world.fake.pull_request_event(REPO, number, "synchronize"), end)
    log.append(f"+{int((end - opened).total_seconds())}s  final push (band {spec['final']}): {out}")
    observed = observe(world, number)
    checked, failures = oracle(steps, spec, observed)
    failures += [("crash", f"[{s.index}] {o}") for s in steps for o in s.outcomes if o.startswith("CRASH")]
    return Outcome(spec, log, observed, checked, failures)


def _act(world: World, number: int, step: Step, pushes: int) -> str:
    """Make the action on GitHub and build its payload; returns why it could not be made, or ''."""
    fake = world.fake
    if step.kind in LABELLING:
        label, add = LABELLING[step.kind]
        label = label or step.arg
        if any(n.lower() == label.lower() for n in fake.issue_labels(REPO, number)) == add:
            return f"the label is already {'on' if add else 'off'}"
        fake.change_label(REPO, number, label, step.actor, add=add)
        step.event, step.payload = "pull_request", fake.pull_request_event(
            REPO, number, "labeled" if add else "unlabeled", sender=step.actor, label={"name": label})
    elif step.kind in COMMANDS:
        step.event, step.payload = "issue_comment", fake.issue_comment_event(
            REPO, number, COMMANDS[step.kind], step.actor, association="MEMBER")
    elif step.kind in BUTTONS:
        runs = fake.check_run_actions(REPO, world.head(number))
        shown = [button.get("identifier") for button in runs[-1]] if runs else []
        if BUTTONS[step.kind] not in shown:
            return f"the check shows no such button (shows {shown})"
        step.event, step.payload = "check_run", fake.check_run_action_event(REPO, number, BUTTONS[step.kind], step.actor)
    else:  # push
        world.push(number, pushes, step.arg)
        step.event, step.payload = "pull_request", fake.pull_request_event(REPO, number, "synchronize")
    return ""


def observe(world: World, number: int) -> dict:
    """What a maintainer sees at the end: labels, who changed each last, the sticky, the check."""
    fake = world.fake
    with fake.state.lock:
        history = list(fake.state.repo(REPO).label_events.get(number, []))
    bot = fake.bot_login.lower()
    stickies = [c["body"] for c in fake.comments(REPO, number)
                if c["login"].lower() == bot and c["body"].lstrip().startswith(STICKY_MARKER)]
    runs = fake.check_runs(REPO, world.head(number))
    return {"labels": fake.issue_labels(REPO, number),
            "last_change": {name.lower(): [event, actor] for event, name, actor, _ in history},
            "sticky": next((s for s in STICKY_STATES if stickies and STATE_MARKER.format(state=s) in stickies[0]), None),
            "stickies": len(stickies), "check": runs[-1]["output"]["title"] if runs else "", "bot": bot}


def oracle(steps: list[Step], spec: dict, seen: dict) -> tuple[set[str], list[tuple[str, str]]]:
    """The clauses (see test_decision_sequences' docstring for why each is restricted as it is)."""
    decisions = [s for s in steps if not s.skipped and s.kind != "push"]
    checked: set[str | None] = set()
    failures = _hand_label_clauses(decisions, seen, checked)
    failures += _cancel_clause(decisions, spec, seen, checked) + _clearance_clause(decisions, seen, checked)
    return checked - {None}, failures + consistency(seen)


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
    """Band labels on the PR whose last change was the bot putting them on."""
    def by_bot(label: str) -> bool:
        event, actor = seen["last_change"].get(label, ("", ""))
        return event == "labeled" and (actor.lower() == seen["bot"] or actor.lower().endswith("[bot]"))
    return [b for b in BANDS if b in _on(seen) and by_bot(b)]


def shrink(world: World, spec: dict, clause: str, budget: int = 150) -> dict:
    """Greedily simplify ``spec`` while ``clause`` still fails: drop actions, drop retries, deliver
    lost deliveries at once, make the actor ``maintainer``, score ``high``."""
    best, tries, changed = copy.deepcopy(spec), 0, True
    while changed and tries < budget:
        changed = False
        for candidate in _simpler(best):
            tries += 1
            if clause in run(world, candidate).clauses():
                best, changed = candidate, True
                break
    return best


def _simpler(spec: dict):
    """One-change simplifications of ``spec``, the biggest first."""
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
