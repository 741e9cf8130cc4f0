"""End to end through the real PyGithub adapter against the local fake GitHub server."""

from __future__ import annotations

import pytest

pytest.importorskip("bot.fakegithub", reason="bot.fakegithub not available")
pytest.importorskip("bot.github", reason="bot.github adapter not available")

from bot.app import dispatch  # noqa: E402
from bot.app.actions import STICKY_MARKER  # noqa: E402
from bot.app.context import HandlerContext  # noqa: E402
from bot.fakegithub import FakeGitHub  # noqa: E402
from bot.github import make_github_factory  # noqa: E402

from .conftest import FIXED_NOW, result_for  # noqa: E402
from .fakes import MemoryState  # noqa: E402

REPO = "octo-org/widgets"
SHA = "1111111111111111111111111111111111111111"
HIGH, EXEMPT = "sieve/likely-low-effort", "sieve/exempt"


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        server.add_repo(REPO)
        server.set_file(REPO, ".github/sieve.yml", "exempt: {associations: []}\n")
        server.set_file(REPO, ".github/sieve.yml", "thresholds: {high: nope}\n", ref="feature")  # PR head: never read
        server.add_pull(REPO, 7, {"title": "Improve @maintainers docs <b>now</b>", "body": "Added unit tests.",
                                  "user": "drive-by", "author_association": "NONE", "head_sha": SHA,
                                  "head_ref": "feature"},
                        files=[{"filename": "README.md", "additions": 3, "deletions": 1, "patch": "@@ -1 +1 @@"}],
                        commits=["Update README.md"])
        server.set_permission(REPO, "maintainer", "write")
        yield server


def live_context(fake, delivery_id: str) -> HandlerContext:
    """A handler context whose GitHub is the PyGithub adapter talking to ``fake`` over HTTP."""
    factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key, base_url=fake.base_url,
                                  on_request=lambda *a: None, on_retry=lambda *a: None)
    return HandlerContext(github=factory(fake.installation_id), state=MemoryState(), delivery_id=delivery_id,
                          installation_id=fake.installation_id, now=lambda: FIXED_NOW)


@pytest.fixture
def live_ctx(fake):
    return live_context(fake, "e2e")


def pr_event(payload, action="opened"):
    event = payload("pull_request", "opened.payload.json")
    event["action"] = action
    event["repository"]["full_name"] = REPO
    event["pull_request"].update(number=7, draft=False, author_association="NONE")
    event["pull_request"]["head"]["sha"] = SHA
    event["pull_request"]["user"]["login"] = "drive-by"
    return event


def open_eighth(fake, live_ctx, payload, title: str, body: str, files: list, commits: list) -> None:
    """A drive-by's PR #8 at ``SHA``, opened and handled."""
    fake.add_pull(REPO, 8, {"title": title, "body": body, "user": "drive-by", "author_association": "NONE",
                            "head_sha": SHA}, files=files, commits=commits)
    event = pr_event(payload)
    event["pull_request"]["number"] = 8
    dispatch.handle("pull_request", event, live_ctx)


def command(payload, body, login="maintainer"):
    event = payload("issue_comment", "created.with-installation.payload.json")
    event["repository"]["full_name"] = REPO
    event["issue"]["number"] = 7
    event["issue"]["pull_request"] = {"url": "u", "html_url": "h", "diff_url": "d", "patch_url": "p",
                                      "merged_at": None}
    event["comment"].update(body=body)
    event["comment"]["user"]["login"] = login
    return event


def bot_comments(fake):
    return [c for c in fake.comments(REPO, 7) if c["login"] == fake.bot_login]


def test_opened_then_replayed_then_cleared_by_a_maintainer(fake, live_ctx, scorer, payload):
    dispatch.handle("pull_request", pr_event(payload), live_ctx)
    assert fake.issue_labels(REPO, 7) == [HIGH]
    [comment] = bot_comments(fake)
    assert comment["body"].startswith(STICKY_MARKER) and "@" not in comment["body"]
    [check] = fake.check_runs(REPO, SHA)
    assert (check["name"], check["conclusion"]) == ("PR Sieve", "neutral")
    assert "failure" not in str(check["conclusion"])  # the PR head's broken config was not read

    fake.clear_log()
    dispatch.handle("pull_request", pr_event(payload), live_ctx)  # GitHub redelivers
    assert not fake.calls("POST", r"/issues/7/labels") and not fake.calls("PATCH", r"/issues/comments/")
    assert len(bot_comments(fake)) == 1 and len(fake.check_runs(REPO, SHA)) == 1

    dispatch.handle("issue_comment", command(payload, "/sieve ok"), live_ctx)
    assert fake.issue_labels(REPO, 7) == []
    assert live_ctx.state.get_override(REPO, 7).actor == "maintainer"
    scorer.result = result_for("high", score=97)
    dispatch.handle("pull_request", pr_event(payload, "synchronize"), live_ctx)
    assert fake.issue_labels(REPO, 7) == []
    sticky, reply = bot_comments(fake)
    assert "reviewed by a maintainer" in sticky["body"] and "cleared" in reply["body"]


