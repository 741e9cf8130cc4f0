"""Careful Kubernetes-style PRs (CNCF conventions) that signals used to misread: scripts a person
ran named as files they changed, the template's issue-link stub, cherry-picks, a bug report quoted
as testing, and a template's hidden text counted as filler words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.signals.care import explains_testing
from bot.signals.claims import mentions_missing_files
from bot.signals.phrasing import generic_summary_phrasing
from bot.signals.pr_template import template_sections_ignored
from bot.snapshot import FileChange, PRSnapshot

# An API field with its generated files: what `hack/update-codegen.sh` writes is in the diff,
# the scripts themselves are not
API_FILES = (FileChange("staging/src/k8s.io/api/core/v1/types.go", additions=6),
             FileChange("staging/src/k8s.io/api/core/v1/zz_generated.deepcopy.go", additions=5),
             FileChange("staging/src/k8s.io/api/core/v1/generated.pb.go", additions=40))


def _api_pr(body: str) -> PRSnapshot:
    return PRSnapshot(title="api: add NodeStatus.AddressesObserved", body=body, files=API_FILES, files_changed=3)


@pytest.mark.parametrize("said", [
    "Generated files updated with `hack/update-codegen.sh` and `hack/update-openapi-spec.sh`.",
    "I ran `hack/update-codegen.sh` and `hack/update-openapi-spec.sh`.",
    "Ran hack/update-vendor.sh and hack/update-gofmt.sh",
    "Regenerated the clients using hack/update-codegen.sh, hack/update-openapi-spec.sh and hack/update-vendor.sh.",
])
def test_scripts_a_person_ran_are_not_files_they_claim_to_change(said):
    body = f"Add `NodeStatus.AddressesObserved` so controllers can tell \"no addresses yet\" from \"none\".\n{said}"
    assert not mentions_missing_files(_api_pr(body)).fired


def test_a_verb_inside_a_path_or_a_code_span_makes_no_claim():
    # "update" in the script's name, "changed" in a command's flag: neither says a file was changed
    for said in ("`hack/update-codegen.sh` reads its list of API groups from `hack/lib/codegen-groups.sh`.",
                 "- `gofmt -l --set-exit-if-changed pkg/kubelet/status/status_manager.go` prints nothing"):
        assert not mentions_missing_files(_api_pr(said)).fired, said


def test_the_verb_window_is_measured_on_the_text_as_written():
    # the verb stands 60+ characters before the folder: the folder is context, not a claimed edit
    body = ("Adds a script to find all `raise ... from None` occurrences in the `sentry_sdk/` folder.")
    assert not mentions_missing_files(_api_pr(body)).fired


def test_a_file_claimed_as_changed_still_fires_when_the_diff_does_not_touch_it():
    hit = mentions_missing_files(_api_pr("I updated `pkg/kubelet/status/status_manager.go` to keep Failed pods."))
    assert hit.value == 1.0
    assert hit.evidence.startswith("names `pkg/kubelet/status/status_manager.go` (1 of 1 named file)")
    touched = _api_pr("I updated `staging/src/k8s.io/api/core/v1/types.go` to add the field.")
    assert not mentions_missing_files(touched).fired


def test_a_claim_after_the_scripts_on_the_same_line_is_still_a_claim():
    body = ("Ran `hack/update-codegen.sh` and `hack/update-openapi-spec.sh`, and updated "
            "`pkg/apis/core/v1/defaults.go` to default the field.")
    hit = mentions_missing_files(_api_pr(body))
    assert hit.fired and "`pkg/apis/core/v1/defaults.go` (1 of 1 named file)" in hit.evidence
    # what a command is run to change is the command's doing, not a claim
    told = "Run `hack/update-codegen.sh` to update `pkg/generated/openapi/zz_generated.openapi.go`."
    assert not mentions_missing_files(_api_pr(told)).fired


# kubernetes/kubernetes' PR template, shortened (its comments cut to a line or two)
# the real kubernetes/kubernetes template (Apache-2.0), kept once for the benchmark and the tests
K8S_TEMPLATE = (Path(__file__).resolve().parents[2] / "benchmarks" / "kubernetes_pr_template.md").read_text()


def _k8s(body: str, title: str = "kubelet: remove unused legacyStatusKey") -> PRSnapshot:
    return PRSnapshot(title=title, body=body, pr_template=K8S_TEMPLATE)


def _filled(what: str, issue: str = "Fixes #", note: str = "NONE") -> str:
    body = K8S_TEMPLATE.replace("#### What this PR does / why we need it:\n",
                                f"#### What this PR does / why we need it:\n\n{what}\n")
    body = body.replace("-->\n\n#### What this PR does", "-->\n\n/kind cleanup\n\n#### What this PR does")
    return body.replace("-->\nFixes #\n", f"-->\n{issue}\n").replace("```release-note\n\n```",
                                                                    f"```release-note\n{note}\n```")


def test_the_issue_link_stub_left_as_it_is_is_no_ignored_section():
    # a cleanup has no issue to link; the template says to use `Fixes` only when there is one
    body = _filled("Removes the `legacyStatusKey` helper, unused since the status manager moved to `podStatuses`.")
    assert "-->\nFixes #\n" in body
    assert not template_sections_ignored(_k8s(body)).fired
    linked = _filled("Removes the unused `legacyStatusKey` helper.", issue="Fixes #125311")
    assert not template_sections_ignored(_k8s(linked)).fired


def test_a_cherry_pick_made_by_the_script_is_quiet():
    body = ("Cherry pick of #124567 on release-1.32.\n\n#124567: kubelet: clean up volumes of pods that ended in Failed\n\n"
            "For details on the cherry pick process, see the [cherry pick requests]"
            "(https://git.k8s.io/community/contributors/devel/sig-release/cherry-picks.md) page.\n\n"
            "```release-note\nFixed a bug where the kubelet did not clean up the volumes of Failed pods.\n```\n")
    title = "Automated cherry pick of #124567: kubelet: clean up volumes of pods that ended in Failed"
    assert not template_sections_ignored(_k8s(body, title)).fired
    assert not template_sections_ignored(_k8s("Backport of #124567.", "[release-1.31] Cherry-pick of #124567")).fired


def test_a_release_note_block_without_its_heading_answers_its_section():
    body = ("kubelet: treat Failed pods like Succeeded ones when cleaning up volumes.\n\nFixes #124567\n\n"
            "```release-note\nFixed a bug where the kubelet did not clean up the volumes of Failed pods.\n```\n")
    assert not template_sections_ignored(_k8s(body, "kubelet: clean up volumes of Failed pods")).fired
    empty = body.replace("Fixed a bug where the kubelet did not clean up the volumes of Failed pods.\n", "")
    hit = template_sections_ignored(_k8s(empty, "kubelet: clean up volumes of Failed pods"))
    assert hit.evidence == "1 of 5 template sections ignored: 'Does this PR introduce a user-facing ch…' left unfilled"


def test_an_ignored_kubernetes_template_still_fires():
    assert template_sections_ignored(_k8s(K8S_TEMPLATE)).value == 1.0  # untouched: the stub counts too
    # "What this PR does / why we need it" deleted, the rest left as the template put it
    start, end = K8S_TEMPLATE.index("#### What this PR does"), K8S_TEMPLATE.index("#### Which issue")
    hit = template_sections_ignored(_k8s(K8S_TEMPLATE[:start] + K8S_TEMPLATE[end:]))
    assert hit.value == 1.0 and "'What this PR does / why we need it:' deleted" in hit.evidence
    # a free-form description that drops the release note
    hit = template_sections_ignored(_k8s("Remove the unused helper.\n\nFixes #125311"))
    assert hit.evidence == "1 of 5 template sections ignored: 'Does this PR introduce a user-facing ch…' deleted"


def test_a_placeholder_left_as_it_is_still_fires():
    template = ("## What this PR does / why we need it\n\n_Describe the change and why it is needed._\n\n"
                "## Which issue(s) this PR fixes\n\nFixes #\n")
    body = template.replace("Fixes #\n", "Fixes #4211\n")
    hit = template_sections_ignored(PRSnapshot(title="Fix the parser", body=body, pr_template=template))
    assert hit.evidence == "1 of 2 template sections ignored: 'What this PR does / why we need it' left unfilled"


BUG_REPORT = ("The terminal pod manager only cleaned up pods that ended in `Succeeded`. Pods that ended in\n"
              "`Failed` stayed in `podStatuses` until the kubelet restarted, so their volumes were not\n"
              "unmounted and `kubectl describe node` kept showing them as terminating.\n")


def test_the_testing_evidence_quotes_the_test_command_not_the_bug_report():
    body = (BUG_REPORT + "\n#### Special notes for your reviewer:\n\n"
            "I reproduced this on a kind cluster with a Job whose pod exits 1; with the fix the pod's\n"
            "volumes are unmounted within one sync period. Unit tests: `go test ./pkg/kubelet/status/...`\n")
    hit = explains_testing(PRSnapshot(title="kubelet: clean up volumes of pods that ended in Failed", body=body))
    assert hit.value == 1.0
    assert "`go test ./pkg/kubelet/status/...`" in hit.evidence and "kubectl" not in hit.evidence


def test_a_line_saying_the_command_ran_is_preferred_too():
    body = BUG_REPORT + "\nAfter the fix I ran `kubectl get pods -A` on the kind cluster: none left terminating.\n"
    hit = explains_testing(PRSnapshot(title="kubelet: clean up Failed pods", body=body))
    assert hit.value == 1.0 and "I ran `kubectl get pods -A`" in hit.evidence


def test_with_no_better_line_the_first_command_is_still_quoted_at_the_same_value():
    hit = explains_testing(PRSnapshot(title="kubelet: clean up Failed pods", body=BUG_REPORT))
    assert hit.value == 1.0 and "`kubectl describe node` kept showing them" in hit.evidence


def test_a_templates_hidden_text_headings_and_kep_links_are_no_filler_words():
    # the template unknown (an offline export): its comment says "Ensure …", its heading names
    # "Kubernetes Enhancement Proposals", and the author links the KEP twice
    body = _filled("Adds `NodeStatus.AddressesObserved` so controllers can tell \"no addresses yet\" from \"none\".\n"
                   "KEP: https://github.com/kubernetes/enhancements/issues/5419", issue="Fixes #125100",
                   note="Added `NodeStatus.addressesObserved`.")
    body = body.replace("```docs\n\n```", "```docs\n- [KEP]: https://github.com/kubernetes/enhancements/tree/"
                                          "master/keps/sig-node/5419-addresses-observed\n```")
    snapshot = PRSnapshot(title="api: add NodeStatus.AddressesObserved", body=body)
    assert "3. Ensure you have added" in body and "(Kubernetes Enhancement Proposals)" in body
    assert not generic_summary_phrasing(snapshot).fired


def test_filler_words_in_the_authors_own_sentences_still_count():
    body = ("## Summary\n\nThis PR introduces a comprehensive retry layer that ensures robust, seamless "
            "reconnects and enhances maintainability. See https://example.com/robust-design.\n")
    hit = generic_summary_phrasing(PRSnapshot(title="Add retry layer", body=body))
    assert hit.value == pytest.approx(0.25 + 0.2 + 0.35)
    assert "filler words comprehensive, enhances, ensures, maintainability" in hit.evidence
