"""template_weight with the PR template known: the template's lines the description keeps as
they are are dropped once (from the layout), not also subtracted from the author's own
headings; template lines the author changed (ticked boxes, edited headings) are still not theirs."""

from __future__ import annotations

from bot.signals.description_weight import template_weight
from bot.snapshot import FileChange, PRSnapshot

TEMPLATE = ("## Summary\n\n## Testing\n\n## Checklist\n- [ ] Tests added\n- [ ] Docs updated\n"
            "- [ ] Changelog entry\n- [ ] Breaking change noted\n")
FILES = (FileChange(path="a.go", additions=2, deletions=1),)


def _pr(body: str) -> PRSnapshot:
    return PRSnapshot(title="t", body=body, pr_template=TEMPLATE, files=FILES)


def test_the_authors_own_headings_count_beside_kept_template_headings():
    body = ("## Summary\nFixes the cache key.\n### Cause\nx\n### Fix\ny\n### Risk\nz\n### Rollout\nw\n"
            "## Testing\nran it\n## Checklist\n- [x] Tests added\n- [x] Docs updated\n")
    hit = template_weight(_pr(body))
    assert hit.fired and "4 headers" in hit.evidence and "checkbox" not in hit.evidence


def test_ticked_and_edited_template_lines_are_still_the_templates():
    body = ("## Summary:\nFixes the cache key.\n\n## Testing done\nran `go test ./...`\n\n## Checklist\n"
            "- [x] Tests added\n- [x] Docs updated\n- [x] Changelog entry\n- [x] Breaking change noted\n")
    assert not template_weight(_pr(body)).fired


def test_the_same_own_structure_counts_with_or_without_a_template():
    own = "### Cause\nx\n### Fix\ny\n### Risk\nz\n### Rollout\nw\n"
    with_template = template_weight(_pr("## Summary\n" + own + "## Testing\nran it\n"))
    without = template_weight(PRSnapshot(title="t", body=own, files=FILES))
    assert with_template.fired and with_template.value == without.value
