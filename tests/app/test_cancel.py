"""`/sieve ok cancel` and `/sieve exempt cancel`: a maintainer's decision can be undone, as Prow's
`/hold cancel` undoes `/hold`."""

from __future__ import annotations

from datetime import timedelta

from bot.app import commands, dispatch
from bot.app.actions import STICKY_MARKER

from .conftest import FIXED_NOW, result_for
from .test_handlers import EXEMPT, HIGH, MEDIUM, REPO, SHA, comment_event, opened, pr, unlabeled  # noqa: F401  (pr: fixture)


def test_cancel_is_parsed_only_after_ok_and_exempt():
    assert commands.parse("/sieve ok cancel\n/sieve exempt CANCEL ") == [
        commands.Command("ok", "/sieve ok cancel", cancel=True),
        commands.Command("exempt", "/sieve exempt CANCEL", cancel=True)]
    assert [(c.name, c.cancel) for c in commands.parse("/sieve rescore cancel\n/sieve ok cancelled")] == [
        ("rescore", False), ("unknown", False)]  # not a plain ok: test_cancel_written_exactly
    both = commands.parse("/sieve ok\n/sieve ok cancel")
    assert [(c.name, c.cancel) for c in both] == [("ok", False), ("ok", True)]


def counted(name: str, kind: str) -> float:
    from bot.obs.metrics import REGISTRY
    return REGISTRY.get_sample_value(name, {"kind": kind}) or 0.0


def test_ok_cancel_brings_the_label_back_and_later_pushes_label_again(ctx, gh, state, pr, scorer, payload):
    made, ended = counted("sieve_overrides_total", "ok"), counted("sieve_overrides_ended_total", "ok")
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    assert gh.labels[(REPO, 2)] == [] and "/sieve ok cancel" in gh.bot_comments(REPO, 2)[-1].body
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    reply = gh.bot_comments(REPO, 2)[-1].body
    assert reply.startswith("Done: the clearance by ` maintainer ` is cancelled") and "band **high**" in reply
    assert (counted("sieve_overrides_total", "ok"), counted("sieve_overrides_ended_total", "ok")) == (made + 1, ended + 1)
    scorer.result = result_for("low")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == []  # scored as any other PR again


def test_a_removed_band_label_is_cancelled_by_ok_cancel(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.labels[(REPO, 2)] = []  # a maintainer took the label off
    dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx)
    assert state.overrides[(REPO, 2)].kind == "label_removed"
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]


