"""Choosing among several PR templates (bot.prtemplates), and the template signal on the choice."""

from __future__ import annotations

from bot import prtemplates
from bot.signals.pr_template import template_sections_ignored
from bot.snapshot import PRSnapshot

BUG = "## Bug fix\n\n### What was broken\n<!-- Link the issue. -->\n\n### How it is fixed\n\n- [ ] Regression test\n"
FEATURE = "## New feature\n\n### Motivation\n\n### Design\n\n- [ ] Docs updated\n"


def test_the_template_sharing_most_lines_is_chosen():
    body = "## New feature\n\n### Motivation\nUsers asked for a dark theme.\n\n- [x] Docs updated\n"
    assert prtemplates.closest(body, [BUG, FEATURE]) == FEATURE
    assert prtemplates.closest(body.replace("New feature", "Bug fix"), [BUG, FEATURE]) == FEATURE


def test_one_shared_heading_is_enough_but_one_shared_plain_line_is_not():
    assert prtemplates.closest("## Bug fix\nThe crash on start is gone.", [BUG, FEATURE]) == BUG
    assert prtemplates.closest("- [ ] Regression test\nI will add one.", [BUG, FEATURE]) is None
    assert prtemplates.closest("Fixes the crash on start.", [BUG, FEATURE]) is None
    assert prtemplates.closest("## Bug fix", []) is None


def test_lines_inside_comments_do_not_count_as_following():
    assert prtemplates.closest("<!--\n## Bug fix\n### How it is fixed\n-->\nFixed.", [BUG]) is None


def test_on_a_tie_the_shorter_template_wins():
    short, longer = "## Summary\n", "## Summary\n\n## Extra section\n"
    assert prtemplates.closest("## Summary\nDone.", [longer, short]) == short


def test_the_folder_is_found_without_regard_to_case_and_only_as_a_folder():
    assert prtemplates.folder_path(".github", {"PULL_REQUEST_TEMPLATE": "dir"}) == ".github/PULL_REQUEST_TEMPLATE"
    assert prtemplates.folder_path("", {"pull_request_template": "dir"}) == "pull_request_template"
    assert prtemplates.folder_path("docs", {"pull_request_template": "file"}) is None
    assert prtemplates.folder_path("docs", None) is None


def test_template_files_are_markdown_or_text_in_name_order_and_capped():
    listing = {"b.md": "file", "a.TXT": "file", "c.yml": "file", "d": "dir", "e.md": "symlink"}
    assert prtemplates.template_paths("t", listing) == ["t/a.TXT", "t/b.md"]
    many = {f"{i:02}.md": "file" for i in range(30)}
    assert len(prtemplates.template_paths("t", many)) == prtemplates.MAX_TEMPLATES


def test_template_paths_are_recognised_for_the_longer_cache():
    assert prtemplates.is_template_path(".github/pull_request_template.md")
    assert prtemplates.is_template_path("docs/PULL_REQUEST_TEMPLATE/feature.md")
    assert not prtemplates.is_template_path(".github/sieve.yml")
    assert not prtemplates.is_template_path("src/pull_request_template.py")


def test_the_chosen_template_is_what_the_sections_signal_judges():
    body = "## New feature\n\n### Motivation\nUsers asked for a dark theme.\n\n- [x] Docs updated\n"
    chosen = prtemplates.closest(body, [BUG, FEATURE])
    hit = template_sections_ignored(PRSnapshot(title="Add a dark theme", body=body, pr_template=chosen))
    assert hit.value > 0 and "Design" in hit.evidence and "Bug fix" not in hit.evidence


def test_a_ticked_box_follows_the_template_as_much_as_an_open_one():
    checklist = "Checklist:\n- [ ] Tests added\n- [ ] Docs updated\n"
    assert prtemplates.closest("Adds X.\n\n- [x] Tests added\n- [X] Docs updated", [BUG, checklist]) == checklist
    assert prtemplates.closest("Adds X.\n\n- [x] Tests added", [BUG, checklist]) is None  # one line only


def test_the_single_template_file_in_any_case_with_md_txt_or_no_extension():
    listing = {"PULL_REQUEST_TEMPLATE": "file", "pull_request_template.txt": "file", "Pull_Request_Template.md": "file",
               "pull_request_template.md": "file", "pull_request_template.yml": "file", "README.md": "file"}
    assert prtemplates.file_paths(".github", listing) == [
        ".github/pull_request_template.md", ".github/Pull_Request_Template.md", ".github/pull_request_template.txt",
        ".github/PULL_REQUEST_TEMPLATE"]
    assert prtemplates.file_paths("", {"PULL_REQUEST_TEMPLATE": "dir"}) == []  # a folder is not the file
    assert prtemplates.is_template_path("PULL_REQUEST_TEMPLATE") and prtemplates.is_template_path(".github/Pull_Request_Template.txt")
    assert not prtemplates.is_template_path("src/pull_request_template.md")
