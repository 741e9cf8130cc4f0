"""The pure plan: one case per band, override, shadow mode and config error."""

from __future__ import annotations

import pytest

from bot.app import plan
from bot.app.actions import STICKY_MARKER, AddLabels, CheckRun, RemoveLabel, UpsertComment
from bot.app.config import RepoConfig, build
from bot.app.context import Override
from bot.app.profiles import Finding
from bot.ports import Comment
from bot.result import SignalHit

from .conftest import FIXED_NOW, result_for

MEDIUM, HIGH, EXEMPT = "sieve/needs-review", "sieve/likely-low-effort", "sieve/exempt"
STICKY = Comment(id=7, body=f"{STICKY_MARKER}\nold text", author_login="pr-sieve[bot]")


def facts(**kw) -> plan.Facts:
    return plan.Facts(repo="o/r", number=1, head_sha="abc123", **kw)


def override(kind="ok") -> Override:
    return Override(repo="o/r", number=1, kind=kind, actor="maintainer", at=FIXED_NOW, head_sha="abc123", score=85)


def of(actions, kind):
    return [a for a in actions if isinstance(a, kind)]


def run(band, config=None, **kw):
    return plan.plan(result_for(band), config or RepoConfig(), facts(**kw))


def test_high_band_adds_high_label_comment_and_check():
    actions = run("high")
    assert of(actions, AddLabels) == [AddLabels((HIGH,))]
    assert not of(actions, RemoveLabel)
    [comment] = of(actions, UpsertComment)
    assert comment.comment_id is None and comment.view.context["state"] == "flagged"
    [check] = of(actions, CheckRun)
    assert (check.name, check.head_sha, check.conclusion) == ("PR Sieve", "abc123", "neutral")


def test_medium_band_adds_medium_label():
    assert of(run("medium"), AddLabels) == [AddLabels((MEDIUM,))]


def test_low_band_no_label_no_comment_but_a_check():
    actions = run("low")
    assert not of(actions, AddLabels) and not of(actions, UpsertComment)
    assert len(of(actions, CheckRun)) == 1


def test_label_already_right_means_no_label_call():
    assert not of(run("high", labels=(HIGH, "bug")), AddLabels)
    assert not of(run("high", labels=(HIGH, "bug")), RemoveLabel)


def test_label_names_compare_case_insensitively():
    assert not of(run("high", labels=("Sieve/Likely-Low-Effort",)), AddLabels)


def test_band_change_swaps_labels_and_keeps_others():
    actions = run("high", labels=(MEDIUM, "bug"))
    assert of(actions, RemoveLabel) == [RemoveLabel(MEDIUM)]
    assert of(actions, AddLabels) == [AddLabels((HIGH,))]


def test_drop_to_low_removes_band_label_and_clears_existing_comment():
    actions = run("low", labels=(HIGH,), sticky=STICKY)
    assert of(actions, RemoveLabel) == [RemoveLabel(HIGH)]
    [comment] = of(actions, UpsertComment)
    assert comment.comment_id == 7 and comment.current == STICKY.body
    assert comment.view.context["state"] == "cleared"


def test_existing_sticky_is_edited_not_duplicated():
    [comment] = of(run("high", sticky=STICKY), UpsertComment)
    assert comment.comment_id == 7


def test_override_never_adds_a_band_label():
    for band in ("medium", "high"):
        actions = run(band, override=override())
        assert not of(actions, AddLabels) and not of(actions, RemoveLabel)


def test_later_push_leaves_a_label_a_human_put_back():
    """Its labeled delivery is not handled yet (then the override would be label_added): the
    issue's event history says a person put it on."""
    assert not of(run("high", labels=(HIGH,), override=override(), hand_labels=(HIGH,)), RemoveLabel)


def test_a_clearance_whose_label_removal_failed_for_good_is_applied_by_the_next_event():
    """The /sieve ok was recorded but every attempt to take the label off failed (GitHub down):
    the label stayed forever under a "reviewed by a maintainer" comment (review)."""
    for kind in ("ok", "exempt"):
        actions = run("high", labels=(HIGH, "bug"), override=override(kind))
        assert of(actions, RemoveLabel) == [RemoveLabel(HIGH)] and not of(actions, AddLabels)
    assert not of(run("high", labels=(HIGH,), override=override("label_removed")), RemoveLabel)


