"""mentions_missing_files with a package.json whose patch is unknown: a name in backticks is a file
unless a version follows it directly or a dependency word heads it (review AB #6). "Updated
`server.js` and `routes.js` to the latest Express 5 API", "to 100% async handlers" and "(2
functions each)" name no version, yet excused both files as packages. And each list of names is
read once (review AB #5): a regex reading the rest of the list from each name took two minutes on
"chart.js, " * 10000."""

from __future__ import annotations

import time

import pytest

from bot.signals import package_mentions
from bot.signals.claims import mentions_missing_files
from bot.snapshot import FileChange, PRSnapshot


def _hit(body: str):
    files = (FileChange("package.json", additions=2, deletions=1, patch=None),
             FileChange("package-lock.json", additions=900, deletions=800, patch=None),
             FileChange("src/app.js", additions=1, deletions=1, patch="@@ -1 +1 @@\n-a\n+b\n"))
    return mentions_missing_files(PRSnapshot(title="t", body=body, files=files))


@pytest.mark.parametrize("body", [
    "Updated `server.js` and `routes.js` to the latest Express 5 API.",
    "Updated `server.js` and `routes.js` to 100% async handlers.",
    "Refactored `index.js` and `utils.js` (2 functions each) to use async/await.",
    "Updated server.js and routes.js to the latest Express 5 API.",
    "Refactored index.js and utils.js (2 functions each) to use async/await.",
])
def test_file_names_with_no_version_cue_still_fire(body):
    assert _hit(body).fired


@pytest.mark.parametrize("body", [
    "Updated `chart.js` to 4.4.0 and `hammer.js`@2.0.8.",
    "Bumped `chart.js` and `hammer.js`; the tooltip options moved.",
    "Updated `chart.js` from 3.9.1 to 4.4.0 and `moment.js` to v2.",
    "Updated chart.js and hammer.js to their latest releases.",
    "Updated chart.js and hammer.js to 4.",
])
def test_libraries_named_with_a_version_or_a_dependency_word_stay_excused(body):
    assert not _hit(body).fired


@pytest.mark.parametrize("text", ["chart.js, " * 10000, "chart.js, " + "a.b, " * 20000,
                                  "bump " + "a.b, " * 20000 + "x", "bump a.b " * 11000,
                                  "`chart.js`, " * 8000, "bumped " + "a-b and " * 14000])
def test_a_long_list_is_read_in_linear_time(text):
    start = time.perf_counter()
    assert not package_mentions.named_as_package("chart.js", text)
    assert time.perf_counter() - start < 1.0  # about 0.1 s; the list read from each name: 2 minutes


def test_the_signal_reads_a_long_list_of_names_in_linear_time():
    start = time.perf_counter()
    _hit("Updated " + "ab.js&" * 1331)
    assert time.perf_counter() - start < 0.5  # about 0.04 s; 1.7 s before
