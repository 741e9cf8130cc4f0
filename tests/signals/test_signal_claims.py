"""Description-versus-diff mismatches on real merged PRs (git_prs, complete file lists)."""

from __future__ import annotations

import pytest

from bot.scoring import STRONG_SIGNAL
from bot.signals.claims import claims_tests_without_tests, issue_link_only, mentions_missing_files
from bot.signals.filekinds import is_test_path
from bot.snapshot import FileChange, PRSnapshot


def test_claimed_unit_tests_with_no_test_file_fires(git_pr):
    snapshot = git_pr("celestia-core", 2079)  # "`state/execution_test.go`: Added two new tests", 1 non-test file
    hit = claims_tests_without_tests(snapshot)
    assert hit.value == 1.0 and hit.kind == "effort"
    assert "Added two new tests" in hit.evidence and hit.evidence.endswith("but the only changed file is not a test")
    many = snapshot.with_changes(files=snapshot.files * 3)
    assert claims_tests_without_tests(many).evidence.endswith("but none of the 3 changed files is a test")


def test_a_test_commit_in_a_squash_merge_list_is_no_claim(git_pr):
    squash = git_pr("sentry-python", 2846)  # "* Added unit tests for decorators" from a merged-in branch
    assert "* Added unit tests for decorators" in squash.body and len(squash.files) == 1
    assert not claims_tests_without_tests(squash).fired


def test_claimed_tests_with_a_test_file_do_not_fire(git_pr):
    snapshot = git_pr("sentry-python", 48)
    assert any(is_test_path(f.path) for f in snapshot.files)
    assert not claims_tests_without_tests(snapshot).fired


def test_template_reminder_to_add_tests_is_not_a_claim(git_pr):
    snapshot = git_pr("sentry-python", 5588)  # "- Please add tests to validate your changes"
    assert "Please add tests" in snapshot.body
    assert not any(is_test_path(f.path) for f in snapshot.files)
    assert not claims_tests_without_tests(snapshot).fired


def test_test_claims_need_a_complete_file_list():
    snapshot = PRSnapshot(title="x", body="Added unit tests.", files=(FileChange("a.go"),), files_changed=80)
    assert not claims_tests_without_tests(snapshot).fired


def test_rust_test_module_in_a_source_patch_counts_as_tests():
    patch = "@@ -1,2 +1,8 @@\n fn a() {}\n+#[cfg(test)]\n+mod tests {\n+    #[test]\n+    fn t() { assert!(true) }\n+}"
    snapshot = PRSnapshot(title="x", body="Added unit tests.", files=(FileChange("src/lib.rs", patch=patch),))
    assert not claims_tests_without_tests(snapshot).fired


def test_named_files_absent_from_the_diff_fire(git_pr):
    snapshot = git_pr("celestia-core", 2044)  # "Added comprehensive tests in `rpc/core/missing_block_test.go`"
    assert [f.path for f in snapshot.files] == ["rpc/core/blocks.go", "rpc/core/blocks_test.go"]
    hit = mentions_missing_files(snapshot)
    assert hit.value == 0.5  # blocks.go, also claimed ("4 lines changed in `rpc/core/blocks.go`"), is there
    assert hit.evidence.startswith("names `rpc/core/missing_block_test.go` (1 of 2 named files)")


def test_files_named_as_context_are_not_claimed_edits(git_pr):
    cause = git_pr("celestia-core", 3044)  # "`consensus/state.go`'s `addVote` silently drops any vote ..."
    assert "consensus/state.go" in cause.body and not mentions_missing_files(cause).fired
    callers = git_pr("sentry-python", 3973)  # "These mostly come from our existing `tox.ini`. ... `populate_tox.py`"
    assert not mentions_missing_files(callers).fired


def test_a_squash_merge_list_of_commits_claims_nothing(git_pr):
    squash = git_pr("fiber", 1509)  # "* Update write.go\n\n* Update write_bytes.go ..." (later reverted)
    assert squash.body.lstrip().startswith("* ") and "* Update write.go" in squash.body
    assert not mentions_missing_files(squash).fired


