"""``explains_testing`` credits the author's own testing report, not the PR template's instructions:
the commands a template lists under an unticked "I have run lint and test steps" item, or any line
the author left as the template wrote it, are not how the change was tested. A report the author
wrote (a command, a first-person "I ran", a testing section with specifics) still counts, under the
template's own "How was this change tested?" heading too.

The template is written for these tests in a style common on GitHub (it is no record's).
"""

from __future__ import annotations

import pytest

from bot.signals.care import explains_testing
from bot.snapshot import PRSnapshot

TEMPLATE = """## Which problem is this PR solving?
- Resolves #

## How was this change tested?
-

## Checklist
- [ ] I have read the contributing guidelines
- [ ] I have added unit tests for the new functionality
- [ ] I have run lint and test steps successfully
  - for `backend`: `make lint test`
  - for `ui`: `npm run lint` and `npm run test`
"""
UNTOUCHED = TEMPLATE.replace("- Resolves #", "- Resolves #5000")


def _hit(body: str, template: str | None = TEMPLATE):
    return explains_testing(PRSnapshot(title="Fix rounding", body=body, pr_template=template))


@pytest.mark.parametrize("template", [TEMPLATE, None])
def test_commands_under_an_unticked_item_are_not_a_testing_report(template):
    assert not _hit(UNTOUCHED, template).fired


def test_indented_instructions_under_an_unticked_box_are_dropped_without_a_template():
    body = "Fix the rounding.\n\n- [ ] Tests\n  - run `go test ./...` before you submit\n"
    assert not _hit(body, None).fired


def test_a_line_kept_from_a_known_template_is_not_the_authors_report():
    template = "## Testing\nRun `make test` and paste the output below.\n"
    body = "Fix the rounding.\n\n## Testing\nRun `make test` and paste the output below.\n"
    assert not _hit(body, template).fired


@pytest.mark.parametrize("template", [TEMPLATE, None])
def test_the_authors_own_command_still_counts(template):
    body = UNTOUCHED.replace("## How was this change tested?\n-\n",
                             "## How was this change tested?\n- Ran `go test ./pkg/sampling/...`, 12 cases pass\n")
    hit = _hit(body, template)
    assert hit.value == 1.0 and "go test ./pkg/sampling/..." in hit.evidence


@pytest.mark.parametrize("template", [TEMPLATE, None])
def test_a_testing_section_under_the_templates_heading_still_counts(template):
    body = UNTOUCHED.replace("## How was this change tested?\n-\n", "## How was this change tested?\n"
                             "- Deployed to staging and verified 3 traces show the new tag\n")
    hit = _hit(body, template)
    assert hit.fired and "verified 3 traces" in hit.evidence and "npm run" not in hit.evidence


def test_a_report_after_an_unticked_item_still_counts():
    body = "Fix.\n\n- [ ] Tests\n  - run `go test ./...` before you submit\n\nI ran `go test ./pkg/...` and it passes."
    hit = _hit(body, None)
    assert hit.value == 1.0 and "I ran `go test ./pkg/...`" in hit.evidence