def test_read_only_commenter_is_refused(fake, live_ctx, scorer, payload):
    dispatch.handle("pull_request", pr_event(payload), live_ctx)
    fake.set_permission(REPO, "helper", "triage")
    dispatch.handle("issue_comment", command(payload, "/sieve ok", login="helper"), live_ctx)
    assert fake.issue_labels(REPO, 7) == [HIGH]
    assert "write access" in bot_comments(fake)[-1]["body"]


def test_installation_creates_labels_with_colours(fake, live_ctx, payload):
    event = payload("installation", "created.payload.json")
    event["repositories"] = [{"full_name": REPO, "name": "widgets", "id": 1}]
    dispatch.handle("installation", event, live_ctx)
    labels = fake.repo_labels(REPO)
    assert labels[HIGH]["color"] == "d93f0b" and labels[EXEMPT]["color"] == "0e8a16"
    dispatch.handle("installation", event, live_ctx)  # again: no error, nothing duplicated
    assert len([n for n in fake.repo_labels(REPO) if n.startswith("sieve/")]) == 3


def real_model_or_skip():
    pytest.importorskip("bot.scoring", reason="bot.scoring not written yet")
    persist = pytest.importorskip("bot.model.persist", reason="bot.model.persist not written yet")
    try:
        persist.load_model(None)
    except persist.ModelMismatchError as exc:
        pytest.skip(f"no usable shipped model: {exc}")


def test_real_scorer_end_to_end(fake, live_ctx, payload):
    real_model_or_skip()
    outcome = dispatch.handle("pull_request", pr_event(payload), live_ctx)
    assert outcome.startswith("scored ")
    [check] = fake.check_runs(REPO, SHA)
    assert check["conclusion"] == "neutral" and "Score" in check["output"]["summary"]
    assert "@" not in "".join(c["body"] for c in bot_comments(fake))


def test_a_template_chosen_from_a_folder_reaches_the_real_signals(fake, live_ctx, payload):
    """Through the real adapter: the folder is listed, its templates read, and the one the
    description follows is what the template signal judges."""
    real_model_or_skip()
    folder = ".github/PULL_REQUEST_TEMPLATE"
    fake.set_file(REPO, f"{folder}/bug.md", "## Bug\n\n### Cause\nWhat went wrong?\n\n### Fix\nHow is it fixed?\n")
    fake.set_file(REPO, f"{folder}/feature.md", "## Feature\n\n### Motivation\nWhy?\n\n### Design\nHow does it work?\n")
    open_eighth(fake, live_ctx, payload, "Add a dark theme", "## Feature\n\n### Motivation\nUsers asked.\n",
                [{"filename": "theme.css", "additions": 30, "patch": "@@ -0,0 +1 @@\n+a"}], ["Add a dark theme"])
    [check] = fake.check_runs(REPO, SHA)
    shown = check["output"]["summary"] + (check["output"].get("text") or "")
    assert "Design" in shown and "Cause" not in shown


def test_the_check_runs_clear_button_through_the_real_adapter(fake, live_ctx, scorer, payload):
    """The buttons reach GitHub within its limits (the fake refuses longer ones with a 422), and a
    maintainer's press clears the flag; the next check run offers the undo."""
    dispatch.handle("pull_request", pr_event(payload), live_ctx)
    [[button]] = fake.check_run_actions(REPO, SHA)
    assert button["identifier"] == "sieve-ok" and button["label"] == "Clear this flag"
    event = payload("check_run", "requested_action.payload.json")
    event["repository"]["full_name"] = REPO
    event["check_run"].update(name="PR Sieve", pull_requests=[{"number": 7, "id": 1, "url": "u", "head": {},
                                                               "base": {}}])
    event["check_run"]["app"]["slug"] = fake.state.app_slug
    event["requested_action"]["identifier"] = "sieve-ok"
    event["sender"]["login"] = "maintainer"
    assert dispatch.handle("check_run", event, live_ctx).startswith("button sieve-ok by maintainer")
    assert fake.issue_labels(REPO, 7) == []
    assert [[a["identifier"] for a in run] for run in fake.check_run_actions(REPO, SHA)] == [["sieve-ok-cancel"]]


def test_payloads_generated_by_the_fake_drive_the_app(fake, live_ctx, scorer):
    if not hasattr(fake, "pull_request_event"):
        pytest.skip("this bot.fakegithub cannot generate webhook payloads")
    assert dispatch.handle("pull_request", fake.pull_request_event(REPO, 7), live_ctx).startswith("scored")
    event = fake.issue_comment_event(REPO, 7, "/sieve explain\n> /sieve ok", "maintainer")
    assert dispatch.handle("issue_comment", event, live_ctx) == "commands: explain"
    assert live_ctx.state.get_override(REPO, 7) is None
    assert "PR Sieve, in detail" in bot_comments(fake)[-1]["body"]


