"""The fixed, ordered list of signals. The classifier uses the values as features in this
order: append new signals at the end, never reorder or remove one without retraining.

=========================== ====== =====================================================
signal                      kind   fires when
=========================== ====== =====================================================
ai_attribution              ai     agent trailer / account / e-mail / branch / footer
ai_disclosure               ai     the author says AI was used ("I used Copilot to …")
claims_tests_without_tests  effort text claims tests, no changed file is a test
mentions_missing_files      effort text says it changed files the diff does not touch
issue_link_only             effort the description is only "Fixes #N"
template_weight             effort headers/emoji/checklists/bold bullets on a small diff
docs_only_drive_by          effort only small README/LICENSE/… or docs changes
whitespace_or_format_only   effort patches change only layout
commit_message_uniformity   effort generic subjects, or identical long bulleted bodies
tests_without_assertions    effort a new test file never asserts
template_sections_ignored   effort known PR template sections deleted or unfilled
explains_testing            care   says how it was tested, with a command or specifics
generic_summary_phrasing    effort "This PR introduces …", "## Key Features", filler words
tiny_diff_long_body         effort 200+ words on a change of at most 40 lines
admits_untested             effort says it was not tested / the test command failed
author_pr_burst             effort (App only) PRs in repos of 5+ other owners within the window
mentions_missing_symbols    effort claims to change code names or flags the patches never show
=========================== ====== =====================================================
"""

from __future__ import annotations

from bot.signals import SignalFn
from bot.signals.attribution import ai_attribution
from bot.signals.burst import author_pr_burst
from bot.signals.care import explains_testing
from bot.signals.claims import claims_tests_without_tests, issue_link_only, mentions_missing_files
from bot.signals.commits import commit_message_uniformity
from bot.signals.description_weight import template_weight, tiny_diff_long_body
from bot.signals.disclosure import ai_disclosure
from bot.signals.docs_only import docs_only_drive_by
from bot.signals.formatting import whitespace_or_format_only
from bot.signals.phrasing import generic_summary_phrasing
from bot.signals.symbols import mentions_missing_symbols
from bot.signals.pr_template import template_sections_ignored
from bot.signals.untested import admits_untested
from bot.signals.assertions import tests_without_assertions

ALL_SIGNALS: tuple[SignalFn, ...] = (
    ai_attribution,
    ai_disclosure,
    claims_tests_without_tests,
    mentions_missing_files,
    issue_link_only,
    template_weight,
    docs_only_drive_by,
    whitespace_or_format_only,
    commit_message_uniformity,
    tests_without_assertions,
    template_sections_ignored,
    explains_testing,
    generic_summary_phrasing,
    tiny_diff_long_body,
    admits_untested,
    author_pr_burst,  # this one and the next came after the shipped model's training: it never reads them
    mentions_missing_symbols,
)

SIGNAL_NAMES: tuple[str, ...] = tuple(fn.__name__ for fn in ALL_SIGNALS)