def test_named_files_present_in_the_diff_do_not_fire(git_pr):
    snapshot = git_pr("fiber", 3526)  # names addon/retry/exponential_backoff_test.go, which it changes
    assert "exponential_backoff_test.go" in snapshot.body
    assert not mentions_missing_files(snapshot).fired


def test_a_renamed_files_old_path_is_in_the_diff():
    """GitHub lists a rename under its new path with ``previous_filename``: a description that says
    what it renamed names the old path, which the diff does touch."""
    body = "Renamed `internal/config/load.go` to `internal/config/loader.go` so the name matches the docs."
    moved = FileChange(path="internal/config/loader.go", status="renamed", previous_filename="internal/config/load.go")
    assert not mentions_missing_files(PRSnapshot(title="Rename the config loader", body=body, files=(moved,))).fired
    unknown = FileChange(path="internal/config/loader.go", status="renamed")  # an export without the old path
    assert mentions_missing_files(PRSnapshot(title="Rename the config loader", body=body, files=(unknown,))).fired


def test_links_to_contributing_guide_are_not_file_claims(git_pr):
    snapshot = git_pr("sentry-python", 6879)  # template links CONTRIBUTING.md
    assert "CONTRIBUTING.md" in snapshot.body
    assert not mentions_missing_files(snapshot).fired


def test_fixes_only_description_fires_as_weak_evidence(git_pr):
    hit = issue_link_only(git_pr("celestia-core", 4035))
    assert hit.value == 0.4 and "'Fixes #4026'" in hit.evidence
    assert hit.value < STRONG_SIGNAL  # the explanation may live in the issue: never "high" on this alone


def test_an_issue_link_with_a_few_words_counts_less(git_pr):
    # human (celestia-core #5347): "Closes #5145\n\nalso applies to light/client" (celestia-core #5054,
    # here before, is a cut title's tail and "Closes #4773": a bare link, tests/signals/test_signal_audit_fixes.py)
    hit = issue_link_only(git_pr("celestia-core", 5347))
    assert hit.value == 0.25 and "Closes #5145" in hit.evidence


def test_fixes_with_an_explanation_does_not_fire(git_pr):
    snapshot = git_pr("sentry-python", 6790)  # explains the move, then "Fixes #6789"
    assert "Fixes #6789" in snapshot.body
    assert not issue_link_only(snapshot).fired


def test_one_bare_config_file_name_is_not_enough(git_pr):
    snapshot = git_pr("celestia-core", 4604)  # mentions `config.toml` as a concept, changes Go code
    assert "config.toml" in snapshot.body
    assert not any(f.path.endswith("config.toml") for f in snapshot.files)
    assert not mentions_missing_files(snapshot).fired


def test_guidance_about_writing_tests_is_not_a_test_claim(git_pr):
    snapshot = git_pr("sentry-python", 565)  # "* doc: Add guidance for writing tests for integrations"
    assert "Add guidance for writing tests" in snapshot.body
    assert not claims_tests_without_tests(snapshot).fired


def test_a_path_in_a_fenced_command_example_is_not_a_claimed_edit(git_pr):
    snapshot = git_pr("sentry-python", 5699)  # shows "TESTPATH=tests/.../test_logging.py tox ..." in a fence
    assert "```\n  TESTPATH=tests/integrations/logging/test_logging.py" in snapshot.body
    assert not mentions_missing_files(snapshot).fired


PARSER_ONLY = (FileChange("src/parser.rs", additions=3, deletions=1),)


def _neither_claim_fires(body: str) -> bool:
    snapshot = PRSnapshot(title="t", body=body, files=PARSER_ONLY)
    return not mentions_missing_files(snapshot).fired and not claims_tests_without_tests(snapshot).fired


