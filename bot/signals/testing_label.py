"""A testing report written after a label, for ``explains_testing``: "Tested: locally with Postgres 16,
migrations apply cleanly", "How I tested: ran the test suite and clicked through the settings page",
"Testing done: the existing suite passes, plus I tried 3 malformed configs by hand", "Manually verified:
signatures from the staging webhook are accepted, forged ones rejected". The label says it is the
author's report of a check; what follows must report one: a run, a check or an outcome, or a place, a
version, a code span or "locally" / "by hand".

Not a template's label left as it came or answered with nothing: "Testing: N/A", "Tested: not yet",
"How I tested: <describe how you tested>", "Testing: (please describe)", "Tested: TODO", nor a report of
a failure ("Tested: fails on Windows, could not find why").
"""

from __future__ import annotations

import re

from bot.signals.verified_agent import ENVIRONMENT

# the label, at a line's start (a list item or bold allowed), and its answer on the same line
_LABEL = re.compile(
    r"^[ \t]{0,3}+(?:[-*+][ \t]++)?[*_]{0,2}(?:tested|testing(?:[ \t]+done)?|tests?[ \t]+done"
    r"|how[ \t]+(?:i|we)[ \t]+tested(?:[ \t]+(?:it|this))?|how[ \t]+(?:it|this)[ \t]+was[ \t]+tested"
    r"|manual(?:ly)?[ \t]+(?:tested|verified|testing|verification))"
    r"[ \t]*+[*_]{0,2}[ \t]*+:[*_]{0,2}[ \t]*+(\S[^\n]*)$",
    re.IGNORECASE | re.MULTILINE)
# an answer that answers nothing: a negation, a placeholder, an instruction or a question
_NO_REPORT = re.compile(
    r"^[\W_]*+(?:n/?a|none|no|not|nothing|todo|tbd|untested|pending|skipped)\b|^[ \t*_]*+[<(\[]"
    r"|\b(?:describe|explain|please|you\s+(?:can|should|must)|if\s+applicable"
    r"|not\s+(?:yet\s+)?(?:tested|verified|run))\b",
    re.IGNORECASE)
_FAILURE = re.compile(r"\bfail(?:s|ed|ing)?\b|\bcould\s*n[o']t\b|\bunable\s+to\b|\bbroken\b|\bbreaks\b", re.IGNORECASE)
# what a report says: a run, a check or an outcome, or where and with what it was checked
_REPORTS = re.compile(
    r"\b(?:ran|run|running|tried|clicked|checked|verified|confirmed|reproduc\w*|pass(?:es|ed)?|works?|worked"
    r"|appl(?:y|ies|ied)|accepted|rejected|no\s+longer|locally|manually|by\s+hand)\b|`|\d"
    rf"|\b{ENVIRONMENT}",
    re.IGNORECASE)
MIN_WORDS = 3  # "Tested: yes", "Testing: done" report nothing a reviewer can repeat


def labelled_report(text: str) -> re.Match | None:
    """The first label line whose answer reports a check ("Tested: ran the app locally on Firefox 120");
    its group 1 is the answer."""
    for m in _LABEL.finditer(text):
        said = m.group(1)
        if len(said.split()) >= MIN_WORDS and not _NO_REPORT.search(said) and not _asks(said) \
                and not _FAILURE.search(said) and _REPORTS.search(said):
            return m
    return None


def _asks(said: str) -> bool:
    """Whether the answer ends on a question mark ("How I tested: what did you run?")."""
    end = len(said)
    while end and not said[end - 1].isalnum() and said[end - 1] != "?":
        end -= 1
    return said.endswith("?", 0, end)