def test_exempt_cancel_takes_the_exempt_label_off_and_scores_again(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    assert gh.labels[(REPO, 2)] == [EXEMPT]
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    assert "exemption by ` maintainer ` is cancelled" in gh.bot_comments(REPO, 2)[-1].body


def test_nothing_to_cancel_says_so_and_changes_nothing(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel"), ctx)  # an exemption is not an ok
    assert state.overrides[(REPO, 2)].kind == "exempt" and gh.labels[(REPO, 2)] == [EXEMPT]
    assert gh.bot_comments(REPO, 2)[-1].body.startswith("Nothing to cancel: no ` /sieve ok ` is in force on this PR now")


def test_cancel_needs_write_access(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel", login="Codertocat"), ctx)
    assert state.overrides[(REPO, 2)].kind == "ok" and gh.labels[(REPO, 2)] == []
    assert "write access" in gh.bot_comments(REPO, 2)[-1].body


def written_ago(event: dict, minutes: int) -> dict:
    """The comment was written ``minutes`` ago: its delivery is late (a retry, a queue)."""
    at = FIXED_NOW - timedelta(minutes=minutes)
    event["comment"]["created_at"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return event


def test_a_late_ok_does_not_undo_a_label_a_person_put_back_after_it(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    late_ok = written_ago(comment_event(payload, "/sieve ok"), 10)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)  # the label is off (the ok's first attempt) ...
    gh.human_label(REPO, 2, HIGH, "maintainer", add=True)  # ... and a person has put it back since
    labeled = unlabeled(payload, HIGH)
    labeled["action"] = "labeled"
    dispatch.handle("pull_request", labeled, ctx)
    assert state.overrides[(REPO, 2)].kind == "label_added"
    before = len(gh.bot_comments(REPO, 2))
    assert dispatch.handle("issue_comment", late_ok, ctx) == "commands: ok (overtaken)"
    assert gh.labels[(REPO, 2)] == [HIGH] and state.overrides[(REPO, 2)].kind == "label_added"
    assert len(gh.bot_comments(REPO, 2)) == before  # no reply: above all, no "you lack write access"


def test_a_late_cancel_does_not_end_a_later_decision(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    late_cancel = written_ago(comment_event(payload, "/sieve ok cancel"), 10)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)  # written after it
    assert dispatch.handle("issue_comment", late_cancel, ctx) == "commands: ok (overtaken)"
    assert state.overrides[(REPO, 2)].kind == "ok" and gh.labels[(REPO, 2)] == []


def test_a_retried_ok_still_acts_on_the_decision_its_own_first_attempt_made(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    event = written_ago(comment_event(payload, "/sieve ok"), 10)
    assert dispatch.handle("issue_comment", event, ctx) == "commands: ok"
    assert dispatch.handle("issue_comment", event, ctx) == "commands: ok"  # the same comment, retried
    assert state.overrides[(REPO, 2)].detail == f"comment {event['comment']['id']}" and gh.labels[(REPO, 2)] == []


def test_both_cancels_in_one_comment_get_a_reply_each(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    before = len(gh.bot_comments(REPO, 2))
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel\n/sieve exempt cancel"), ctx)
    replies = [c.body for c in gh.bot_comments(REPO, 2)[before:]]
    assert len(replies) == 2
    assert replies[0].startswith("Nothing to cancel: no ` /sieve ok `") and "exemption by ` maintainer `" in replies[1]


def sticky_state(gh) -> str:
    [sticky] = [c for c in gh.bot_comments(REPO, 2) if c.body.startswith(STICKY_MARKER)]
    return next(line for line in sticky.body.splitlines() if "pr-sieve:state:" in line)


def test_exempt_cancel_after_ok_leaves_the_earlier_clearance_in_force(ctx, gh, state, pr, scorer, payload):
    """ok -> exempt -> exempt cancel: the exemption was given over a clearance no one cancelled;
    ending it must not review the PR again as if the clearance had never been given."""
    dispatch.handle("pull_request", opened(payload), ctx)
    ok = comment_event(payload, "/sieve ok", login="alice")
    gh.permissions[(REPO, "alice")] = "write"
    dispatch.handle("issue_comment", ok, ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    assert state.get_override(REPO, 2).kind == "exempt" and gh.labels[(REPO, 2)] == [EXEMPT]
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel"), ctx)
    in_force = state.get_override(REPO, 2)
    assert (in_force.kind, in_force.actor, in_force.detail) == ("ok", "alice", f"comment {ok['comment']['id']}")
    assert gh.labels[(REPO, 2)] == []  # no band label back, the exempt label off
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.title.startswith("Cleared by a maintainer") and check.conclusion == "neutral"
    assert sticky_state(gh) == "<!-- pr-sieve:state:overridden -->"
    reply = gh.bot_comments(REPO, 2)[-1].body
    assert reply.startswith("Done: the exemption by ` maintainer ` is cancelled; the clearance by ` alice ` "
                            "still stands") and "/sieve ok cancel" in reply
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == []  # later pushes still respect the clearance


def test_taking_the_exempt_label_off_after_ok_leaves_the_clearance_in_force(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    labeled = unlabeled(payload, EXEMPT)
    labeled["action"] = "labeled"
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=True)
    dispatch.handle("pull_request", labeled, ctx)
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=False)
    assert "exemption cleared" in dispatch.handle("pull_request", unlabeled(payload, EXEMPT), ctx)
    assert state.get_override(REPO, 2).kind == "ok"
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [] and gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")].title.startswith("Cleared")


def test_ok_cancel_under_an_exemption_ends_the_clearance_under_it(ctx, gh, state, pr, scorer, payload):
    """The clearance under an exemption is still in force: ``/sieve ok cancel`` ends it (and the
    exemption stays), so a later exempt cancel does not bring back a clearance a person cancelled."""
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel"), ctx)
    assert state.get_override(REPO, 2).kind == "exempt" and gh.labels[(REPO, 2)] == [EXEMPT]
    reply = gh.bot_comments(REPO, 2)[-1].body
    assert reply.startswith("Done: the clearance by ` maintainer ` is cancelled; the exemption by ` maintainer ` "
                            "still stands") and "/sieve exempt cancel" in reply
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]


def test_a_late_ok_cancel_written_before_the_exemption_ends_the_clearance_under_it(ctx, gh, state, pr, scorer, payload):
    """ok, ok cancel (its delivery late), exempt: the cancel is not overtaken by the exemption,
    which it does not touch, so the exempt cancel then brings back nothing."""
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", written_ago(comment_event(payload, "/sieve ok"), 30), ctx)
    late_cancel = written_ago(comment_event(payload, "/sieve ok cancel"), 20)
    dispatch.handle("issue_comment", written_ago(comment_event(payload, "/sieve exempt"), 10), ctx)
    assert dispatch.handle("issue_comment", late_cancel, ctx) == "commands: ok"
    assert state.get_override(REPO, 2).kind == "exempt" and state.get_override(REPO, 2).under is None
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]


def late_ok_then_exempt(ctx, gh, payload, ago: timedelta) -> tuple[dict, str]:
    """alice's ``/sieve ok``, written ``ago`` before a maintainer's ``/sieve exempt`` and handled
    after it; returns the ok's event and what handling it said."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.permissions[(REPO, "alice")] = "write"
    late_ok = comment_event(payload, "/sieve ok", login="alice")
    late_ok["comment"]["created_at"] = (FIXED_NOW - ago).strftime("%Y-%m-%dT%H:%M:%SZ")
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    return late_ok, dispatch.handle("issue_comment", late_ok, ctx)


def test_a_late_ok_written_before_the_exemption_goes_under_it(ctx, gh, state, pr, scorer, payload):
    """ok (handled late), exempt, exempt cancel: the ok neither replaces the later exemption nor
    is lost (it was read as overtaken by it), so the exempt cancel leaves it in force."""
    late_ok, said = late_ok_then_exempt(ctx, gh, payload, timedelta(minutes=10))
    assert said == "commands: ok"
    in_force = state.get_override(REPO, 2)
    assert (in_force.kind, in_force.actor) == ("exempt", "maintainer")
    assert (in_force.under.kind, in_force.under.actor, in_force.under.detail) == (
        "ok", "alice", f"comment {late_ok['comment']['id']}")
    assert gh.labels[(REPO, 2)] == [EXEMPT] and sticky_state(gh) == "<!-- pr-sieve:state:exempt -->"
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.title.startswith("Exempt by a maintainer") and check.conclusion == "neutral"
    reply = gh.bot_comments(REPO, 2)[-1].body
    assert reply.startswith("Thanks, noted: a maintainer cleared this PR. The exemption by ` maintainer `, given "
                            "after this comment was written, still stands") and "/sieve ok cancel" in reply
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel"), ctx)
    in_force = state.get_override(REPO, 2)
    assert (in_force.kind, in_force.actor, in_force.under) == ("ok", "alice", None)
    assert gh.labels[(REPO, 2)] == [] and sticky_state(gh) == "<!-- pr-sieve:state:overridden -->"
    assert gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")].title.startswith("Cleared by a maintainer")


def test_an_ok_written_seconds_before_the_exemption_does_not_replace_it(ctx, gh, state, pr, scorer, payload):
    """Within the clock slack the ok is not overtaken: it replaced the exemption in force."""
    _, said = late_ok_then_exempt(ctx, gh, payload, timedelta(seconds=3))
    assert said == "commands: ok"
    in_force = state.get_override(REPO, 2)
    assert in_force.kind == "exempt" and in_force.under.actor == "alice" and gh.labels[(REPO, 2)] == [EXEMPT]
    assert gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")].title.startswith("Exempt by a maintainer")


def test_a_late_ok_cancelled_before_the_exemption_stays_cancelled(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    late_ok = written_ago(comment_event(payload, "/sieve ok"), 20)
    dispatch.handle("issue_comment", written_ago(comment_event(payload, "/sieve ok cancel"), 15), ctx)
    dispatch.handle("issue_comment", written_ago(comment_event(payload, "/sieve exempt"), 10), ctx)
    assert dispatch.handle("issue_comment", late_ok, ctx) == "commands: ok (overtaken)"
    assert state.get_override(REPO, 2).kind == "exempt" and state.get_override(REPO, 2).under is None
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel"), ctx)
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    assert sticky_state(gh) == "<!-- pr-sieve:state:flagged -->"


def test_a_cancel_of_a_clearance_not_yet_handled_under_an_exemption_is_kept(ctx, gh, state, pr, scorer, payload):
    """exempt, then ok cancel with nothing under it: nothing to cancel now, but a late ok written
    before the cancel must not then go under the exemption."""
    dispatch.handle("pull_request", opened(payload), ctx)
    late_ok = written_ago(comment_event(payload, "/sieve ok"), 20)
    dispatch.handle("issue_comment", written_ago(comment_event(payload, "/sieve exempt"), 15), ctx)
    dispatch.handle("issue_comment", written_ago(comment_event(payload, "/sieve ok cancel"), 10), ctx)
    assert gh.bot_comments(REPO, 2)[-1].body.startswith("Nothing to cancel: no ` /sieve ok `")
    assert state.get_override(REPO, 2).kind == "exempt" and gh.labels[(REPO, 2)] == [EXEMPT]
    assert dispatch.handle("issue_comment", late_ok, ctx) == "commands: ok (overtaken)"
    assert state.get_override(REPO, 2).under is None


def test_both_cancels_in_one_comment_reply_with_what_stands_after_both(ctx, gh, state, pr, scorer, payload):
    """ok, exempt, then one comment cancelling both: the exempt cancel's reply said the clearance
    "still stands", which the same comment's ok cancel had ended by the time it was posted."""
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    before = len(gh.bot_comments(REPO, 2))
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt cancel\n/sieve ok cancel"), ctx)
    replies = [c.body for c in gh.bot_comments(REPO, 2)[before:]]
    assert state.get_override(REPO, 2) is None and gh.labels[(REPO, 2)] == [HIGH]
    assert len(replies) == 2 and all("still stands" not in r and "as any other again" in r for r in replies)
    assert "exemption by ` maintainer ` is cancelled" in replies[0] and "clearance by ` maintainer `" in replies[1]


def test_exempt_cancel_puts_back_a_persons_band_label_the_exemption_was_given_over(ctx, gh, state, pr, scorer, payload):
    """HIGH off, alice's MEDIUM on, ``/sieve exempt`` (MEDIUM comes off), ``/sieve exempt cancel``
    (its delivery retried later): alice's label is the decision in force again and goes back on;
    the maintainer's earlier removal, which it replaced, is not adopted from the history."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)
    dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx)
    gh.human_label(REPO, 2, MEDIUM, "alice", add=True)
    labeled = unlabeled(payload, MEDIUM, sender="alice")
    labeled["action"] = "labeled"
    dispatch.handle("pull_request", labeled, ctx)
    assert state.get_override(REPO, 2).kind == "label_added"
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    in_force = state.get_override(REPO, 2)
    assert (in_force.kind, in_force.under.kind, in_force.under.actor) == ("exempt", "label_added", "alice")
    assert gh.labels[(REPO, 2)] == [EXEMPT]
    cancel = comment_event(payload, "/sieve exempt cancel")
    for _ in range(2):  # the delivery, then its late retry
        assert dispatch.handle("issue_comment", cancel, ctx) == "commands: exempt"
        in_force = state.get_override(REPO, 2)
        assert (in_force.kind, in_force.actor, in_force.detail, in_force.under) == ("label_added", "alice",
                                                                                  f"label {MEDIUM}", None)
        assert gh.labels[(REPO, 2)] == [MEDIUM]
        assert gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")].title.startswith("Likely low effort")
        assert sticky_state(gh) == "<!-- pr-sieve:state:flagged -->"
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [MEDIUM] and state.get_override(REPO, 2).kind == "label_added"


def test_ok_cancel_under_an_exemption_leaves_a_persons_band_label_under_it(ctx, gh, state, pr, scorer, payload):
    """A person's band label under an exemption is no clearance: ``/sieve ok cancel`` ends nothing."""
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, MEDIUM, "alice", add=True)
    labeled = unlabeled(payload, MEDIUM, sender="alice")
    labeled["action"] = "labeled"
    dispatch.handle("pull_request", labeled, ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok cancel"), ctx)
    assert gh.bot_comments(REPO, 2)[-1].body.startswith("Nothing to cancel: no ` /sieve ok `")
    assert state.get_override(REPO, 2).under.kind == "label_added"