def test_fenced_output_is_not_the_authors_claim():
    pasted = ("Fix the panic on empty input.\n\n```\nthread 'main' panicked at src/lexer/mod.rs:41:9\n"
              "$ git log --oneline\nabc123 Add unit tests for parser\n```\n")
    assert _neither_claim_fires(pasted)
    assert _neither_claim_fires("Fix.\n~~~\nsee src/lexer/mod.rs and lib/a.rs\nAdded unit tests")  # unclosed
    after = PRSnapshot(title="t", body=pasted + "\nI also added unit tests in src/lexer/mod.rs.", files=PARSER_ONLY)
    assert claims_tests_without_tests(after).evidence.startswith("says 'I also added unit tests")
    assert mentions_missing_files(after).evidence.startswith("names `src/lexer/mod.rs`")


def test_quoted_lines_are_someone_elses_words():
    quoted = ("Closes #12.\n\n> The parser panics on empty input; src/lexer/mod.rs and lib/a.rs need a guard.\n"
              "> Maybe add unit tests too?\n\nGuard the empty case in the parser.")
    assert _neither_claim_fires(quoted)
    own = PRSnapshot(title="t", body=quoted + "\nAdded unit tests in src/lexer/mod.rs and lib/a.rs.", files=PARSER_ONLY)
    assert claims_tests_without_tests(own).fired and mentions_missing_files(own).fired



def test_struck_through_template_checklist_is_neither_a_test_claim_nor_a_file_claim(git_pr):
    # celestia-core (2024, maintainers' changelog move and revert): the PR checklist with the items
    # that do not apply struck through, "- ~[ ] Tests written/updated~" / "~- [ ] Tests
    # written/updated~" and "~- [] Updated relevant documentation (`docs/` or `spec/`) …~"
    moved = git_pr("celestia-core", 3479)
    assert "- ~[ ] Tests written/updated~" in moved.body and "(`docs/` or `spec/`)" in moved.body
    assert not claims_tests_without_tests(moved).fired
    assert not mentions_missing_files(moved).fired
    revert = git_pr("celestia-core", 3705)
    assert "~- [ ] Tests written/updated~" in revert.body and "~- [] Updated relevant" in revert.body
    assert not mentions_missing_files(revert).fired
    untested = revert.with_changes(files=tuple(f for f in revert.files if not is_test_path(f.path)),
                                   files_changed=sum(1 for f in revert.files if not is_test_path(f.path)))
    assert not claims_tests_without_tests(untested).fired


def test_files_named_to_run_or_as_existing_context_are_not_claimed_edits(git_pr):
    ran = git_pr("sentry-python", 6496)  # "... and run `scripts/generate-test-files.sh`."
    assert "run `scripts/generate-test-files.sh`" in ran.body and not mentions_missing_files(ran).fired
    existing = git_pr("sentry-python", 3887)  # "The existing test in `tests/test_scope.py` covers ..."
    assert "existing test in `tests/test_scope.py`" in existing.body
    assert not mentions_missing_files(existing).fired
    claimed = existing.with_changes(body=existing.body + "\n\nI also updated `tests/test_scope.py`.")
    assert "`tests/test_scope.py`" in mentions_missing_files(claimed).evidence


def test_a_directory_tree_in_the_description_lists_files_it_does_not_claim(git_pr):
    tree = git_pr("celestia-core", 4227)  # "The archive will contain the following: ├── config.toml ..."
    assert "├── config.toml" in tree.body and not mentions_missing_files(tree).fired


@pytest.mark.parametrize("path, is_test", [
    ("polls/tests.py", True), ("app/test.py", True), ("pkg/parser_tests.py", True), ("pkg/test_parser.py", True),
    ("pkg/contest.py", False), ("pkg/latest.py", False), ("pkg/mytests.py", False), ("pkg/tests.pyc", False),
])
def test_djangos_tests_py_is_a_test_file(path, is_test):
    """A PR adding ``polls/tests.py`` was told it "changes no test files" (found by review)."""
    assert is_test_path(path) is is_test
