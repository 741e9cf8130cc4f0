"""mentions_missing_files: GitHub omits the patch of a large diff, so a changed package.json may
come without one. Its dependency names are then unknown, and "Updated chart.js and hammer.js to
their latest releases" fired as two missing files on the person who bumped them. A library name the
description itself calls a package (a version after it, a dependency word before it) is now not
missing when a package.json changed with no patch; a file name said as a file ("Updated
`server.js` to use async handlers"), a library with no package.json changed, and a package.json
whose known patch does not name it still fire."""

from __future__ import annotations

import pytest

from bot.signals.claims import mentions_missing_files
from bot.snapshot import FileChange, PRSnapshot

CHART_OPTIONS = """@@ -14,9 +14,11 @@ export function lineChartOptions(theme) {
   return {
-    tooltips: {
-      mode: 'index',
+    plugins: {
+      tooltip: {
+        mode: 'index',
+      },
     },
"""
VERSION_ONLY = '@@ -1,6 +1,6 @@\n {\n   "name": "dashboard",\n-  "version": "2.3.0",\n+  "version": "2.4.0",\n   "private": true,\n'


def _hit(body: str, *files: FileChange):
    return mentions_missing_files(PRSnapshot(title="t", body=body, files=files))


def _f(path: str, patch: str | None, additions: int = 2, deletions: int = 1) -> FileChange:
    return FileChange(path=path, additions=additions, deletions=deletions, patch=patch)


def _bump(manifest_patch: str | None, *, manifest: bool = True) -> tuple[FileChange, ...]:
    files = [_f("src/charts/options.js", CHART_OPTIONS, 5, 2)]
    if manifest:
        files[:0] = [_f("package.json", manifest_patch), _f("package-lock.json", None, 2210, 1874)]
    return tuple(files)


BODIES = [
    "Updated chart.js and hammer.js to their latest releases and moved the tooltip options under `plugins`.",
    "Updated chart.js from 3.9.1 to 4.4.0 and moment.js to 2.30.1.",
    "Updated the chart.js and hammer.js packages; the tooltip options moved under `plugins`.",
    "Upgrade to Chart v4: updated chart.js@4.4.0 and chartjs-adapter-moment.js (1.0.1).",
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("patch", [None, ""])
def test_libraries_named_as_packages_are_not_missing_when_package_json_has_no_patch(body, patch):
    assert not _hit(body, *_bump(patch)).fired


@pytest.mark.parametrize("body", BODIES)
def test_the_same_libraries_still_fire_with_no_package_json_changed(body):
    assert _hit(body, *_bump(None, manifest=False)).fired


@pytest.mark.parametrize("body", BODIES[:2])
def test_a_known_manifest_patch_that_does_not_name_them_still_fires(body):
    assert _hit(body, *_bump(VERSION_ONLY)).fired


@pytest.mark.parametrize("body", [
    "Updated `server.js` and `routes.js` to use async handlers.",
    "Updated `server.js` and `routes.js` to use the new express version.",
    "Refactored server.js and routes.js, then bumped express.",
])
def test_file_names_said_as_files_still_fire_with_an_unseen_package_json(body):
    assert _hit(body, _f("package.json", None), _f("src/app.js", "@@ -1 +1 @@\n-a\n+b\n")).fired
