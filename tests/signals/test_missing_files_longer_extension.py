"""mentions_missing_files: a named path matched every changed path that starts with it, so
"Moved the defaults into `src/config.js`" was answered by a changed `src/config.json`, and
`src/util.c` by `src/util.cs`: another file, of another kind. A path that only extends the named
one's extension is now another file; the "x" of JSX/TSX/MDX ("Button.ts" for Button.tsx) and a
further suffix ("config.yml" for config.yml.example) stay the named file, and a bare name still
matches a changed file of that name."""

from __future__ import annotations

import pytest

from bot.signals.claims import mentions_missing_files
from bot.snapshot import FileChange, PRSnapshot

SERVER = """@@ -1,6 +1,7 @@
 const express = require('express');
+const defaults = require('./config.json');
 
 const app = express();
-app.listen(3000);
+app.listen(defaults.port);
"""


def _hit(body: str, *files: FileChange):
    return mentions_missing_files(PRSnapshot(title="t", body=body, files=files))


def _f(path: str, patch: str = "@@ -1 +1 @@\n-a\n+b\n") -> FileChange:
    return FileChange(path=path, additions=1, deletions=1, patch=patch)


@pytest.mark.parametrize("body,changed", [
    ("Added the defaults to `src/config.js` and updated `src/server.js` to read them.", "src/config.json"),
    ("Updated the overflow check in `native/src/util.c` and `src/server.js` to read the port.", "native/src/util.cs"),
    ("Updated `src/types/api.py` and `src/server.js` with the new fields.", "src/types/api.pyi"),
])
def test_a_longer_extension_is_another_file(body, changed):
    hit = _hit(body, _f(changed), _f("src/server.js", SERVER))
    assert hit.fired and "(1 of 2 named files)" in hit.evidence


@pytest.mark.parametrize("body,changed", [
    ("Added the defaults to `src/config.js` and updated `src/server.js` to read them.", "src/config.js"),
    ("Updated `src/components/Button.ts` and `src/server.js` to use the theme.", "src/components/Button.tsx"),
    ("Updated `docs/guide/intro.md` and `src/server.js` for the new port.", "docs/guide/intro.mdx"),
    ("Updated `deploy/config.yml` and `src/server.js` for the new port.", "deploy/config.yml.example"),
    ("Updated config.json and server.js for the new port.", "src/config.json"),
])
def test_the_named_file_with_a_jsx_x_or_a_further_suffix_still_matches(body, changed):
    assert not _hit(body, _f(changed), _f("src/server.js", SERVER)).fired


@pytest.mark.parametrize("body,changed", [
    ("Updated the tokenizer loop in `src/fastparse/tokenizer.py` and `src/server.js` to avoid copies.",
     "src/fastparse/tokenizer.pyx"),
    ("Updated `src/App.vue` and `src/server.js` for the new port.", "src/App.vuex"),
    ("Updated `src/index.mjs` and `src/server.js` for the new port.", "src/index.mjsx"),
])
def test_an_x_after_another_extension_is_another_file(body, changed):
    """Review AB #9: the JSX/TSX/MDX "x" rule took any trailing x, so a changed Cython
    tokenizer.pyx answered a named tokenizer.py."""
    hit = _hit(body, _f(changed), _f("src/server.js", SERVER))
    assert hit.fired and "(1 of 2 named files)" in hit.evidence
