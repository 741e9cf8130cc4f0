"""A clearance written before an exemption but handled after it (a late or retried delivery) goes
under the exemption, as one handled first would have: it neither replaces the later exemption
nor is lost, so ending the exemption leaves it in force - unless a person ended that clearance
after writing it; and an exemption handled after a later exempt cancel does not come back over
the clearance in force. Played through the real handlers on the fake GitHub (``decision_sequences``):
actions are made every 10 virtual seconds, each delivery handled at the delays given."""

from __future__ import annotations

from . import decision_sequences as seq
from .decision_specs import EXEMPT, HIGH, MEDIUM
from .decision_specs import action as a
from .test_decision_sequences import spec, world  # noqa: F401  (world: fixture)

CLEARED = ("Cleared by a maintainer", "neutral", "overridden")  # the default conclusions: all neutral
EXEMPTED = ("Exempt by a maintainer", "neutral", "exempt")
FLAGGED = ("Likely low effort", "neutral", "flagged")


def play(world, *actions) -> tuple[seq.Outcome, object]:  # noqa: F811
    """Play the actions on a new PR; the outcome (oracle included) and the override in force."""
    outcome = seq.run(world, spec(*actions))
    assert not outcome.failures, outcome.explain()
    return outcome, world.state.get_override(seq.REPO, world.prs)


def shown(world, outcome: seq.Outcome) -> tuple[str, str, str]:  # noqa: F811
    """The check's title (its start) and conclusion, and the sticky's state."""
    [run] = world.fake.check_runs(seq.REPO, world.head(world.prs))[-1:]
    start = next((s for s in (CLEARED[0], EXEMPTED[0], FLAGGED[0]) if run["output"]["title"].startswith(s)),
                 run["output"]["title"])
    return start, run["conclusion"], outcome.observed["sticky"]


def test_a_late_ok_goes_under_the_later_exemption(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [15], actor="alice"), a("exempt", [1]))
    assert (in_force.kind, in_force.actor) == ("exempt", "maintainer")
    assert in_force.under is not None and (in_force.under.kind, in_force.under.actor) == ("ok", "alice")
    assert outcome.observed["labels"] == [EXEMPT] and shown(world, outcome) == EXEMPTED


def test_a_late_ok_stands_when_the_exemption_written_after_it_is_cancelled(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [15], actor="alice"), a("exempt", [1]), a("exempt_cancel", [1]))
    assert (in_force.kind, in_force.actor, in_force.under) == ("ok", "alice", None)
    assert outcome.observed["labels"] == [] and shown(world, outcome) == CLEARED


def test_a_late_ok_goes_under_the_exempt_label_put_on_after_it(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [15], actor="alice"), a("add_exempt", [1]))
    assert in_force.kind == "exempt" and in_force.under is not None and in_force.under.actor == "alice"
    assert outcome.observed["labels"] == [EXEMPT] and shown(world, outcome) == EXEMPTED


def test_a_late_ok_stands_when_the_exempt_label_put_on_after_it_comes_off(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [15], actor="alice"), a("add_exempt", [1]), a("rm_exempt", [1]))
    assert (in_force.kind, in_force.actor) == ("ok", "alice")
    assert outcome.observed["labels"] == [] and shown(world, outcome) == CLEARED


def test_a_late_band_label_removal_goes_under_the_later_exemption(world):  # noqa: F811
    outcome, in_force = play(world, a("rm_band", [15], HIGH, actor="alice"), a("exempt", [1]))
    assert in_force.kind == "exempt" and in_force.under is not None
    assert (in_force.under.kind, in_force.under.actor) == ("label_removed", "alice")
    assert outcome.observed["labels"] == [EXEMPT] and shown(world, outcome) == EXEMPTED


def test_a_late_band_label_removal_stands_when_the_later_exemption_ends(world):  # noqa: F811
    outcome, in_force = play(world, a("rm_band", [15], HIGH, actor="alice"), a("add_exempt", [1]),
                             a("rm_exempt", [1]))
    assert (in_force.kind, in_force.actor) == ("label_removed", "alice")
    assert outcome.observed["labels"] == [] and shown(world, outcome) == CLEARED


def test_a_late_ok_is_not_kept_when_it_was_cancelled_before_the_exemption(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [25]), a("ok_cancel", [1]), a("exempt", [1]), a("exempt_cancel", [1]))
    assert in_force is None
    assert outcome.observed["labels"] == [HIGH] and shown(world, outcome) == FLAGGED


