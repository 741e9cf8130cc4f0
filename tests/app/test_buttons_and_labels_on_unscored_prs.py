"""The check run's buttons, its "Re-run" and a hand-removed exempt label, on a PR the App does not
score now or that an exemption left: as the same ``/sieve`` commands do (review of the label and
check-run handlers, findings 1 and 2). "Undo the clearance" and "Re-run" labelled a draft and
posted on it; taking the exempt label off ended the exemption but left the comment and the check
saying "exempt" until the next push, and a person's band label off."""

from __future__ import annotations

from bot.app import dispatch

from .conftest import result_for
from .test_check_buttons import button_event, buttons_now
from .test_handlers import EXEMPT, HIGH, REPO, opened, pr, unlabeled  # noqa: F401  (pr: the fixture)

MEDIUM = "sieve/needs-review"


def _rerun(payload) -> dict:
    event = button_event(payload, "sieve-ok")
    event["action"] = "rerequested"
    event.pop("requested_action", None)
    return event


def _label(payload, name: str, add: bool) -> dict:
    event = unlabeled(payload, name)
    event["action"] = "labeled" if add else "unlabeled"
    return event


def test_undo_the_clearance_on_a_draft_puts_no_label_on(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("check_run", button_event(payload, "sieve-ok"), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)
    said = dispatch.handle("check_run", button_event(payload, "sieve-ok-cancel"), ctx)
    assert "not scored (draft)" in said and gh.labels[(REPO, 2)] == [] and state.get_override(REPO, 2) is None


def test_re_run_on_a_draft_is_skipped(ctx, gh, state, pr, scorer, payload):
    scorer.result = result_for("low")
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True)
    scorer.result = result_for("high")
    assert dispatch.handle("check_run", _rerun(payload), ctx) == "skipped: draft"
    assert gh.labels[(REPO, 2)] == [] and not gh.bot_comments(REPO, 2)


def test_clear_this_flag_on_a_draft_still_takes_the_apps_label_off(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True, labels=(HIGH,))
    dispatch.handle("check_run", button_event(payload, "sieve-ok"), ctx)
    assert gh.labels[(REPO, 2)] == [] and state.get_override(REPO, 2).kind == "ok"


def test_taking_the_exempt_label_off_checks_the_pr_again_at_once(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=True)
    dispatch.handle("pull_request", _label(payload, EXEMPT, True), ctx)
    assert gh.labels[(REPO, 2)] == [EXEMPT]
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=False)
    assert dispatch.handle("pull_request", _label(payload, EXEMPT, False), ctx) == "exemption cleared; checked again"
    assert gh.labels[(REPO, 2)] == [HIGH] and buttons_now(gh) == ("sieve-ok",)
    assert "exempt" not in gh.bot_comments(REPO, 2)[0].body.splitlines()[1]  # the sticky's state line


def test_taking_the_exempt_label_off_puts_a_persons_band_label_back(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.human_label(REPO, 2, HIGH, "maintainer", add=False)  # a maintainer swaps high for medium
    dispatch.handle("pull_request", _label(payload, HIGH, False), ctx)
    gh.human_label(REPO, 2, MEDIUM, "maintainer", add=True)
    dispatch.handle("pull_request", _label(payload, MEDIUM, True), ctx)
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=True)
    dispatch.handle("pull_request", _label(payload, EXEMPT, True), ctx)
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=False)
    dispatch.handle("pull_request", _label(payload, EXEMPT, False), ctx)
    assert gh.labels[(REPO, 2)] == [MEDIUM]


def test_an_exempt_label_on_a_draft_takes_off_the_apps_label_from_a_model_only_flag(ctx, gh, state, pr, scorer,
                                                                                     payload):
    scorer.result = result_for("high", signals=())
    gh.files[(REPO, ".github/sieve.yml")] += "labels: {model_only: true}\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH] and not gh.bot_comments(REPO, 2)
    gh.snapshots[(REPO, 2)] = pr.with_changes(draft=True, labels=(HIGH,))
    gh.human_label(REPO, 2, EXEMPT, "maintainer", add=True)
    dispatch.handle("pull_request", _label(payload, EXEMPT, True), ctx)
    assert HIGH not in gh.labels[(REPO, 2)]
