"""Handlers end to end on the in-memory fakes, driven by REAL octokit webhook payloads."""

from __future__ import annotations

import itertools

import pytest

from bot.app import dispatch, review
from bot.app.actions import STICKY_MARKER
from bot.app.payload import PayloadError
from bot.snapshot import Commit, FileChange, PRSnapshot

from .conftest import FIXED_NOW, result_for

REPO = "Codertocat/Hello-World"
SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"
HIGH, MEDIUM, EXEMPT = "sieve/likely-low-effort", "sieve/needs-review", "sieve/exempt"
NO_ASSOCIATION_EXEMPTION = "exempt: {associations: []}\n"  # the example author is the repo OWNER


@pytest.fixture
def pr(gh):
    snapshot = PRSnapshot(title="Update the README with new information.", body="This is a pretty simple change.",
                          author_login="Codertocat", author_association="OWNER", repo=REPO, number=2,
                          head_sha=SHA, files=(FileChange("README.md", additions=1),),
                          commits=(Commit("Update README.md"),))
    gh.add_pr(REPO, snapshot)
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    gh.permissions[(REPO, "maintainer")] = "write"
    return snapshot


def opened(payload):
    return payload("pull_request", "opened.payload.json")


COMMENT_IDS = itertools.count(900001)


def comment_event(payload, body, login="maintainer", on_pr=True):
    event = payload("issue_comment", "created.with-installation.payload.json")
    event["issue"]["number"] = 2
    if on_pr:
        event["issue"]["pull_request"] = {"url": f"https://api.github.com/repos/{REPO}/pulls/2",
                                          "html_url": f"https://github.com/{REPO}/pull/2",
                                          "diff_url": "x", "patch_url": "y", "merged_at": None}
    event["comment"]["body"] = body
    event["comment"]["user"]["login"] = login
    event["comment"]["created_at"] = FIXED_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")  # written "now" (the ctx clock)
    event["comment"]["id"] = next(COMMENT_IDS)  # each call is a new comment
    return event


def unlabeled(payload, label, sender="maintainer"):
    event = payload("pull_request", "unlabeled.payload.json")
    event["label"]["name"] = label
    event["sender"]["login"] = sender
    return event


def test_opened_high_band_labels_comments_and_checks(ctx, gh, state, pr, scorer, payload):
    outcome = dispatch.handle("pull_request", opened(payload), ctx)
    assert outcome.startswith("scored 85 (high)")
    assert gh.labels[(REPO, 2)] == [HIGH]
    [comment] = gh.bot_comments(REPO, 2)
    assert comment.body.startswith(STICKY_MARKER) and "@" not in comment.body
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.conclusion == "neutral" and check.status == "completed"
    assert "| The description says tests were added" in check.summary
    [decision] = state.decisions
    assert (decision.score, decision.band, decision.head_sha, decision.shadow) == (85, "high", SHA, False)
    assert "add_labels:" + HIGH in decision.actions