def test_a_late_ok_is_not_kept_when_a_late_cancel_written_after_it_came_first(world):  # noqa: F811
    """ok, exempt, ok cancel: both late, the cancel handled first while nothing was under the
    exemption; it is kept as an ending, so the ok then handled stays cancelled."""
    outcome, in_force = play(world, a("ok", [35]), a("exempt", [1]), a("ok_cancel", [12]), a("push", [1], "high"),
                             a("exempt_cancel", [1]))
    assert in_force is None
    assert outcome.observed["labels"] == [HIGH] and shown(world, outcome) == FLAGGED


def test_a_late_ok_is_not_kept_when_its_late_cancel_was_written_before_the_exemption(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [35]), a("ok_cancel", [22]), a("exempt", [1]), a("push", [1], "high"),
                             a("exempt_cancel", [1]))
    assert in_force is None
    assert outcome.observed["labels"] == [HIGH] and shown(world, outcome) == FLAGGED


def test_of_two_clearances_under_an_exemption_the_later_is_kept(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [1], actor="alice"), a("ok", [25]), a("exempt", [1]),
                             a("push", [1], "high"), a("exempt_cancel", [1]))
    assert (in_force.kind, in_force.actor) == ("ok", "maintainer")
    assert outcome.observed["labels"] == [] and shown(world, outcome) == CLEARED


def test_an_earlier_late_clearance_does_not_replace_the_one_under_the_exemption(world):  # noqa: F811
    outcome, in_force = play(world, a("ok", [35]), a("ok", [1], actor="alice"), a("exempt", [1]),
                             a("push", [1], "high"), a("exempt_cancel", [1]))
    assert (in_force.kind, in_force.actor) == ("ok", "alice")
    assert outcome.observed["labels"] == [] and shown(world, outcome) == CLEARED


def test_a_late_ok_under_the_exemption_does_not_put_back_its_label_a_person_took_off(world):  # noqa: F811
    """ok, exempt, the exempt label off: the ok is handled after the exemption and before the
    label's removal: the exemption was not made by it, so its label does not go on again."""
    outcome, in_force = play(world, a("ok", [35], actor="alice"), a("exempt", [1]), a("rm_exempt", [20]))
    assert (in_force.kind, in_force.actor) == ("ok", "alice")
    assert outcome.observed["labels"] == [] and shown(world, outcome) == CLEARED


def test_a_late_exemption_does_not_come_back_over_a_clearance_after_its_cancel(world):  # noqa: F811
    """The mirror case: ok, exempt (handled late), exempt cancel (handled first, the ok in force):
    the cancel is kept as an ending, so the exemption handled after it is overtaken."""
    outcome, in_force = play(world, a("ok", [1], actor="alice"), a("exempt", [25]), a("exempt_cancel", [1]))
    assert (in_force.kind, in_force.actor, in_force.under) == ("ok", "alice", None)
    assert outcome.observed["labels"] == [] and shown(world, outcome) == CLEARED


def test_a_persons_band_label_stands_again_when_the_exemption_given_over_it_ends(world):  # noqa: F811
    """HIGH off (a clearance), alice's MEDIUM on (replacing it), exempt (the App takes MEDIUM off),
    exempt cancel: alice's label, the decision the exemption was given over, is in force and on
    again; the earlier removal it replaced is not adopted from the history."""
    outcome, in_force = play(world, a("rm_band", [1], HIGH), a("add_band", [1], MEDIUM, actor="alice"),
                             a("exempt", [1]), a("exempt_cancel", [1]))
    assert (in_force.kind, in_force.actor, in_force.under) == ("label_added", "alice", None)
    assert outcome.observed["labels"] == [MEDIUM] and shown(world, outcome) == FLAGGED
    assert "7" in outcome.checked


def test_a_persons_band_label_stands_again_after_a_late_exempt_label_removal(world):  # noqa: F811
    """The same with the exempt label, its removal handled late (after a push): put back then."""
    outcome, in_force = play(world, a("rm_band", [1], HIGH), a("add_band", [1], MEDIUM, actor="alice"),
                             a("add_exempt", [1]), a("rm_exempt", [25]), a("push", [1], "high"))
    assert (in_force.kind, in_force.actor, in_force.under) == ("label_added", "alice", None)
    assert outcome.observed["labels"] == [MEDIUM] and shown(world, outcome) == FLAGGED
