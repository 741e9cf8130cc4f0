"""mentions_missing_files: only code and config that reference a path touch it, not prose, and a
JS library is a whole package name (review-sig4 #4). A README or CHANGELOG line naming the files
the description claims to have edited, "db.js" next to a bumped `mongodb`, and a package.json with
no patch excused every claim."""

from __future__ import annotations

import pytest

from bot.signals.claims import mentions_missing_files
from bot.snapshot import FileChange, PRSnapshot


def _hit(body: str, *files: FileChange):
    return mentions_missing_files(PRSnapshot(title="t", body=body, files=files))


def _f(path: str, patch: str | None) -> FileChange:
    return FileChange(path=path, additions=2, deletions=1, patch=patch)


README = """@@ -10,3 +10,6 @@ ## Configuration
 Settings live in the config directory.
+
+The request timeout is read from config/settings.yaml (key `http.timeout`);
+the loader in src/config/loader.py validates it on startup.
"""
CHANGELOG = "@@ -1,3 +1,4 @@\n # Changelog\n ## Unreleased\n+- Fix crash in src/cache/store.py when a key is missing\n"
PACKAGE = """@@ -12,8 +12,8 @@
   "dependencies": {
-    "mongodb": "^6.3.0",
-    "openapi-fetch": "^0.8.0",
+    "mongodb": "^6.8.0",
+    "openapi-fetch": "^0.10.0",
     "express": "^4.19.2"
"""


@pytest.mark.parametrize("body,files", [
    ("Added a request timeout: updated `config/settings.yaml` with the new key and `src/config/loader.py` "
     "to validate it, and documented it in the README.", [_f("README.md", README)]),
    ("Fixed the crash by updating `src/cache/store.py` to check for a missing key.", [_f("CHANGELOG.md", CHANGELOG)]),
    ("Refactored `db.js` and `api.js` to use the new clients, and bumped mongodb and openapi-fetch.",
     [_f("package.json", PACKAGE)]),
    ("Updated `server.js` and `routes.js` to use async handlers.",
     [_f("package.json", None), _f("README.md", "@@ -1 +1 @@\n-a\n+b\n")]),
])
def test_prose_substrings_and_missing_manifests_excuse_nothing(body, files):
    assert _hit(body, *files).value == 1.0


@pytest.mark.parametrize("body,files", [
    ("Updated README.md to link to `docs/guide/install.md` instead of the wiki.",
     [_f("README.md", "@@ -1 +1 @@\n-See the wiki.\n+See [install](docs/guide/install.md).\n")]),
    ("Added myself as owner of `pkg/storage/badger.go` in CODEOWNERS.",
     [_f(".github/CODEOWNERS", "@@ -1 +1,2 @@\n * @org/core\n+pkg/storage/badger.go @me\n")]),
    ("Updated chart.js and hammer.js to their latest releases.",
     [_f("package.json", '@@ -3 +3 @@\n-    "chart.js": "^3.9.1",\n+    "chart.js": "^4.4.0",\n'
                         '-    "hammerjs": "^2.0.7",\n+    "hammerjs": "^2.0.8",\n')]),
    ("Updated db.js to its latest release.", [_f("package.json", '@@ -3 +3 @@\n-    "db.js": "^1.0.0",\n+    "db.js": "^1.1.0",\n')]),
])
def test_links_path_lists_and_whole_package_names_still_touch(body, files):
    assert not _hit(body, *files).fired