def test_a_pr_closed_since_its_event_was_sent_is_read_as_closed_and_skipped(fake, live_ctx, scorer, payload):
    fake.add_pull(REPO, 8, {"title": "Fix", "body": "Added unit tests.", "user": "drive-by",
                            "author_association": "NONE", "head_sha": SHA, "state": "closed"},
                  files=[{"filename": "a.md", "additions": 1}], commits=["Fix"])
    event = pr_event(payload)  # sent while the PR was open: the payload says "open"
    event["pull_request"]["number"] = 8
    assert dispatch.handle("pull_request", event, live_ctx) == "skipped: closed (now)"
    assert fake.issue_labels(REPO, 8) == [] and fake.comments(REPO, 8) == [] and fake.check_runs(REPO, SHA) == []


def test_an_archived_repository_leaves_label_setup_to_the_others_through_the_real_adapter(fake, live_ctx, payload):
    for repo in ("octo-org/archived", "octo-org/zeta"):
        fake.add_repo(repo)
    fake.inject("POST", r"^/repos/octo-org/archived/labels$", status=403, times=None,
                body={"message": "Repository was archived so is read-only.", "status": "403"})
    event = payload("installation", "created.payload.json")
    event["installation"]["id"] = fake.installation_id
    event["repositories"] = [{"full_name": r} for r in ("octo-org/archived", REPO, "octo-org/zeta")]
    outcome = dispatch.handle("installation", event, live_ctx)  # no GitHubError: the worker marks it done
    assert outcome.startswith("labels ensured in 2 of 3 repositories; failed for good: octo-org/archived (HTTP 403")
    assert {HIGH, EXEMPT} <= set(fake.repo_labels(REPO)) and {HIGH, EXEMPT} <= set(fake.repo_labels("octo-org/zeta"))


HOSTILE_BODY = """## Summary
This PR introduces a comprehensive, robust fix. cc @kubernetes/sig-release @octocat
Added unit tests in `tests/test_@admin.py` and updated <script>alert(1)</script>docs/`evil`.md.
See https://evil.example/phish and www.evil.example, fixes #1 and kubernetes/kubernetes#99.
<img src=x onerror=alert(1)> [click](https://evil.example) ```unclosed
"""


def test_hostile_pr_through_real_signals_renders_inert(fake, live_ctx, monkeypatch, payload):
    from bot.app import review
    from bot.result import Result
    from bot.signals import run_signals

    from .test_render import assert_inert

    def signals_only(snapshot, config):
        return Result(score=90, band="high", probability=0.9, confidence=0.9, signals=run_signals(snapshot),
                      model_version="signals-only")

    monkeypatch.setattr(review, "score", signals_only)
    open_eighth(fake, live_ctx, payload, "@octocat <b>Fix</b> https://evil.example", HOSTILE_BODY,
                [{"filename": "docs/@admin`x`.md", "additions": 2, "patch": "@@ -1 +1 @@\n-a\n+b"}],
                ["Update docs/@admin`x`.md\n\nCo-authored-by: Claude <noreply@anthropic.com>"])
    [sticky] = [c for c in fake.comments(REPO, 8) if c["login"] == fake.bot_login]
    fired = [s for s in signals_only(live_ctx.github.get_snapshot(REPO, 8), None).fired if s.kind == "effort"]
    assert fired, "the hostile PR should fire at least one effort signal with evidence"
    assert_inert(sticky["body"])
    [check] = fake.check_runs(REPO, SHA)
    assert_inert(check["output"]["summary"])
    assert "\n" not in check["output"]["title"]



def test_a_label_removal_undone_before_it_was_handled_stays_undone(fake, live_ctx, scorer, payload):
    """Through PyGithub: the issue's event history shows the maintainer put the label back."""
    dispatch.handle("pull_request", pr_event(payload), live_ctx)
    fake.change_label(REPO, 7, HIGH, "maintainer", add=False)
    fake.change_label(REPO, 7, HIGH, "maintainer", add=True)
    event = fake.pull_request_event(REPO, 7, "unlabeled", sender="maintainer", label={"name": HIGH})
    assert dispatch.handle("pull_request", event, live_ctx).startswith("ignored: overtaken")
    assert fake.issue_labels(REPO, 7) == [HIGH]


def test_a_label_removal_wins_over_a_push_handled_first(fake, live_ctx, scorer, payload):
    """Through PyGithub: the push reads the issue's history before putting the label back, finds
    the maintainer's removal and records it; the removal's own delivery then changes nothing."""
    dispatch.handle("pull_request", pr_event(payload), live_ctx)
    fake.change_label(REPO, 7, HIGH, "maintainer", add=False)
    dispatch.handle("pull_request", pr_event(payload, "synchronize"), live_ctx)  # handled first
    assert fake.issue_labels(REPO, 7) == [] and live_ctx.state.get_override(REPO, 7).actor == "maintainer"
    event = fake.pull_request_event(REPO, 7, "unlabeled", sender="maintainer", label={"name": HIGH})
    assert dispatch.handle("pull_request", event, live_ctx).startswith("override recorded")
    assert fake.issue_labels(REPO, 7) == []
