"""mentions_missing_symbols: the common ways a description puts names in a file give them that
file again (review 2 AB #1). The round-1 fix (7d567e9) read only "`x` in `path`" and a line headed
by the file, so "Added `x` and `y` to `loader.go`", "In `loader.go`, added …", "Updated `loader.go`
to add …", "… into `loader.go`", "… functions to loader.go" and "… in the config loader
(`loader.go`)" named no file, and a deep React hunk elsewhere in the PR excused names the claim
put in a Go file. A reference after "to" ("to `FormDialog.tsx`'s pattern", "to the `x.tsx` style")
is still no home; the round-1 cases (a test file, "same pattern as", "see") stay excused in
test_symbols_claim_names_the_names_home.py."""

from __future__ import annotations

import pytest

from bot.signals.claim_files import named_files
from bot.signals.symbols import mentions_missing_symbols
from bot.snapshot import FileChange, PRSnapshot

from tests.signals.test_symbols_nested_names_own_file import DIALOG, GO

LOADER = ("internal/config/loader.go", GO)
NAMES = ["retryWithBackoff", "parseDuration"]


def _fires(body: str, *files: tuple[str, str]) -> bool:
    changes = tuple(FileChange(path=p, patch=x, additions=x.count("\n+"), deletions=x.count("\n-")) for p, x in files)
    return mentions_missing_symbols(PRSnapshot(title="t", body=body, files=changes)).fired


@pytest.mark.parametrize("body,home", [
    ("Added `retryWithBackoff` and `parseDuration` to `internal/config/loader.go`.", "internal/config/loader.go"),
    ("In `internal/config/loader.go`, added `retryWithBackoff` and `parseDuration`.", "internal/config/loader.go"),
    ("Updated `internal/config/loader.go` to add `retryWithBackoff` and `parseDuration`.",
     "internal/config/loader.go"),
    ("Added `retryWithBackoff` and `parseDuration` into `internal/config/loader.go`.", "internal/config/loader.go"),
    ("Added `retryWithBackoff` and `parseDuration` functions to loader.go", "loader.go"),
    ("Added `retryWithBackoff`, `parseDuration` in the config loader (`internal/config/loader.go`).",
     "internal/config/loader.go"),
    ("- Added the `retryWithBackoff` and `parseDuration` helpers (`internal/config/loader.go`)",
     "internal/config/loader.go"),
], ids=["to", "in-path-comma", "updated-path-to-add", "into", "functions-to-bare", "noun-phrase-brackets",
        "helpers-brackets"])
def test_names_the_claim_puts_in_a_go_file_fire_despite_a_deep_react_hunk(body, home):
    assert named_files(body, NAMES) == dict.fromkeys(NAMES, home)
    assert _fires(body, DIALOG, LOADER)


@pytest.mark.parametrize("body", [
    "Updated `handleSubmit` and `handleCancel` to `src/components/FormDialog.tsx`'s pattern.",
    "Updated `handleSubmit` and `handleCancel` to the `src/components/FormDialog.tsx` style.",
    "Updated `handleSubmit` and `handleCancel` to `src/components/FormDialog.tsx` approach.",
    "Updated `handleSubmit` and `handleCancel` in the same way as (`src/components/FormDialog.tsx`).",
    "Updated `handleSubmit` and `handleCancel` to match the pattern (`src/components/FormDialog.tsx`).",
    "In `src/components/EditDialog.test.tsx`, added `handleSubmit` and `handleCancel` cases.",
    "Updated `handleSubmit` and `handleCancel` to throw on error (in `./src/components/EditDialog.tsx`).",
], ids=["possessive", "style", "approach", "same-way-as", "to-match", "lead-test-file", "in-brackets-home"])
def test_a_reference_or_test_file_after_to_or_leading_the_line_keeps_names_excused(body):
    assert not _fires(body, DIALOG)


def test_a_leading_file_is_no_home_for_names_before_it():
    text = "Renamed `old_name` and `other_name`; updated `src/a.ts` to add `new_name`."
    assert named_files(text, ["old_name", "new_name"]) == {"old_name": None, "new_name": None}
    assert named_files("Updated `src/a.ts` to add `new_name`.", ["new_name"]) == {"new_name": "src/a.ts"}


@pytest.mark.parametrize("line", ["`ab` to the " + "word " * 50000 + "(`a.py`)", "In " + "a." * 50000 + ",",
                                  "Updated " + "a/" * 50000 + " to add `ab`", "`ab` in the a b c d (" * 8000])
def test_the_new_phrasings_are_read_in_linear_time(line):
    import time
    start = time.perf_counter()
    named_files(line, ["ab"])
    assert time.perf_counter() - start < 1.0
