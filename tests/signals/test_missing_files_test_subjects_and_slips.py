"""``mentions_missing_files`` does not report a file that new tests are for, nor a file named
with a slip in its extension or directory.

"Added unit tests for `src/utils/format.ts`" claims tests, not an edit to format.ts: the diff
holds format.test.ts. "Updated `deploy/values.yml`" when the diff holds ``deploy/values.yaml``,
or "`.github/workflow/ci.yml`" for ``.github/workflows/ci.yml``, names the right file with a slip.
Telling the author "the diff does not touch it" is false.
"""

from __future__ import annotations

import pytest

from bot.signals.claims import mentions_missing_files
from bot.snapshot import FileChange, PRSnapshot


def _hit(body: str, paths):
    files = tuple(FileChange(path=p, additions=5, deletions=1) for p in paths)
    return mentions_missing_files(PRSnapshot(title="t", body=body, files=files))


@pytest.mark.parametrize("body, paths", [
    ("- added test cases for `internal/auth/config.go` and `internal/auth/tls.go`",
     ["internal/auth/config_test.go", "internal/auth/tls_test.go"]),
    ("Added unit tests for src/utils/format.ts", ["src/utils/format.test.ts"]),
    ("Added specs for `lib/cache/lru.rb`", ["spec/cache/lru_spec.rb"]),
    ("Added test coverage of `app/billing/invoice.py`", ["tests/billing/test_invoice.py"]),
])
def test_a_file_named_as_what_new_tests_are_for_is_no_claimed_edit(body, paths):
    assert not _hit(body, paths).fired


@pytest.mark.parametrize("body, paths", [
    ("- Add a metrics section to deploy/helm/values.yml", ["deploy/helm/values.yaml"]),
    ("- Add a metrics section to deploy/helm/values.yaml", ["deploy/helm/values.yml"]),
    ("- updated `.github/workflow/ci-lint.yml` to collect logs", [".github/workflows/ci-lint.yml"]),
    ("- updated the exit code in `script/release.sh`", ["scripts/release.sh"]),
])
def test_a_file_named_with_a_slip_is_the_changed_file(body, paths):
    assert not _hit(body, paths).fired


def test_a_file_changed_after_naming_what_tests_are_for_is_still_claimed():
    hit = _hit("Added tests for `pkg/a/a.go` and updated `pkg/b/b.go` to close the body",
               ["pkg/a/a_test.go", "pkg/c/c.go"])
    assert hit.fired and "`pkg/b/b.go`" in hit.evidence and "a.go" not in hit.evidence


def test_a_named_file_the_diff_does_not_hold_still_fires():
    hit = _hit("Updated `internal/server/handler.go` to close the body", ["internal/client/retry.go"])
    assert hit.value == 1.0
    assert hit.evidence == "names `internal/server/handler.go` (1 of 1 named file) but the diff does not touch it"


def test_a_yaml_file_of_another_name_still_fires():
    assert _hit("Updated `deploy/helm/values.yml` for the new port", ["deploy/helm/defaults.yaml"]).fired


@pytest.mark.parametrize("body, paths, missing", [
    # another directory is another file, however common its name (review-sigfix #6a)
    ("Updated `src/server/config.go` to read the env", ["internal/client/config.go"], ["src/server/config.go"]),
    ("Modified `packages/cli/package.json` and `packages/core/package.json`", ["package.json"],
     ["packages/cli/package.json", "packages/core/package.json"]),
    ("Updated `pkg/api/index.ts` and `pkg/web/index.ts`", ["pkg/api/index.ts"], ["pkg/web/index.ts"]),
    ("Updated the group in `api/v1beta1/types.go`", ["api/v1beta2/types.go"], ["api/v1beta1/types.go"]),
])
def test_a_file_of_the_same_name_in_another_directory_is_not_the_named_file(body, paths, missing):
    hit = _hit(body, paths)
    assert hit.fired and all(f"`{m}`" in hit.evidence for m in missing)


@pytest.mark.parametrize("body, paths", [
    ("- updated `pkg/fixture/seed.go` to add a user", ["pkg/fixtures/seed.go"]),
    ("- updated `.github/worfklows/ci.yml`", [".github/workflows/ci.yml"]),
    ("- updated `tests/e2e-utils/run.sh`", ["tests/e2e_utils/run.sh"]),
])
def test_a_directory_with_a_plural_letter_or_separator_slip_is_the_changed_one(body, paths):
    assert not _hit(body, paths).fired


@pytest.mark.parametrize("body", [
    # the file is claimed too: tests are not the verb's only object (review-sigfix #6b)
    "Added validation and tests for `pkg/auth/config.go`",
    "Added validation and unit tests for `pkg/auth/config.go`",
    "Updated coverage on `pkg/auth/config.go`",
])
def test_tests_that_share_the_verb_with_another_change_do_not_excuse_the_file(body):
    hit = _hit(body, ["pkg/server/handler.go"])
    assert hit.fired and "`pkg/auth/config.go`" in hit.evidence


@pytest.mark.parametrize("body", [
    "Fixed the parser and added table-driven tests for `pkg/auth/config.go`",
    "- Adds a regression test for `pkg/auth/config.go`",
])
def test_tests_as_the_verbs_sole_object_excuse_the_file(body):
    assert not _hit(body, ["pkg/auth/config_test.go"]).fired
