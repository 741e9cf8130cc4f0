"""Careful Kubernetes-style PRs (CNCF conventions) that signals used to misread: scripts a person
ran named as files they changed, the template's issue-link stub, cherry-picks, a bug report quoted
as testing, and a template's hidden text counted as filler words."""

from __future__ import annotations

import pytest

from bot.signals.claims import mentions_missing_files
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
