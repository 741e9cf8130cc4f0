"""mentions_missing_files with a package.json whose patch is unknown: a list of backticked library
names that goes "to their latest releases" / "to the latest versions" / "to latest." names
packages again (review 2 AB #2). Round 1 (cc50dc8) took only a version right after a backticked
name, so "Updated `chart.js` and `hammer.js` to their latest releases." told a person bumping two
libraries that the diff does not touch those files. "to the latest Express 5 API", "to 100%" and
"(2 functions each)" stay no version (test_missing_files_package_cue_names_a_version.py)."""

from __future__ import annotations

import pytest

from bot.signals import package_mentions
from bot.signals.claims import mentions_missing_files
from bot.snapshot import FileChange, PRSnapshot


def _hit(body: str):
    files = (FileChange("package.json", additions=2, deletions=1, patch=None),
             FileChange("package-lock.json", additions=900, deletions=800, patch=None),
             FileChange("src/charts/setup.js", additions=1, deletions=1, patch="@@ -1 +1 @@\n-a\n+b\n"))
    return mentions_missing_files(PRSnapshot(title="t", body=body, files=files))


@pytest.mark.parametrize("body", [
    "Updated `chart.js` and `hammer.js` to their latest releases.",
    "Updated `chart.js` and `hammer.js` to the latest versions.",
    "Updated `chart.js` and `hammer.js` to latest.",
    "Updated `chart.js` to the latest version and `hammer.js` to the latest version.",
    "Updated `chart.js`, `hammer.js` to the newest stable release",
    "Updated `chart.js` and `hammer.js` to latest",
])
def test_backticked_libraries_taken_to_the_latest_are_packages(body):
    assert not _hit(body).fired
    assert package_mentions.named_as_package("hammer.js", body)


@pytest.mark.parametrize("body", [
    "Updated `server.js` and `routes.js` to the latest Express 5 API.",
    "Updated `server.js` and `routes.js` to the latest API.",
    "Updated `server.js` and `routes.js` to latest conventions, see the guide.",
    "Updated `server.js` and `routes.js` to their latest shape (2 functions each).",
])
def test_backticked_files_taken_to_the_latest_something_are_still_files(body):
    assert _hit(body).fired
