"""Random sequences of maintainer decisions, driven through the real handlers, checked by an oracle.

This module plays a scenario (a spec, see ``decision_specs``) on a new PR: it makes each action on
the fake GitHub at its virtual second, handles each webhook delivery at the delays of its fates,
observes what a maintainer would see at the end and asks ``decision_oracle`` what is wrong with it.

Each step goes through ``bot.app.dispatch.handle``, the PyGithub adapter and
``bot.fakegithub.FakeGitHub``. GitHub's own timestamps (comments, label events) follow the
world's virtual clock, which the caller installs over ``bot.fakegithub.shapes.now_iso``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.app import dispatch
from bot.app.actions import STATE_MARKER, STICKY_MARKER
from bot.app.context import HandlerContext

from .conftest import live_port, result_for
from .decision_oracle import oracle
from .decision_specs import ACTORS, BUTTONS, COMMANDS, LABELLING, STEP, simpler
from .fakes import MemoryState

REPO = "octo-org/widgets"
STICKY_STATES = ("flagged", "advisory", "overridden", "exempt", "labelled", "cleared", "resolved")
PR = {"title": "Improve docs", "body": "Added unit tests.", "user": "drive-by", "author_association": "NONE"}
PR_FILE = {"filename": "README.md", "additions": 3, "deletions": 1, "patch": "@@ -1 +1 @@"}


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
    handled_at: list[datetime] = field(default_factory=list)  # when each delivery was handled

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
            step.handled_at.append(at)
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


def shrink(world: World, spec: dict, clause: str, budget: int = 150) -> dict:
    """Greedily simplify ``spec`` while ``clause`` still fails: drop actions, drop retries, deliver
    lost deliveries at once, make the actor ``maintainer``, score ``high`` (``decision_specs.simpler``)."""
    best, tries, changed = copy.deepcopy(spec), 0, True
    while changed and tries < budget:
        changed = False
        for candidate in simpler(best):
            tries += 1
            if clause in run(world, candidate).clauses():
                best, changed = candidate, True
                break
    return best
