"""The registry contract the classifier relies on, and bounded work on giant PRs."""

from __future__ import annotations

import typing

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.result import Kind
from bot.signals import registry, run_signals, signal_names
from bot.signals.hits import EVIDENCE_LIMIT
from bot.snapshot import Commit, FileChange, PRSnapshot


def test_names_are_unique_and_match_the_hits_in_order():
    hits = run_signals(PRSnapshot(title="Fix typo", body="Fixes #1"))
    assert len(set(registry.SIGNAL_NAMES)) == len(registry.SIGNAL_NAMES)
    assert tuple(h.name for h in hits) == registry.SIGNAL_NAMES == signal_names()
    assert len(registry.ALL_SIGNALS) == len(registry.SIGNAL_NAMES)


def test_required_signals_are_registered():
    required = {"ai_attribution", "ai_disclosure", "claims_tests_without_tests", "mentions_missing_files",
                "issue_link_only", "template_weight", "docs_only_drive_by", "whitespace_or_format_only",
                "commit_message_uniformity", "tests_without_assertions", "template_sections_ignored"}
    assert required <= set(registry.SIGNAL_NAMES)


def test_kinds_values_and_quiet_hits_are_well_formed():
    snapshot = PRSnapshot(title="Update README.md", body="## Summary\n\n🚀 **Adds** stuff\n\nFixes #3",
                          files=(FileChange("README.md", additions=1, deletions=1, patch="-a\n+b"),),
                          commits=(Commit("Update README.md"),))
    for hit in run_signals(snapshot):
        assert hit.kind in typing.get_args(Kind)
        assert 0.0 <= hit.value <= 1.0
        assert bool(hit.evidence) == hit.fired, hit


def test_empty_snapshot_fires_nothing():
    hits = run_signals(PRSnapshot(title=""))
    assert all(h.value == 0.0 and h.evidence == "" for h in hits)


def _giant_snapshot() -> PRSnapshot:
    body_unit = ("## Summary\n- **Adds** `src/pkg/mod_{i}.py` 🚀 I used Copilot to write tests.\n"
                 "Co-authored-by: Claude <noreply@anthropic.com>\n- [ ] unit tests added\n")
    body = "".join(body_unit.format(i=i) for i in range(8_000))[:1_000_000]
    files = tuple(FileChange(path=f"tests/pkg_{i}/test_mod_{i}.py", status="added", additions=3,
                             patch="@@ -0,0 +1,3 @@\n+def test_x():\n+    run()\n+    pass\n" * 20)
                  for i in range(5_000))
    commits = tuple(Commit("Update file.py\n\n- a\n- b\n- c\n" + "x" * 3_000) for _ in range(300))
    return PRSnapshot(title="T" * 100_000, body=body, files=files, commits=commits,
                      pr_template="## Description\n<!-- say what -->\n" * 2_000)


def test_giant_pr_finishes_with_bounded_evidence():
    snapshot = _giant_snapshot()
    assert len(snapshot.body) == 1_000_000 and len(snapshot.files) == 5_000
    hits = run_signals(snapshot)
    assert len(hits) == len(registry.SIGNAL_NAMES)
    assert all(len(h.evidence) <= EVIDENCE_LIMIT for h in hits)
    fired = {h.name for h in hits if h.fired}
    assert {"ai_attribution", "ai_disclosure", "tests_without_assertions"} <= fired


_LINE = st.sampled_from([
    "## Summary", "- [x] Added unit tests", "- [ ] Tests written/updated", "Fixes #12", "🚀 **Bold** item",
    "Co-authored-by: Claude <noreply@anthropic.com>", "I used Copilot to draft this.", "`go test ./...` *(fails: x)*",
    "<!-- comment", "-->", "```", "See `src/a.py` and docs/", "This PR adds a comprehensive fix.", "",
])
_TEXT = st.lists(st.one_of(_LINE, st.text(max_size=40)), max_size=12).map("\n".join)
_PATCH = st.lists(st.sampled_from(["@@ -1,2 +1,2 @@", "+x = 1", "-x  = 1", " ctx", "+", "\\ No newline at end of file",
                                   "+def test_a():", "+    assert a"]), max_size=10).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_TEXT, template=st.one_of(st.none(), _TEXT), message=_TEXT,
       patches=st.lists(st.tuples(st.sampled_from(["a.py", "README.md", "tests/test_a.py", "x.go", "docs/"]),
                                  st.sampled_from(["added", "modified"]), st.one_of(st.none(), _PATCH)), max_size=4),
       additions=st.one_of(st.none(), st.integers(0, 10_000)))
def test_any_input_gives_well_formed_hits(body, template, message, patches, additions):
    snapshot = PRSnapshot(title="t", body=body, pr_template=template, additions=additions,
                          commits=(Commit(message),), files=tuple(FileChange(p, s, patch=x) for p, s, x in patches))
    for hit in run_signals(snapshot):
        assert 0.0 <= hit.value <= 1.0
        assert len(hit.evidence) <= EVIDENCE_LIMIT
        assert bool(hit.evidence) == hit.fired