def test_fresh_ok_override_removes_band_labels():
    actions = run("high", labels=(HIGH, "bug"), override=override(), fresh_override=True)
    assert of(actions, RemoveLabel) == [RemoveLabel(HIGH)]
    assert not of(actions, AddLabels)


def test_fresh_exempt_override_adds_the_exempt_label():
    actions = run("medium", labels=(MEDIUM,), override=override("exempt"), fresh_override=True)
    assert of(actions, RemoveLabel) == [RemoveLabel(MEDIUM)]
    assert of(actions, AddLabels) == [AddLabels((EXEMPT,))]


def test_exempt_label_on_pr_acts_as_override():
    actions = run("high", labels=(EXEMPT,))
    assert not of(actions, AddLabels) and not of(actions, UpsertComment)


def test_override_updates_existing_comment_but_never_creates_one():
    assert not of(run("high", override=override()), UpsertComment)
    [comment] = of(run("high", override=override(), sticky=STICKY), UpsertComment)
    assert comment.view.context["state"] == "overridden"


def test_override_check_uses_the_low_conclusion():
    config = build([("r", "check_run: {conclusions: {high: failure, low: success}}")]).config
    [check] = of(run("high", config, override=override()), CheckRun)
    assert check.conclusion == "success"
    [check] = of(run("high", config), CheckRun)
    assert check.conclusion == "failure"


@pytest.mark.parametrize("band, conclusion", [("low", "neutral"), ("medium", "action_required"), ("high", "failure")])
def test_conclusion_mapping_per_band(band, conclusion):
    config = build([("r", "check_run: {conclusions: {medium: action_required, high: failure}}")]).config
    [check] = of(run(band, config), CheckRun)
    assert check.conclusion == conclusion


def test_config_error_fails_the_check_but_still_labels():
    actions = run("high", config_error=".github/sieve.yml: thresholds.high: unknown key")
    [check] = of(actions, CheckRun)
    assert check.conclusion == "failure"
    assert check.title.context["config_error"].startswith(".github/sieve.yml")
    assert of(actions, AddLabels) == [AddLabels((HIGH,))]


def test_a_broken_organisation_file_is_named_not_blamed_on_the_repository():
    from bot.app.render import render
    error = "o/.github:.github/sieve.yml: thresholds.medim: unknown key"
    [check] = of(run("high", config_error=error), CheckRun)
    title = render(check.title.template, **check.title.context)
    summary = render(check.summary.template, **check.summary.context)
    assert title.startswith("Config error, that file ignored: o/.github:.github/sieve.yml: thresholds.medim")
    assert "Repository config error" not in title and "ignored the file the error names, except an `enabled: false`" in summary


@pytest.mark.parametrize("where", ["global", "repo"])
@pytest.mark.parametrize("band", ["low", "medium", "high"])
def test_shadow_mode_plans_nothing_but_intends_the_same(where, band):
    config = build([("r", "shadow: true")]).config if where == "repo" else RepoConfig()
    known = facts(labels=(MEDIUM,), sticky=STICKY, shadow=(where == "global"))
    assert plan.plan(result_for(band), config, known) == ()
    assert plan.intended(result_for(band), config, known) == plan.intended(result_for(band), RepoConfig(),
                                                                           facts(labels=(MEDIUM,), sticky=STICKY))


def test_shadow_replies_are_dropped():
    from bot.app.actions import View

    assert plan.replies([View("help.md.j2")], RepoConfig(), shadow=True) == ()
    assert len(plan.replies([View("help.md.j2")], RepoConfig(), shadow=False)) == 1


def test_comment_and_check_can_be_switched_off():
    config = build([("r", "comment: {enabled: false}\ncheck_run: {enabled: false}")]).config
    assert run("high", config) == (AddLabels((HIGH,)),)


def test_policy_finding_comments_in_low_band_without_label():
    actions = run("low", findings=(Finding("ai_without_disclosure", "Co-authored-by: Claude"),))
    [comment] = of(actions, UpsertComment)
    assert comment.view.context["state"] == "advisory"
    assert not of(actions, AddLabels)


