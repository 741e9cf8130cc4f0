"""Commit-message uniformity and ignored PR templates on real records."""

from __future__ import annotations

import pytest

from bot.signals.commits import commit_message_uniformity
from bot.signals.pr_template import template_sections_ignored

# The cometbft/celestia-core PR template as it appears at the end of that era's PR bodies.
CELESTIA_TEMPLATE = """<!--
Please add a reference to the issue that this PR addresses and indicate which
files are most critical to review.
-->

---

#### PR checklist

- [ ] Tests written/updated
- [ ] Changelog entry added in `.changelog` (we use
[unclog](https://github.com/informalsystems/unclog) to manage our
changelog)
- [ ] Updated relevant documentation (`docs/` or `spec/`) and code
comments
"""


def test_uniform_bullet_list_commits_fire(git_pr):
    hit = commit_message_uniformity(git_pr("fiber", 4494))  # 10 long bulleted agent commits
    assert hit.fired and hit.kind == "effort"
    assert "10 of 10 commits have long bullet-list bodies of one shape" in hit.evidence


def test_initial_plan_commit_is_generic(git_pr):
    hit = commit_message_uniformity(git_pr("fiber", 4380))
    assert hit.fired and "'Initial plan'" in hit.evidence


def test_ordinary_human_commit_series_does_not_fire(git_pr):
    snapshot = git_pr("fiber", 1210)  # five short, specific subjects
    assert len(snapshot.commits) >= 5
    assert not commit_message_uniformity(snapshot).fired


def test_web_editor_defaults_alone_are_no_evidence(git_pr):
    # human (fiber #1168, "Remove duplicate line"): one commit, GitHub's default "Update memory.go"
    assert not commit_message_uniformity(git_pr("fiber", 1168)).fired


def test_a_default_beside_a_generic_subject_adds_nothing():
    from bot.snapshot import Commit, PRSnapshot
    commits = (Commit("Update README.md"), Commit("wip"))
    hit = commit_message_uniformity(PRSnapshot(title="x", commits=commits))
    assert hit.value == pytest.approx(0.5)  # the "wip" alone: 1 of 2


def test_web_editor_subject_with_a_written_body_is_not_generic(git_pr):
    # human (2020): "Update README.md" + "fix: Updated line 32 `AllowHeader` to `AllowHeaders` …";
    # human (2020): four "Update README_fr.md" commits, each saying what the translation step did
    for number in (822, 150):
        snapshot = git_pr("fiber", number)
        assert any(c.message.startswith("Update README") and "\n\n" in c.message for c in snapshot.commits)
        assert not commit_message_uniformity(snapshot).fired, number


def test_unchecked_template_checklist_fires(git_pr):
    snapshot = git_pr("celestia-core", 2070).with_changes(pr_template=CELESTIA_TEMPLATE)
    hit = template_sections_ignored(snapshot)
    assert hit.value == pytest.approx(0.5)
    assert "'PR checklist' all boxes unchecked" in hit.evidence


def test_filled_template_does_not_fire(git_pr):
    snapshot = git_pr("celestia-core", 2086).with_changes(pr_template=CELESTIA_TEMPLATE)
    assert "- [x] Tests written/updated" in snapshot.body
    assert not template_sections_ignored(snapshot).fired


def test_deleted_template_fires_fully(git_pr):
    snapshot = git_pr("celestia-core", 4035).with_changes(pr_template=CELESTIA_TEMPLATE)  # "Fixes #4026"
    hit = template_sections_ignored(snapshot)
    assert hit.value == pytest.approx(0.5) and "'PR checklist' deleted" in hit.evidence
    empty = template_sections_ignored(snapshot.with_changes(body=""))
    assert empty.value == 1.0


def test_no_known_template_keeps_quiet(git_pr):
    assert not template_sections_ignored(git_pr("celestia-core", 2070)).fired


# kubernetes/kubernetes' PR template (2024), as GitHub pre-fills it into the description box
K8S_TEMPLATE = """<!--  Thanks for sending a pull request!  Here are some tips for you:

1. If this is your first time, please read our contributor guidelines: https://git.k8s.io/community/contributors/guide/first-contribution.md
2. If you want *faster* PR reviews, read how: https://git.k8s.io/community/contributors/guide/pull-requests.md
-->

#### What type of PR is this?

<!--
Add one of the following kinds:
/kind bug
/kind cleanup
/kind documentation
/kind feature
-->

#### What this PR does / why we need it:

#### Which issue(s) this PR is related to:

<!--
Usage: `Fixes #<issue number>`, or `Fixes (paste link of issue)`.
-->

#### Special notes for your reviewer:

#### Does this PR introduce a user-facing change?
<!--
If no, just write "NONE" in the release-note block below.
-->
```release-note

```

#### Additional documentation e.g., KEPs (Kubernetes Enhancement Proposals), usage docs, etc.:

<!--
This section can be blank if this PR does not require a release note.
-->
```docs

```
"""


def _k8s_body(kind: str, what: str, issue: str, note: str) -> str:
    body = K8S_TEMPLATE.replace("-->\n\n#### What this PR does / why we need it:\n",
                                f"-->\n{kind}\n\n#### What this PR does / why we need it:\n{what}\n")
    body = body.replace("#### Which issue(s) this PR is related to:\n", f"#### Which issue(s) this PR is related to:\n{issue}\n")
    return body.replace("```release-note\n\n```", f"```release-note\n{note}\n```")


def test_a_filled_kubernetes_template_with_its_optional_sections_blank_is_not_ignored(git_pr):
    # a real human PR's words in Kubernetes' template: special notes and extra docs left blank,
    # as most Kubernetes PRs leave them
    human = git_pr("celestia-core", 2086)
    body = _k8s_body("/kind bug", human.title, "Fixes #2085", "NONE")
    assert not template_sections_ignored(human.with_changes(pr_template=K8S_TEMPLATE, body=body)).fired


def test_an_untouched_kubernetes_template_is_ignored(git_pr):
    snapshot = git_pr("celestia-core", 2086).with_changes(pr_template=K8S_TEMPLATE, body=K8S_TEMPLATE)
    hit = template_sections_ignored(snapshot)
    assert hit.value == 1.0  # every section but the optional docs one, the silent ones included
    assert hit.evidence.startswith("6 of 6 template sections ignored")


def test_an_unanswered_release_note_block_still_counts(git_pr):
    body = _k8s_body("/kind bug", "Fix the parser's handling of empty input.", "", "")
    hit = template_sections_ignored(git_pr("celestia-core", 2086).with_changes(pr_template=K8S_TEMPLATE, body=body))
    assert hit.evidence == "1 of 6 template sections ignored: 'Does this PR introduce a user-facing ch…' left unfilled"


def test_layout_the_template_asks_for_is_not_the_authors(git_pr):
    # celestia-core #2086's words in Kubernetes' template, on a 2-line change: six headings are
    # the project's form, counted against the author only while the template is unknown
    from dataclasses import replace

    from bot.signals.description_weight import template_weight
    from bot.snapshot import FileChange

    human = git_pr("celestia-core", 2086)
    small = replace(human, files=(FileChange("a.go", additions=1, deletions=1),), files_changed=1,
                    additions=1, deletions=1, body=_k8s_body("/kind bug", human.title, "Fixes #2085", "NONE"))
    assert template_weight(small).fired and "headers" in template_weight(small).evidence
    assert not template_weight(replace(small, pr_template=K8S_TEMPLATE)).fired
