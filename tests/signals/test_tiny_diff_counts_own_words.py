"""tiny_diff_long_body counts only the author's own words (review-sig3 #9): a quoted passage (the
issue, an RFC), an indented stack trace and a ``<details>`` log are someone else's text or a
program's output, as a fenced block already was. A long description in the author's own words
still fires, nested list items included."""

from __future__ import annotations

import pytest

from bot.signals.description_weight import tiny_diff_long_body
from bot.snapshot import FileChange, PRSnapshot

ONE = (FileChange(path="net/http/server.go", additions=1, deletions=1,
                  patch="@@ -10,3 +10,3 @@\n-\tif n > 0 {\n+\tif n >= 0 {\n"),)
PARA = ("The 400 (Bad Request) status code indicates that the server cannot or will not process the request "
        "due to something that is perceived to be a client error (e.g., malformed request syntax, invalid "
        "request message framing, or deceptive request routing). ")
TRACE = "\n".join(f"    at com.example.Foo.method{i}(Foo.java:{i}) caused by java.lang.IllegalStateException "
                  "in thread main" for i in range(30))


def _fires(body: str) -> bool:
    return tiny_diff_long_body(PRSnapshot(title="t", body=body, files=ONE)).fired


@pytest.mark.parametrize("body", [
    "Return 400, not 500, for a malformed header. RFC 9110 says:\n\n> " + PARA * 5,
    "Fix off-by-one in the length check. Stack trace from the issue:\n\n" + TRACE,
    "Fix off-by-one. Trace:\n<details><summary>trace</summary>\n\n" + TRACE.replace("    ", "") + "\n</details>",
    "Fix off-by-one. Trace:\n<DETAILS>\n" + TRACE.replace("    ", ""),  # left open: to the end
    "Return 400 for a malformed header. RFC 9110 says:\n\n> " + PARA + "\n" + PARA * 4,  # runs on
])
def test_quoted_text_and_logs_are_not_the_authors_words(body):
    assert not _fires(body)


@pytest.mark.parametrize("body", [
    "Return 400, not 500, for a malformed header. " + PARA * 5,
    "Changes:\n- " + PARA * 2 + "\n    - " + PARA * 2 + "\n    - " + PARA,  # nested list items
    "> A quoted line.\n\n" + PARA * 5,
    "> [!WARNING]\n> " + PARA * 3 + "\n" + PARA * 2,  # a GitHub alert is the author's own callout
])
def test_the_authors_own_long_words_still_fire(body):
    assert _fires(body)