def test_custom_label_names_are_used():
    config = build([("r", "labels: {high: {name: triage/low-effort, color: ff0000}}")]).config
    assert of(run("high", config, labels=(HIGH,)), AddLabels) == [AddLabels(("triage/low-effort",))]
    # the default name is not the bot's label any more, so it is left alone
    assert not of(run("high", config, labels=(HIGH,)), RemoveLabel)


def test_no_head_sha_no_check_run():
    assert not of(plan.plan(result_for("high"), RepoConfig(), plan.Facts("o/r", 1, "")), CheckRun)


def test_band_label_added_by_a_person_is_never_removed_or_swapped():
    added = override("label_added")
    for band in ("low", "medium", "high"):
        actions = run(band, labels=(HIGH,), override=added, hand_labels=(HIGH,))
        assert not of(actions, RemoveLabel) and not of(actions, AddLabels)
    # the bot's own band label beside it is taken off once the score no longer wants it (fuzz review)
    actions = run("low", labels=(HIGH, MEDIUM), override=added, hand_labels=(MEDIUM,))
    assert of(actions, RemoveLabel) == [RemoveLabel(HIGH)] and not of(actions, AddLabels)
    # ...but the comment and check behave as without an override
    [comment] = of(run("high", override=added), UpsertComment)
    assert comment.view.context["state"] == "flagged"
    [check] = of(run("high", build([("r", "check_run: {conclusions: {high: failure}}")]).config,
                     override=added), CheckRun)
    assert check.conclusion == "failure"


# --- invariants over every combination -----------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LABEL_POOL = [MEDIUM, HIGH, EXEMPT, "bug", "kind/feature", "Sieve/Needs-Review"]


@given(band=st.sampled_from(["low", "medium", "high"]),
       labels=st.lists(st.sampled_from(LABEL_POOL), unique=True, max_size=4),
       kind=st.sampled_from([None, "ok", "exempt", "label_removed", "label_added"]),
       fresh=st.booleans(), sticky=st.booleans(), shadow=st.booleans(),
       bands=st.sampled_from([["medium", "high"], ["high"], ["medium"], []]),
       hand=st.lists(st.sampled_from([MEDIUM, HIGH]), unique=True))
@settings(deadline=None, max_examples=300)
def test_plan_invariants(band, labels, kind, fresh, sticky, shadow, bands, hand):
    fresh = fresh and kind is not None  # only the event that records an override is "fresh"
    hand = [name for name in hand if name in labels]  # band labels on the PR that a person put on
    known = facts(labels=tuple(labels), override=override(kind) if kind else None, fresh_override=fresh,
                  sticky=STICKY if sticky else None, shadow=shadow, hand_labels=tuple(hand))
    config = RepoConfig(comment={"bands": bands})
    actions = plan.plan(result_for(band), config, known)
    if shadow:
        assert actions == ()
        return
    own = {MEDIUM.lower(), HIGH.lower(), EXEMPT.lower()}
    added = [name for a in of(actions, AddLabels) for name in a.labels]
    removed = [a.label for a in of(actions, RemoveLabel)]
    assert {n.lower() for n in added + removed} <= own  # only the bot's own labels
    assert all(name.lower() in {x.lower() for x in labels} for name in removed)  # only what is there
    assert not any(name.lower() in {x.lower() for x in labels} for name in added)  # only what is missing
    effective = plan.override_kind(config, known)
    if kind or EXEMPT in labels or hand:
        assert not {MEDIUM, HIGH} & set(added)  # a maintainer decision is never undone
    assert not set(removed) & set(hand)  # a band label a person put on stays
    if not fresh and effective == "label_removed":
        assert removed == []
    if effective in plan.LEFTOVER_KINDS or effective == "label_added":  # only the bot's own band labels go
        assert {n.lower() for n in removed} <= {MEDIUM.lower(), HIGH.lower()}
    after = {x.lower() for x in labels} - {n.lower() for n in removed} | {n.lower() for n in added}
    if not kind and EXEMPT not in labels and not hand:
        assert len(after & {MEDIUM.lower(), HIGH.lower()}) <= 1  # one band label at most
    comments = of(actions, UpsertComment)
    assert len(comments) <= 1
    if comments and comments[0].comment_id is None:
        assert band in bands and (kind in (None, "label_added")) and EXEMPT not in labels


