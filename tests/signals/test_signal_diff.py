"""Signals that read the changed files and their patches (git_prs diffs_sample, split per file)."""

from __future__ import annotations

from bot.signals.docs_only import docs_only_drive_by
from bot.signals.formatting import whitespace_or_format_only
from bot.signals import assertions, filekinds
from bot.snapshot import FileChange, PRSnapshot


def test_one_line_readme_edit_is_a_docs_only_drive_by(git_pr):
    hit = docs_only_drive_by(git_pr("sentry-python", 813))
    assert hit.value == 1.0 and hit.kind == "effort" and "README.md" in hit.evidence


def test_workflow_and_code_files_named_like_community_files_are_not_documentation(git_pr):
    # human (fiber #162): ".github/workflows/security.yml" is CI, not SECURITY.md
    snapshot = git_pr("fiber", 162)
    assert [f.path for f in snapshot.files] == [".github/workflows/security.yml"]
    assert not docs_only_drive_by(snapshot).fired
    for path in ("middleware/proxy/security.go", ".changeset/changelog.cjs", ".github/workflows/license.yml"):
        assert not filekinds.is_community_file(path), path
    for path in ("SECURITY.md", "LICENSE", "LICENSE.txt", "CHANGELOG_PENDING.md", ".github/CODEOWNERS"):
        assert filekinds.is_community_file(path), path


def test_changelog_or_codeowners_alone_is_bookkeeping_not_a_drive_by(git_pr):
    # humans: sentry-python #1141 "Update CHANGELOG.md for release 1.2.0"; fiber #424 CODEOWNERS
    for name, number in (("sentry-python", 1141), ("fiber", 424)):
        assert not docs_only_drive_by(git_pr(name, number)).fired, (name, number)


def test_docs_together_with_code_is_not_docs_only(git_pr):
    snapshot = git_pr("celestia-core", 4035)  # docs/*.md plus config/toml.go
    assert any(f.path.endswith(".md") for f in snapshot.files)
    assert not docs_only_drive_by(snapshot).fired


def test_docs_site_code_under_docs_is_not_documentation(git_pr):
    # human (2021): Sphinx's docs/conf.py; human (2020): the VuePress site's package.json and lockfile
    for name, number, path in (("sentry-python", 1142, "docs/conf.py"), ("celestia-core", 4364, "docs/package-lock.json")):
        snapshot = git_pr(name, number)
        assert path in {f.path for f in snapshot.files}
        assert not docs_only_drive_by(snapshot).fired, (name, number)


def test_docs_site_pages_and_images_still_count_as_documentation(git_pr):
    snapshot = git_pr("liam", 3489)  # .mdx guide pages under frontend/apps/docs/
    assert all(filekinds.is_doc_path(f.path) for f in snapshot.files)


def test_large_docs_change_does_not_fire(git_pr):
    tiny = docs_only_drive_by(git_pr("sentry-python", 813))
    guide = docs_only_drive_by(git_pr("liam", 3489))  # a 1,200-line docs guide: real work
    assert tiny.fired and not guide.fired


def test_whitespace_only_merge_fires(git_pr_with_diff):
    snapshot = git_pr_with_diff("fiber", 2944)  # trailing newline / blank-line changes in 3 files
    hit = whitespace_or_format_only(snapshot)
    assert hit.value == 1.0 and "middleware/csrf/csrf.go" in hit.evidence


def test_moving_a_lock_call_is_not_formatting(git_pr_with_diff):
    # celestia-core #5849 moves cli.mtx.Lock() below an early return: same lines, new meaning
    snapshot = git_pr_with_diff("celestia-core", 5849)
    assert "cli.mtx.Lock()" in snapshot.files[0].patch
    assert not whitespace_or_format_only(snapshot).fired


def test_python_reindent_is_a_real_change():
    patch = "@@ -1,3 +1,3 @@\n if ok:\n-    run()\n-log()\n+    run()\n+    log()"
    snapshot = PRSnapshot(title="x", files=(FileChange("a.py", patch=patch),))
    assert not whitespace_or_format_only(snapshot).fired


def test_unknown_patches_keep_format_check_quiet(git_pr):
    snapshot = git_pr("fiber", 2944)  # same PR, stats only
    assert all(f.patch is None for f in snapshot.files)
    assert not whitespace_or_format_only(snapshot).fired


def test_new_go_test_with_require_calls_is_fine(git_pr_with_diff):
    assert not assertions.tests_without_assertions(git_pr_with_diff("fiber", 3526)).fired


def test_same_go_test_without_its_assertions_fires(git_pr_with_diff):
    snapshot = git_pr_with_diff("fiber", 3526)
    test_file = next(f for f in snapshot.files if f.path == "addon/retry/config_test.go")
    hollow = "\n".join(line for line in test_file.patch.splitlines() if "require.Equal" not in line)
    files = tuple(f if f is not test_file else FileChange(f.path, "added", f.additions - 3, 0, hollow)
                  for f in snapshot.files)
    hit = assertions.tests_without_assertions(snapshot.with_changes(files=files))
    assert hit.fired and "addon/retry/config_test.go" in hit.evidence


def test_shared_validation_suite_counts_as_asserting(git_pr_with_diff):
    # liam #3601 adds an integration test that runs LangGraph's checkpoint validate() suite
    snapshot = git_pr_with_diff("liam", 3601)
    assert any(f.path.endswith(".integration.test.ts") and f.status == "added" for f in snapshot.files)
    assert not assertions.tests_without_assertions(snapshot).fired


def test_e2e_config_file_is_not_a_test(git_pr_with_diff):
    snapshot = git_pr_with_diff("liam", 674)  # adds frontend/packages/e2e/playwright.config.ts
    assert any(f.path.endswith("playwright.config.ts") and f.status == "added" for f in snapshot.files)
    assert not assertions.tests_without_assertions(snapshot).fired


def test_a_patch_the_export_cut_counts_as_unknown(git_pr_with_diff):
    """onlyrobots-style exports cut long patches (``patch_truncated: true``): what lies past the cut
    could be an assertion or a real change, so the signals that need the whole patch stay quiet."""
    from dataclasses import replace

    from bot.signals.symbols import mentions_missing_symbols

    fmt = git_pr_with_diff("fiber", 2944)  # a whitespace-only merge: fires with whole patches
    cut = fmt.with_changes(files=tuple(replace(f, patch_truncated=True) for f in fmt.files))
    assert whitespace_or_format_only(fmt).fired and not whitespace_or_format_only(cut).fired
    tests = git_pr_with_diff("fiber", 3526)
    test_file = next(f for f in tests.files if f.path == "addon/retry/config_test.go")
    hollow = FileChange(test_file.path, "added", 5, 0,
                        "@@ -0,0 +1,5 @@\n+package retry\n+func TestX(t *testing.T) {\n+}")
    hollow_cut = replace(hollow, patch_truncated=True)
    assert assertions.tests_without_assertions(tests.with_changes(files=(hollow,))).fired
    assert not assertions.tests_without_assertions(tests.with_changes(files=(hollow_cut,))).fired
    claims = tests.with_changes(body="Added `validateInput()` and `sanitize_path()`.", files=(hollow,),
                                files_changed=None)
    assert mentions_missing_symbols(claims).fired
    assert not mentions_missing_symbols(claims.with_changes(files=(hollow_cut,))).fired
