"""claims_tests_without_tests: a test claim made in this PR is not read as deferred or as other
work (review-sig4 #6): an item ticked done under a to-do heading, tests taken "from #4410", a
test built "by #12 reporter's steps", tests added "in the last iteration" (this PR's earlier
revision) and tests "upstream of the tokenizer" (a place in the code). Other PRs' and upstream
tests, and unticked to-do items, are still no claim."""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.snapshot import FileChange, PRSnapshot

_PARSER = FileChange(path="src/parser.py", additions=1, deletions=1,
                     patch="@@ -1,3 +1,3 @@ def parse(s):\n-    return s\n+    return s.strip()\n")


def _fires(body: str) -> bool:
    return claims_tests_without_tests(PRSnapshot(title="Fix", body=body, files=(_PARSER,))).fired


@pytest.mark.parametrize("body", [
    "Fix parser whitespace handling.\n\n## TODO\n- [x] Added unit tests for the parser\n- [ ] Update docs",
    "Fix parser whitespace handling.\n\n**Next steps:**\n- [x] Add unit tests\n- [ ] Update docs",
    "Fix parser whitespace handling. Added regression tests from #4410 to cover it.",
    "Fix parser whitespace handling. Added a regression test by #12 reporter's steps.",
    "Fix parser whitespace handling. Added unit tests in the last iteration as requested.",
    "Fix parser whitespace handling. I added unit tests upstream of the tokenizer.",
])
def test_claims_made_in_this_pr_fire(body):
    assert _fires(body)


@pytest.mark.parametrize("body", [
    "Fix parser whitespace handling.\n\n## TODO\n- [ ] Add unit tests for the parser",
    "Tests were added in #4410, this PR only fixes the implementation.",
    "Regression tests were added by #4410.",
    "Unit tests were written for this in the previous PR (#88). This one only wires the flag.",
    "Caught by new regression tests upstream in golang/go; the fix mirrors theirs.",
])
def test_deferred_and_other_work_stay_quiet(body):
    assert not _fires(body)
