"""The fixed, ordered list of signals. The classifier uses the values as features in this
order: append new signals at the end, never reorder or remove one without retraining."""

from __future__ import annotations

from bot.signals import SignalFn
from bot.signals.attribution import ai_attribution
from bot.signals.claims import claims_tests_without_tests, issue_link_only, mentions_missing_files
from bot.signals.disclosure import ai_disclosure

ALL_SIGNALS: tuple[SignalFn, ...] = (
    ai_attribution,
    ai_disclosure,
    claims_tests_without_tests,
    mentions_missing_files,
    issue_link_only,
)

SIGNAL_NAMES: tuple[str, ...] = tuple(fn.__name__ for fn in ALL_SIGNALS)