HIGH_ONLY = "comment: {bands: [high]}"


def test_comment_bands_high_only_labels_a_medium_pr_without_commenting():
    config = build([("r", HIGH_ONLY)]).config
    actions = run("medium", config)
    assert of(actions, AddLabels) == [AddLabels((MEDIUM,))] and of(actions, CheckRun)
    assert not of(actions, UpsertComment)
    [comment] = of(run("high", config), UpsertComment)
    assert comment.comment_id is None and comment.view.context["state"] == "flagged"


def test_comment_bands_keep_an_existing_comment_up_to_date():
    [comment] = of(run("medium", build([("r", HIGH_ONLY)]).config, sticky=STICKY), UpsertComment)
    assert comment.comment_id == STICKY.id and comment.view.context["state"] == "flagged"


def test_comment_bands_a_policy_finding_still_brings_the_whole_comment():
    actions = run("medium", build([("r", HIGH_ONLY)]).config,
                  findings=(Finding("ai_without_disclosure", "Co-authored-by: Claude"),))
    [comment] = of(actions, UpsertComment)
    assert comment.view.context["state"] == "flagged"  # not "this PR is not flagged" beside a label
    assert comment.view.context["findings"]


def test_comment_bands_accept_only_band_names():
    loaded = build([("r", "comment: {bands: [low]}")])
    assert loaded.error and "comment.bands" in loaded.error and loaded.config.comment.bands == ["medium", "high"]


def test_a_pr_flagged_by_the_model_alone_is_labelled_but_gets_no_comment():
    """Nothing fired that the comment could name: the maintainers' queue gets the label and the
    check, the author gets no statistical guess to answer."""
    for band in ("medium", "high"):
        actions = plan.plan(result_for(band, signals=()), RepoConfig(), facts())
        assert of(actions, AddLabels) == [AddLabels(({"medium": MEDIUM, "high": HIGH}[band],))]
        assert of(actions, CheckRun) and not of(actions, UpsertComment)


def test_model_only_flags_keep_an_existing_comment_up_to_date_and_can_be_asked_for():
    bare = result_for("medium", signals=())
    [kept] = of(plan.plan(bare, RepoConfig(), facts(sticky=STICKY)), UpsertComment)
    assert kept.comment_id == STICKY.id and kept.view.context["state"] == "flagged"
    config = build([("r", "comment: {model_only: true}")]).config
    [new] = of(plan.plan(bare, config, facts()), UpsertComment)
    assert new.comment_id is None and new.view.context["effort"] == []


def test_model_only_flags_with_only_ai_or_care_signals_still_get_no_comment():
    hits = (SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai"),
            SignalHit("explains_testing", 1.0, "ran go test ./...", kind="care"))
    assert not of(plan.plan(result_for("medium", signals=hits), RepoConfig(), facts()), UpsertComment)


def test_labels_model_only_false_keeps_the_label_queue_to_flags_that_name_their_evidence():
    config = build([("r", "labels: {model_only: false}")]).config
    bare = result_for("medium", signals=())
    actions = plan.plan(bare, config, facts())
    assert not of(actions, AddLabels) and not of(actions, UpsertComment)
    [check] = of(actions, CheckRun)
    assert check.title.context["state"] == "medium"  # the maintainers still see the band in the check
    assert of(plan.plan(bare, config, facts(labels=(MEDIUM,))), RemoveLabel) == [RemoveLabel(MEDIUM)]
    named = result_for("medium", signals=(SignalHit("issue_link_only", 0.7, "only 'Fixes #1'"),))
    assert of(plan.plan(named, config, facts()), AddLabels) == [AddLabels((MEDIUM,))]
    assert of(plan.plan(bare, RepoConfig(), facts()), AddLabels) == [AddLabels((MEDIUM,))]  # the default