def test_same_event_twice_writes_nothing_new(ctx, gh, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    before = [w[0] for w in gh.writes]
    dispatch.handle("pull_request", opened(payload), ctx)
    again = [w[0] for w in gh.writes][len(before):]
    assert again == ["check_run"]  # labels already right, comment text unchanged
    assert len(gh.bot_comments(REPO, 2)) == 1


def test_owner_is_exempt_by_default(ctx, gh, pr, scorer, payload):
    del gh.files[(REPO, ".github/sieve.yml")]
    assert dispatch.handle("pull_request", opened(payload), ctx) == "skipped: exempt author"
    assert gh.writes == [] and scorer.calls == []


def test_exempt_user_and_bots(ctx, gh, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = "exempt: {associations: [], users: [codertocat]}"
    assert dispatch.handle("pull_request", opened(payload), ctx) == "skipped: exempt author"
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    event = opened(payload)
    event["pull_request"]["user"]["type"] = "Bot"
    assert dispatch.handle("pull_request", event, ctx) == "skipped: exempt author"


def test_drafts_are_skipped_unless_configured(ctx, gh, pr, scorer, payload):
    event = opened(payload)
    event["pull_request"]["draft"] = True
    assert dispatch.handle("pull_request", event, ctx) == "skipped: draft"
    gh.files[(REPO, ".github/sieve.yml")] = "exempt: {associations: [], drafts: false}"
    assert dispatch.handle("pull_request", event, ctx).startswith("scored")


def test_edited_only_when_title_body_or_base_changed(ctx, gh, pr, scorer, payload):
    event = opened(payload)
    event["action"] = "edited"
    event["changes"] = {}
    assert dispatch.handle("pull_request", event, ctx).startswith("ignored")
    event["changes"] = {"body": {"from": "old body"}}
    assert dispatch.handle("pull_request", event, ctx).startswith("scored")
    event["changes"] = {"base": {"ref": {"from": "main"}, "sha": {"from": "abc"}}}  # retargeted: another diff
    assert dispatch.handle("pull_request", event, ctx).startswith("scored")


def test_low_band_writes_only_a_check_run(ctx, gh, pr, scorer, payload):
    scorer.result = result_for("low")
    dispatch.handle("pull_request", opened(payload), ctx)
    assert [w[0] for w in gh.writes] == ["check_run"]


def test_dropping_to_low_edits_the_comment_and_removes_the_label(ctx, gh, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    scorer.result = result_for("low")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == []
    [comment] = gh.bot_comments(REPO, 2)
    assert "no longer flagged" in comment.body


def test_broken_config_fails_check_in_one_line_and_still_scores(ctx, gh, pr, scorer, payload):
    gh.files[("Codertocat/.github", ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    gh.files[(REPO, ".github/sieve.yml")] = "thresholds: {high: lots}\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.conclusion == "failure"
    assert "thresholds.high" in check.title and "\n" not in check.title
    assert gh.labels[(REPO, 2)] == [HIGH]  # handled with the remaining (org + default) settings


def test_broken_config_is_shown_even_when_the_pr_is_skipped(ctx, gh, pr, scorer, payload):
    gh.files[(REPO, ".github/sieve.yml")] = "exempt: {associations: []}\nbogus: 1\n"
    assert dispatch.handle("pull_request", opened(payload), ctx) == "skipped: exempt author; config error: .github/sieve.yml: bogus: unknown key"
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.conclusion == "failure" and "bogus: unknown key" in check.title
    assert "did not score this PR: its author is exempt." in check.summary
    assert [w[0] for w in gh.writes] == ["check_run"] and scorer.calls == []


@pytest.mark.parametrize("text", [
    "exempt: {associations: []}\nthresholds:\n\tmedium: 60\n",  # a tab: not YAML
    "exempt: {associations: []}\npaths: {ignore: [a]}\npaths: {ignore: [b]}\n",  # a duplicate key
    "- exempt: {associations: []}\n",  # not a mapping
])
def test_a_config_that_cannot_be_read_at_all_gets_only_the_failing_check(ctx, gh, pr, scorer, payload, text):
    """Its wishes are unknown: it may exempt this author or turn comments off. A typo used to
    get the PR labelled and commented on with the defaults (review)."""
    gh.files[(REPO, ".github/sieve.yml")] = text
    gh.files[("Codertocat/.github", ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    assert dispatch.handle("pull_request", opened(payload), ctx).startswith("scored 85 (high)")
    check = gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")]
    assert check.conclusion == "failure" and "labels and comments nothing until it is fixed" in check.summary
    assert "could not read that file at all" in check.summary
    assert [w[0] for w in gh.writes] == ["check_run"] and gh.labels[(REPO, 2)] == []


def test_an_unreadable_configs_own_opt_out_lines_still_apply(ctx, gh, pr, scorer, payload):
    gh.files[("Codertocat/.github", ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    gh.files[(REPO, ".github/sieve.yml")] = "shadow: true  # trial\nexempt:\n  users: [alice\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.writes == [] and len(scorer.calls) == 1  # scored and recorded, as shadow mode does
    gh.files[(REPO, ".github/sieve.yml")] = "enabled: False\nexempt:\n  users: [alice\n"
    assert dispatch.handle("pull_request", opened(payload), ctx).startswith("skipped: disabled in .github/sieve.yml; config error: .github/sieve.yml: invalid YAML")
    assert [w[0] for w in gh.writes] == ["check_run"] and len(scorer.calls) == 1


def test_pr_template_and_ignored_paths_reach_the_scorer(ctx, gh, pr, scorer, payload):
    gh.files[(REPO, ".github/pull_request_template.md")] = "## What\n## Why\n"
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION + "paths: {ignore: ['*.md']}\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    snapshot, config = scorer.calls[0]
    assert snapshot.pr_template == "## What\n## Why\n"
    # the whole diff reaches the scorer, which leaves the ignored files out of the signals only
    assert [f.path for f in snapshot.files] == ["README.md"] and snapshot.total_additions == 1
    assert review.score_config(config).ignore == ("*.md",)


def test_pr_template_too_large_for_github_is_read_as_no_template(ctx, gh, pr, scorer, payload):
    gh.too_large.add((REPO, ".github/pull_request_template.md"))
    gh.files[(REPO, ".github/PULL_REQUEST_TEMPLATE.md")] = "## What\n"
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    dispatch.handle("pull_request", opened(payload), ctx)
    snapshot, _ = scorer.calls[0]
    assert snapshot.pr_template == "## What\n"


@pytest.mark.parametrize("where", ["pull_request_template.md", "docs/PULL_REQUEST_TEMPLATE.md",
                                   "Codertocat/.github:.github/pull_request_template.md"])
def test_pr_template_is_found_where_github_looks_for_it(ctx, gh, pr, scorer, payload, where):
    """GitHub offers a template from .github/, the root or docs/, else the organisation's .github
    repository; the scorer must read the one the author was shown."""
    repo, _, path = where.rpartition(":")
    gh.files[(repo or REPO, path)] = "## What\n"
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    dispatch.handle("pull_request", opened(payload), ctx)
    snapshot, _ = scorer.calls[0]
    assert snapshot.pr_template == "## What\n"


def test_the_repository_template_wins_over_the_organisation_default(ctx, gh, pr, scorer, payload):
    gh.files[("Codertocat/.github", ".github/pull_request_template.md")] = "## Org\n"
    gh.files[(REPO, "docs/pull_request_template.md")] = "## Own\n"
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    dispatch.handle("pull_request", opened(payload), ctx)
    snapshot, _ = scorer.calls[0]
    assert snapshot.pr_template == "## Own\n"


def test_an_organisation_repository_the_app_cannot_read_means_no_template(ctx, gh, pr, scorer, payload):
    gh.missing_repos.add("Codertocat/.github")
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    dispatch.handle("pull_request", opened(payload), ctx)
    snapshot, _ = scorer.calls[0]
    assert snapshot.pr_template is None


def test_global_shadow_mode_writes_nothing_but_records(ctx, gh, state, pr, scorer, payload):
    ctx.shadow = True
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok"), ctx)
    assert gh.writes == []
    assert state.decisions[0].shadow and "add_labels:" + HIGH in state.decisions[0].actions
    assert state.overrides[(REPO, 2)].kind == "ok"


def test_copied_marker_by_a_human_is_not_the_sticky(ctx, gh, pr, scorer, payload):
    gh.seed_comment(REPO, 2, STICKY_MARKER + " I copied this", "someone")
    dispatch.handle("pull_request", opened(payload), ctx)
    assert len(gh.bot_comments(REPO, 2)) == 1
    assert gh.comments[(REPO, 2)][0].body.endswith("I copied this")


# --- overrides --------------------------------------------------------------------------------

def test_maintainer_removing_label_is_honoured_forever(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    gh.labels[(REPO, 2)].remove(HIGH)  # the maintainer's click
    assert dispatch.handle("pull_request", unlabeled(payload, HIGH), ctx).startswith("override recorded")
    override = state.overrides[(REPO, 2)]
    assert (override.kind, override.actor, override.head_sha, override.score, override.model_version) == (
        "label_removed", "maintainer", SHA, 85, "test-model-1")
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == []
    assert "reviewed by a maintainer" in gh.bot_comments(REPO, 2)[0].body


def test_label_removal_by_read_only_user_or_bot_is_not_an_override(ctx, gh, state, pr, scorer, payload):
    assert "cannot manage labels" in dispatch.handle("pull_request", unlabeled(payload, HIGH, "drive-by"), ctx)
    assert "bot" in dispatch.handle("pull_request", unlabeled(payload, HIGH, "pr-sieve[bot]"), ctx)
    assert "not a PR Sieve label" in dispatch.handle("pull_request", unlabeled(payload, "bug"), ctx)
    assert state.overrides == {}


def test_exempt_label_added_then_removed(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    event = unlabeled(payload, EXEMPT)
    event["action"] = "labeled"
    gh.labels[(REPO, 2)].append(EXEMPT)
    dispatch.handle("pull_request", event, ctx)
    assert state.overrides[(REPO, 2)].kind == "exempt"
    assert gh.labels[(REPO, 2)] == [EXEMPT]
    gh.labels[(REPO, 2)].remove(EXEMPT)
    assert "exemption cleared" in dispatch.handle("pull_request", unlabeled(payload, EXEMPT), ctx)
    assert state.get_override(REPO, 2) is None


def test_sieve_ok_by_maintainer(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "Looks fine to me.\n/sieve ok"), ctx)
    assert state.overrides[(REPO, 2)].kind == "ok"
    assert state.overrides[(REPO, 2)].actor == "maintainer"
    assert gh.labels[(REPO, 2)] == []
    sticky, reply = gh.bot_comments(REPO, 2)
    assert "reviewed by a maintainer" in sticky.body
    assert "cleared" in reply.body and "@" not in reply.body
    scorer.result = result_for("high", score=99)
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == []
    assert "99/100" in gh.check_runs[(REPO, "PR Sieve", SHA, "pr-2")].title


def test_sieve_ok_by_read_only_user_is_politely_refused(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve ok", login="Codertocat"), ctx)
    assert state.overrides == {}
    assert gh.labels[(REPO, 2)] == [HIGH]
    reply = gh.bot_comments(REPO, 2)[-1]
    assert "write access" in reply.body and "@" not in reply.body


def test_author_association_is_not_trusted_for_permission(ctx, gh, state, pr, scorer, payload):
    event = comment_event(payload, "/sieve ok", login="Codertocat")
    assert event["comment"]["author_association"] == "OWNER"  # but the permission API says "read"
    dispatch.handle("issue_comment", event, ctx)
    assert state.overrides == {}


def test_sieve_exempt(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve exempt"), ctx)
    assert gh.labels[(REPO, 2)] == [EXEMPT]
    assert state.overrides[(REPO, 2)].kind == "exempt"


def test_sieve_rescore_and_explain(ctx, gh, state, pr, scorer, payload):
    dispatch.handle("pull_request", opened(payload), ctx)
    scorer.result = result_for("medium")
    dispatch.handle("issue_comment", comment_event(payload, "/sieve rescore\n/sieve explain"), ctx)
    assert gh.labels[(REPO, 2)] == [MEDIUM]
    replies = gh.bot_comments(REPO, 2)[1:]
    assert "band **medium**" in replies[0].body
    assert "| The description says tests were added" in replies[1].body
    assert len(state.decisions) == 2


def test_explain_is_open_to_the_pr_author(ctx, gh, pr, scorer, payload):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve explain", login="Codertocat"), ctx)
    [reply] = gh.bot_comments(REPO, 2)
    assert "PR Sieve, in detail" in reply.body


def test_help_for_anyone_and_unknown_commands(ctx, gh, pr, scorer, payload):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve frobnicate", login="drive-by"), ctx)
    body = gh.bot_comments(REPO, 2)[0].body
    assert body.startswith("` /sieve frobnicate ` is not a PR Sieve command.")  # a code span: nothing live
    assert "/sieve rescore" in body
    assert scorer.calls == []
    dispatch.handle("issue_comment", comment_event(payload, "/sieve help", login="passer-by"), ctx)
    assert gh.bot_comments(REPO, 2)[-1].body.startswith("**PR Sieve commands**")  # (drive-by: quiet for now)


def test_quoted_command_and_plain_issue_and_bots_are_ignored(ctx, gh, pr, scorer, payload):
    assert "no command" in dispatch.handle("issue_comment", comment_event(payload, "> /sieve ok"), ctx)
    assert "not a PR" in dispatch.handle("issue_comment", comment_event(payload, "/sieve ok", on_pr=False), ctx)
    event = comment_event(payload, "/sieve ok", login="pr-sieve[bot]")
    assert "bot" in dispatch.handle("issue_comment", event, ctx)
    event = comment_event(payload, "/sieve ok", login="other-app[bot]")
    event["comment"]["user"]["type"] = "Bot"
    assert "bot" in dispatch.handle("issue_comment", event, ctx)
    assert gh.writes == []


# --- installation ------------------------------------------------------------------------------

def test_installation_creates_labels(ctx, gh, payload):
    dispatch.handle("installation", payload("installation", "created.payload.json"), ctx)
    assert set(gh.repo_labels["Codertocat/Hello-World"]) == {HIGH, MEDIUM, EXEMPT}
    assert gh.repo_labels["Codertocat/Hello-World"][HIGH][0] == "d93f0b"


def test_installation_created_without_a_repository_list_is_not_a_failed_delivery(ctx, gh, payload):
    """GitHub's schema requires only action, installation and sender (review): labels are then
    created on first use, and the delivery is not marked failed as a malformed payload."""
    event = payload("installation", "created.payload.json")
    del event["repositories"]
    assert dispatch.handle("installation", event, ctx).startswith("labels ensured in 0 of 0")
    assert gh.writes == []


def test_a_check_runs_pr_whose_base_is_not_an_object_is_read_as_based_here():
    from bot.app.payload import based_in
    assert based_in({"number": 1, "base": "main"}, 42) and based_in({"number": 1, "base": None}, 42)
    assert not based_in({"number": 1, "base": {"repo": {"id": 7}}}, 42)


def test_installation_repositories_added_uses_repo_label_names(ctx, gh, payload):
    gh.files[("Codertocat/Space", ".github/sieve.yml")] = "labels: {high: {name: triage/low-effort, color: b60205}}"
    dispatch.handle("installation_repositories", payload("installation_repositories", "added.payload.json"), ctx)
    assert set(gh.repo_labels["Codertocat/Space"]) == {"triage/low-effort", MEDIUM, EXEMPT}


# --- dispatch -----------------------------------------------------------------------------------

def test_missing_installation_is_a_payload_error(ctx, pr, scorer, payload):
    event = opened(payload)
    del event["installation"]
    with pytest.raises(PayloadError, match="installation.id"):
        dispatch.handle("pull_request", event, ctx)
    with pytest.raises(PayloadError) as caught:
        dispatch.handle("pull_request", event, ctx)
    assert caught.value.retryable is False


def test_example_without_installation_from_shared(ctx, payload):
    with pytest.raises(PayloadError):
        dispatch.handle("pull_request", payload("pull_request", "ready_for_review.payload.json"), ctx)


def test_missing_keys_are_payload_errors(ctx, pr, scorer, payload):
    event = opened(payload)
    del event["pull_request"]["head"]
    with pytest.raises(PayloadError, match="pull_request.head.sha"):
        dispatch.handle("pull_request", event, ctx)
    with pytest.raises(PayloadError):
        dispatch.handle("pull_request", ["not", "a", "dict"], ctx)


def test_unhandled_events_are_ignored(ctx, payload):
    assert dispatch.handle("pull_request", payload("pull_request", "closed.payload.json"), ctx).startswith("ignored")
    assert dispatch.handle("ping", {"zen": "hi"}, ctx).startswith("ignored")
    assert "closed" not in dispatch.HANDLED["pull_request"]
    assert dispatch.HANDLED["issue_comment"] == {"created"}


def test_every_handler_has_help():
    helps = dispatch.help_texts()
    assert set(helps) == {"pull_request", "labels", "comments", "reviews", "review_comments", "check_run", "installation"}
    assert all(text.strip() for text in helps.values())


def test_rescore_respects_author_exemption(ctx, gh, pr, scorer, payload):
    del gh.files[(REPO, ".github/sieve.yml")]  # default config: the OWNER author is exempt
    dispatch.handle("issue_comment", comment_event(payload, "/sieve rescore"), ctx)
    assert gh.labels[(REPO, 2)] == [] and not gh.check_runs
    [reply] = gh.bot_comments(REPO, 2)
    assert "exempt" in reply.body


def test_band_label_added_by_a_triager_stays(ctx, gh, state, pr, scorer, payload):
    scorer.result = result_for("low")
    event = unlabeled(payload, HIGH, sender="triager")  # GitHub lets only triage+ add labels
    event["action"] = "labeled"
    gh.labels[(REPO, 2)].append(HIGH)
    dispatch.handle("pull_request", event, ctx)
    assert state.overrides[(REPO, 2)].kind == "label_added"
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    assert gh.labels[(REPO, 2)] == [HIGH]


def rerun_event(payload, slug="pr-sieve", name="PR Sieve", pulls=True):
    event = payload("check_run", "rerequested.payload.json")
    event["repository"]["full_name"] = REPO
    event["check_run"]["app"]["slug"] = slug
    event["check_run"]["name"] = name
    event["check_run"]["pull_requests"] = [{"number": 2, "id": 1, "url": "u", "head": {}, "base": {}}] if pulls else []
    return event


def test_rerun_of_our_check_rescores(ctx, gh, pr, scorer, payload):
    assert dispatch.handle("check_run", rerun_event(payload), ctx).startswith("re-run: scored 85")
    assert gh.labels[(REPO, 2)] == [HIGH]


def test_rerun_of_other_checks_is_ignored(ctx, gh, pr, scorer, payload):
    assert "another App" in dispatch.handle("check_run", rerun_event(payload, slug="ci-bot"), ctx)
    assert "not the PR Sieve" in dispatch.handle("check_run", rerun_event(payload, name="lint"), ctx)
    assert "fork" in dispatch.handle("check_run", rerun_event(payload, pulls=False), ctx)
    assert gh.writes == [] and scorer.calls == []
    assert dispatch.HANDLED["check_run"] == {"rerequested", "requested_action"}


def test_help_and_unknown_give_one_help_reply(ctx, gh, pr, scorer, payload):
    dispatch.handle("issue_comment", comment_event(payload, "/sieve\n/sieve what\n/sieve explain", login="x"), ctx)
    replies = gh.bot_comments(REPO, 2)
    assert len(replies) == 2  # one refusal (explain needs write access or authorship), one help
    assert "write access" in replies[0].body and "/sieve rescore" in replies[1].body
    # where commands are read, and what re-scores: a review's text and "Re-run all checks" too
    assert "text of a PR review" in replies[1].body and '"Re-run all checks"' in replies[1].body


def test_help_and_explain_replies_link_the_help_page_when_the_app_has_a_public_address(
        ctx, gh, pr, scorer, payload):
    ctx.help_url = "https://sieve.example.org/help"
    dispatch.handle("issue_comment", comment_event(payload, "/sieve help", login="drive-by"), ctx)
    dispatch.handle("issue_comment", comment_event(payload, "/sieve explain", login="Codertocat"), ctx)
    help_reply, explain_reply = gh.bot_comments(REPO, 2)
    for body in (help_reply.body, explain_reply.body):
        assert "[PR Sieve help](https://sieve.example.org/help)" in body


def test_a_comment_held_back_by_an_unreadable_file_is_posted_once_the_file_is_fixed(ctx, gh, pr, scorer, payload):
    """The held-back comment was recorded as intended, so after the fix it read as one a person
    had deleted and was never posted (review)."""
    gh.files[("Codertocat/.github", ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    gh.files[(REPO, ".github/sieve.yml")] = "thresholds:\n\tmedium: 60\n"
    dispatch.handle("pull_request", opened(payload), ctx)
    assert gh.bot_comments(REPO, 2) == []
    gh.files[(REPO, ".github/sieve.yml")] = NO_ASSOCIATION_EXEMPTION
    dispatch.handle("pull_request", payload("pull_request", "synchronize.payload.json"), ctx)
    [sticky] = gh.bot_comments(REPO, 2)
    assert "may need more work" in sticky.body and gh.labels[(REPO, 2)] == [HIGH]
