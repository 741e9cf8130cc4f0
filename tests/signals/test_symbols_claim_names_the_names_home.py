"""mentions_missing_symbols: the file a claim puts a name in is the file the claim says the name
is IN ("`x` in `path`", "- `path`: added `x`"), not whatever source path stands nearest on the
line. A test file ("test in `EditDialog.test.tsx`"), a reference ("same pattern as
`FormDialog.tsx`", "see `client.ts`") or a "./"-prefixed spelling of the hiding file un-excused
names hidden in a deep React hunk, and the signal told the person their names were not in the diff
(review AB #1). Such names stay excused; names the claim puts in another file still fire."""

from __future__ import annotations

import pytest

from bot.signals.claim_files import named_files
from bot.signals.symbols import mentions_missing_symbols
from bot.snapshot import FileChange, PRSnapshot

from tests.signals.test_symbols_nested_names_own_file import DIALOG, GO

RTL_TEST = """@@ -0,0 +1,6 @@
+import { render, screen, fireEvent } from '@testing-library/react';
+import { EditDialog } from './EditDialog';
+
+it('shows an error when saving fails', async () => {
+  expect(await screen.findByRole('alert')).toBeInTheDocument();
+});
"""
DIALOG_TEST = ("src/components/EditDialog.test.tsx", RTL_TEST)
LOADER = ("internal/config/loader.go", GO)


def _fires(body: str, *files: tuple[str, str]) -> bool:
    changes = tuple(FileChange(path=p, patch=x, additions=x.count("\n+"), deletions=x.count("\n-")) for p, x in files)
    return mentions_missing_symbols(PRSnapshot(title="t", body=body, files=changes)).fired


@pytest.mark.parametrize("body,files", [
    ("Updated `handleSubmit` and `handleCancel` so a failed save in the edit dialog shows an error "
     "(test in `src/components/EditDialog.test.tsx`).", [DIALOG, DIALOG_TEST]),
    ("- Updated `handleSubmit` and `handleCancel` to throw on error; see `src/components/EditDialog.test.tsx`",
     [DIALOG, DIALOG_TEST]),
    ("Updated `handleSubmit` and `handleCancel` (same pattern as `src/components/FormDialog.tsx`) to throw on error.",
     [DIALOG]),
    ("Updated `handleSubmit` and `resetForm` in `./src/components/EditDialog.tsx` to throw on error.", [DIALOG]),
    ("The bug was in `handleSubmit` and `handleCancel` (see `src/api/client.ts`).\n\n"
     "Updated `handleSubmit` and `handleCancel` to throw on error.", [DIALOG]),
    ("Updated `handleSubmit` and `handleCancel` in `src/components/EditDialog.test.tsx` to throw on error.",
     [DIALOG, DIALOG_TEST]),
], ids=["test-in", "see-test", "same-pattern-as", "dot-slash", "context-line-first", "put-in-a-test"])
def test_a_file_near_the_names_but_not_their_home_keeps_them_excused(body, files):
    assert not _fires(body, *files)


@pytest.mark.parametrize("body", [
    "Added `retryWithBackoff` and `parseDuration` in `./internal/config/loader.go` (test in "
    "`src/components/EditDialog.test.tsx`).",
    "Added `retryWithBackoff` and `parseDuration` (in `internal/config/loader.go`), same pattern as "
    "`src/components/EditDialog.tsx`.",
    "- **`internal/config/loader.go`**: added `retryWithBackoff` and `parseDuration`",
])
def test_names_the_claim_puts_in_another_file_still_fire(body):
    assert _fires(body, DIALOG, DIALOG_TEST, LOADER)


def test_the_home_is_the_file_after_the_names_list_or_heading_the_line():
    text = ("Updated `a_one` and `a_two` in `src/a.ts`, like `src/b.ts`.\n"
            "- `src/c.py`: added `c_one`; see `src/d.py`\n"
            "Changed `e_one` (same as `src/e.ts`) and `f_one` in `src/f.ts` and `src/g.ts`.")
    assert named_files(text, ["a_one", "a_two", "c_one", "e_one", "f_one"]) == {
        "a_one": "src/a.ts", "a_two": "src/a.ts", "c_one": "src/c.py", "e_one": None, "f_one": "src/f.ts"}


def test_a_name_put_in_two_files_has_no_home():
    assert named_files("Added `run_x` in `a.py`.\nAlso `run_x` in `b.py`.", ["run_x"]) == {"run_x": None}


@pytest.mark.parametrize("line", ["`ab`, " * 20000, "`ab` in " + "a." * 50000, "`ab` in " + "a/" * 50000,
                                  "- " + "a." * 50000 + " `ab`", "`ab` in a.a.a.a " * 6000])
def test_a_long_line_is_read_in_linear_time(line):
    import time
    start = time.perf_counter()
    named_files(line, ["ab"])
    assert time.perf_counter() - start < 1.0  # about 0.1 s


SHALLOW_JS = """@@ -31,4 +31,4 @@ function load(path) {
 if (!raw) {
-const timeout = 5;
+const timeout = 30;
 }
"""


@pytest.mark.parametrize("path", ["src/utils/RetryPolicy.js", "RetryPolicy.js", "./src/utils/RetryPolicy.js"])
def test_a_pascal_case_js_file_is_a_file_not_a_product(path):
    """Review AB #7: the "Node.js" exclusion skipped every capitalised .js file, so a claim
    naming src/utils/RetryPolicy.js named no file and its names were excused again."""
    body = f"Added `retryWithBackoff` and `parseDuration` in `{path}`."
    assert _fires(body, DIALOG, ("src/utils/RetryPolicy.js", SHALLOW_JS))


@pytest.mark.parametrize("body", [
    "Updated `handleSubmit` and `handleCancel` in Node.js 20 to throw on error.",
    "Updated `handleSubmit` and `handleCancel` (in Next.js) to throw on error.",
])
def test_a_product_name_is_still_no_file(body):
    assert not _fires(body, DIALOG)
    assert set(named_files(body, ["handleSubmit", "handleCancel"]).values()) == {None}