def test_an_unlabelled_model_only_flag_does_not_tell_the_author_the_pr_is_no_longer_flagged():
    """labels.model_only off and a push leaves only the model's flag: no label, but the check
    still shows the band, so the existing comment must not say "no longer flagged"."""
    config = build([("r", "labels: {model_only: false}")]).config
    actions = plan.plan(result_for("medium", signals=()), config, facts(sticky=STICKY, labels=(MEDIUM,)))
    [comment] = of(actions, UpsertComment)
    [check] = of(actions, CheckRun)
    assert comment.view.context["state"] == "flagged" and comment.view.context["effort"] == []
    assert check.title.context["state"] == "medium" and of(actions, RemoveLabel) == [RemoveLabel(MEDIUM)]
    [cleared] = of(plan.plan(result_for("low", signals=()), config, facts(sticky=STICKY)), UpsertComment)
    assert cleared.view.context["state"] == "cleared"


def test_a_band_label_a_person_added_is_not_contradicted_by_a_no_longer_flagged_comment():
    """The maintainer labelled the PR needs-review by hand; a push that scores low used to edit
    the comment to "no longer flagged" under the maintainer's label (review)."""
    from bot.app.render import render
    actions = run("low", labels=(MEDIUM,), override=override("label_added"), sticky=STICKY, hand_labels=(MEDIUM,))
    [comment] = of(actions, UpsertComment)
    assert comment.view.context["state"] == "labelled" and not of(actions, RemoveLabel)
    body = render(comment.view.template, **comment.view.context)
    assert "in a maintainer's hands" in body and "sieve/needs-review" in body and "no longer flagged" not in body
    lost = run("low", labels=(MEDIUM,), sticky=STICKY, hand_labels=(MEDIUM,))  # its labeled delivery not handled
    assert [c.view.context["state"] for c in of(lost, UpsertComment)] == ["labelled"]
    assert not of(run("low", labels=(MEDIUM,), hand_labels=(MEDIUM,)), UpsertComment)  # none is posted for it
    [cleared] = of(run("low", labels=(), sticky=STICKY), UpsertComment)  # without it: cleared as before
    assert cleared.view.context["state"] == "cleared"


def test_a_model_only_flag_that_gets_no_label_gets_the_advisory_comment_for_a_finding():
    """labels.model_only off: the PR is not flagged in the label queue, so a policy finding gets
    the advisory note, not a "this PR could use a closer look" comment with a statistical guess."""
    config = build([("r", "labels: {model_only: false}\nprofile: disclosure-required")]).config
    ai_only = result_for("medium", signals=(SignalHit("ai_attribution", 1.0, "Co-authored-by: Claude", kind="ai"),))
    actions = plan.plan(ai_only, config, facts(findings=(Finding("ai_without_disclosure", "Co-authored-by: Claude"),)))
    [comment] = of(actions, UpsertComment)
    assert comment.view.context["state"] == "advisory" and not of(actions, AddLabels)


def test_the_comment_points_to_sieve_explain_when_the_check_run_is_off():
    from bot.app.render import render
    config = build([("r", "check_run: {enabled: false}")]).config
    many = tuple(SignalHit(name, 0.9, f"evidence {i}") for i, name in enumerate(
        ("claims_tests_without_tests", "mentions_missing_files", "issue_link_only", "template_weight",
         "docs_only_drive_by", "commit_message_uniformity")))
    [comment] = of(plan.plan(result_for("high", signals=many), config, facts()), UpsertComment)
    body = render(comment.view.template, **comment.view.context)
    assert "more, listed by `/sieve explain`." in body and "check." not in body


def test_an_advisory_note_that_no_longer_applies_says_thanks_not_no_longer_flagged():
    from bot.app.render import render
    finding = (Finding("ai_without_disclosure", "Co-authored-by: Claude"),)
    [advisory] = of(run("low", findings=finding), UpsertComment)
    posted = render(advisory.view.template, **advisory.view.context)
    assert posted.startswith(STICKY_MARKER) and "pr-sieve:state:advisory" in posted
    sticky = Comment(id=9, body=posted, author_login="pr-sieve[bot]")
    [after] = of(run("low", sticky=sticky), UpsertComment)  # the author added the disclosure
    body = render(after.view.template, **after.view.context)
    assert after.view.context["state"] == "resolved" and "no longer applies" in body and "flagged" not in body
    [cleared] = of(run("low", sticky=STICKY), UpsertComment)  # a flagged PR that got better
    assert cleared.view.context["state"] == "cleared"
