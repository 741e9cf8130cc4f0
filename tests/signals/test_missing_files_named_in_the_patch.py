"""mentions_missing_files: a path the patch holds word for word is touched, a C header or a JS
library is no file of the project, and a list's later paths are counted (review-sig3 #2, #11).

"Added `dist/` to .gitignore", "Added myself as owner of `pkg/storage/badger.go` in CODEOWNERS",
a Dockerfile COPY, an import, a link and "`#include <string.h>`" were answered with "names … but
the diff does not touch it", and "Updated chart.js and hammer.js" with package.json changed too.
"Updated `a.go` and `b.go` and `c.go` and `d.go`" said "(2 of 2 named files)".
"""

from __future__ import annotations

import pytest

from bot.signals.claims import mentions_missing_files
from bot.snapshot import FileChange, PRSnapshot


def _hit(body: str, *files: FileChange):
    return mentions_missing_files(PRSnapshot(title="t", body=body, files=files))


def _f(path: str, patch: str | None) -> FileChange:
    return FileChange(path=path, additions=2, deletions=1, patch=patch)


@pytest.mark.parametrize("body, change", [
    ("Added `dist/` and `coverage/` to .gitignore.", _f(".gitignore", "@@ -1 +1,3 @@\n node_modules/\n+dist/\n+coverage/\n")),
    ("Added myself as owner of `pkg/storage/badger.go` in CODEOWNERS.",
     _f(".github/CODEOWNERS", "@@ -1 +1,2 @@\n * @org/core\n+pkg/storage/badger.go @me\n")),
    ("Updated tsconfig to exclude `src/generated/schema.ts` from type checking.",
     _f("tsconfig.json", '@@ -1,3 +1,3 @@\n {\n-  "exclude": []\n+  "exclude": ["src/generated/schema.ts"]\n')),
    ("Updated the Dockerfile to copy `config/prod.yaml` instead of `config/dev.yaml`.",
     _f("Dockerfile", "@@ -1 +1 @@\n-COPY config/dev.yaml /etc/app/\n+COPY config/prod.yaml /etc/app/\n")),
    ("Changed the import from `utils/helpers.js` to `lib/helpers.js`.",
     _f("src/app.js", "@@ -1 +1 @@\n-import { h } from './utils/helpers.js'\n+import { h } from './lib/helpers.js'\n")),
    ("Updated README.md to link to docs/guide/install.md instead of the wiki.",
     _f("README.md", "@@ -1 +1 @@\n-See the wiki.\n+See [install](docs/guide/install.md).\n")),
    ("Changed the `//go:embed` directive to include `static/index.html` and `static/app.css`.",
     _f("web/embed.go", "@@ -1 +1 @@\n-//go:embed static/old.html\n+//go:embed static/index.html static/app.css\n")),
])
def test_a_path_the_changed_lines_hold_is_touched(body, change):
    assert not _hit(body, change).fired


def test_c_headers_are_no_files():
    body = "Added missing `#include <string.h>` and `<stdint.h>` to fix the build on musl."
    assert not _hit(body, _f("src/io.c", None)).fired


@pytest.mark.parametrize("patch", [  # without its patch package.json excuses nothing (review-sig4 #4)
    '@@ -3,2 +3,2 @@\n-    "chart.js": "^3.9.1",\n+    "chart.js": "^4.4.0",\n-    "hammerjs": "^2.0.7",\n+    "hammerjs": "^2.0.8",\n',
])
def test_js_libraries_updated_in_package_json_are_no_files(patch):
    body = "Updated chart.js and hammer.js to their latest releases."
    assert not _hit(body, _f("package.json", patch), _f("package-lock.json", None)).fired


def test_a_js_file_package_json_does_not_name_is_still_missing():
    patch = '@@ -3 +3 @@\n-    "left-pad": "^1.0.0",\n+    "left-pad": "^1.3.0",\n'
    body = "Updated `src/index.js` and bumped left-pad."
    assert _hit(body, _f("package.json", patch)).value == 1.0


def test_a_path_only_in_context_lines_or_another_word_is_still_missing():
    patch = "@@ -1,3 +1,3 @@\n // see internal/client/config.go\n-a := 1\n+a := 2\n// internal/client/config.go.bak\n"
    hit = _hit("Updated `internal/client/config.go` to retry.", _f("internal/client/pool.go", patch))
    assert hit.value == 1.0 and "internal/client/config.go" in hit.evidence


def test_every_path_of_a_listed_claim_is_counted():
    body = ("Updated `internal/client/config.go` and `internal/client/retry.go` and `internal/client/pool.go` "
            "and `internal/client/x.go`")
    hit = _hit(body, _f("internal/client/http.go", "@@ -1 +1 @@\n-a\n+b\n"))
    assert hit.value == 1.0 and "(4 of 4 named files)" in hit.evidence


def test_a_list_after_a_run_cue_is_still_cited_not_claimed():
    body = "Ran `scripts/a.sh` and `scripts/b.sh` and `scripts/c.sh` and `scripts/d.sh` after the change."
    assert not _hit(body, _f("internal/client/http.go", "@@ -1 +1 @@\n-a\n+b\n")).fired
