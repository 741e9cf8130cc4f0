"""mentions_missing_symbols: a hunk that hides a nested function (a React handler under its
component's header) excused every unqualified name of the description, also names the claim puts
in another file: "added `retryWithBackoff` in `internal/config/loader.go`" went quiet because a
.tsx file had a deep hunk. The excuse now covers a name whose claim line names no file, or names
the file with that hunk (path or bare name); a name said to be in another file is missing."""

from __future__ import annotations

import pytest

from tests.signals.test_symbols_nested_functions import REACT, VUE
from tests.signals.test_symbols_nested_plain_body import _fires

GO = """@@ -31,7 +31,7 @@ func Load(path string) (*Config, error) {
 	if err != nil {
 		return nil, fmt.Errorf("read config: %w", err)
 	}
-	cfg := &Config{Timeout: 5 * time.Second}
+	cfg := &Config{Timeout: 30 * time.Second}
 	return cfg, yaml.Unmarshal(raw, cfg)
 }
"""
FLASK_SHALLOW = """@@ -12,5 +12,5 @@ def create_app(config):
     app = Flask(__name__)
-    app.config["MAX_CONTENT_LENGTH"] = 1 << 20
+    app.config["MAX_CONTENT_LENGTH"] = 4 << 20
     register_routes(app)
"""
DIALOG = ("src/components/EditDialog.tsx", REACT)


@pytest.mark.parametrize("body,files", [
    ("Raised the default timeout: added `retryWithBackoff` and `parseDuration` in `internal/config/loader.go`.",
     [DIALOG, ("internal/config/loader.go", GO)]),
    ("- `internal/config/loader.go`: added `retryWithBackoff` and updated `parseDuration` to accept ms\n"
     "- `src/components/EditDialog.tsx`: the save now throws on error",
     [DIALOG, ("internal/config/loader.go", GO)]),
    ("Updated `handleSubmit` in `src/components/EditDialog.tsx` to throw on error, and added "
     "`validate_payload` and `rate_limit_key` in `app/server.py` for larger uploads.",
     [DIALOG, ("app/server.py", FLASK_SHALLOW)]),
])
def test_a_nested_hunk_does_not_excuse_names_claimed_for_another_file(body, files):
    assert _fires(body, *files)


@pytest.mark.parametrize("body,files", [
    ("Updated `handleSubmit` and `resetForm` in `src/components/EditDialog.tsx` to throw on error.",
     [DIALOG, ("internal/config/loader.go", GO)]),
    ("Updated `handleSubmit` and `resetForm` in `EditDialog.tsx` to throw on error.",
     [DIALOG, ("internal/config/loader.go", GO)]),
    ("Updated `handleSubmit` to throw on error and `resetForm` to clear the saving flag.",
     [DIALOG, ("internal/config/loader.go", GO)]),
    ("Updated `handleSubmit` in `EditDialog.tsx` and `fetchOrders` in `src/views/Orders.vue`.",
     [DIALOG, ("src/views/Orders.vue", VUE), ("internal/config/loader.go", GO)]),
])
def test_names_claimed_for_the_hiding_file_or_no_file_stay_excused(body, files):
    assert not _fires(body, *files)
