"""The fixed, ordered list of signals. The classifier uses the values as features in this
order: append new signals at the end, never reorder or remove one without retraining."""

from __future__ import annotations

from bot.signals import SignalFn
from bot.signals.attribution import ai_attribution
from bot.signals.care import explains_testing
from bot.signals.claims import claims_tests_without_tests, issue_link_only, mentions_missing_files
from bot.signals.commits import commit_message_uniformity
from bot.signals.description_weight import template_weight, tiny_diff_long_body
from bot.signals.disclosure import ai_disclosure
from bot.signals.docs_only import docs_only_drive_by
from bot.signals.formatting import whitespace_or_format_only
from bot.signals.phrasing import generic_summary_phrasing
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
)

SIGNAL_NAMES: tuple[str, ...] = tuple(fn.__name__ for fn in ALL_SIGNALS)
