"""A testing report written after a label, for ``explains_testing``: "Tested: locally with Postgres 16,
migrations apply cleanly", "How I tested: ran the test suite and clicked through the settings page",
"Testing done: the existing suite passes, plus I tried 3 malformed configs by hand", "Manually verified:
signatures from the staging webhook are accepted, forged ones rejected". The label says it is the
author's report of a check; what follows must report one (a run, a check or an outcome, or a place, a
version, a code span or "locally" / "by hand") in words of its own, not only boilerplate's (a command,
a number, a place, what was done: "by killing the database connection mid-request", what changed:
"no longer hangs", "fails before this change and passes after it").

Not boilerplate that names nothing: "Testing: All tests pass ✅", "Tested: works on my machine",
"Manual testing: Verified the feature works end-to-end", "Tested: Verified that the changes work as
expected", "Testing: Verified locally that everything works".

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
# a test that fails without the change and passes with it is the report, not a failure: "the new
# regression test fails before this change and passes after it", "failed on main, passes with this patch"
_FAILS_BEFORE = re.compile(
    r"\bfail(?:s|ed)?\s+(?:\w+\s+){0,3}?(?:before|without|on\s+main)\b[^\n]{0,80}?\bpass(?:es|ed)?\b", re.IGNORECASE)
# what a report says: a run, a check or an outcome, or where and with what it was checked
_REPORTS = re.compile(
    r"\b(?:ran|run|running|tried|clicked|checked|verified|confirmed|reproduc\w*|pass(?:es|ed)?|works?|worked"
    r"|appl(?:y|ies|ied)|accepted|rejected|no\s+longer|locally|manually|by\s+hand)\b|`|\d"
    rf"|\b{ENVIRONMENT}",
    re.IGNORECASE)
# the words of boilerplate: an answer made only of these names nothing a reviewer could repeat ("All
# tests pass ✅", "Verified the changes work as expected", "Tested: works on my machine")
_GENERIC = frozenset("""
    a all and are as been build builds check checks checked ci code confirmed correct correctly end ensured
    everything existing expected feature features fine fix functionality functions green has have i intended
    implementation is issues it lint linter locally machine manually my no now on pass passed passes passing
    properly still successfully suite test tested tests that the this to unit verified was we were with work
    worked working works change changes
""".split())
_WORD = re.compile(r"[^\W_]+")
MIN_WORDS = 3  # "Tested: yes", "Testing: done" report nothing a reviewer can repeat


def labelled_report(text: str) -> re.Match | None:
    """The first label line whose answer reports a check ("Tested: ran the app locally on Firefox 120");
    its group 1 is the answer."""
    for m in _LABEL.finditer(text):
        said = m.group(1)
        if len(said.split()) >= MIN_WORDS and not _NO_REPORT.search(said) and not _asks(said) \
                and not _FAILURE.search(_FAILS_BEFORE.sub(" ", said)) and _REPORTS.search(said) \
                and not boilerplate(said):
            return m
    return None


def _asks(said: str) -> bool:
    """Whether the answer ends on a question mark ("How I tested: what did you run?")."""
    end = len(said)
    while end and not said[end - 1].isalnum() and said[end - 1] != "?":
        end -= 1
    return said.endswith("?", 0, end)


def boilerplate(said: str) -> bool:
    """Whether an answer is made only of boilerplate's words (``_GENERIC``): "All tests pass ✅",
    "Verified locally that everything works". One word of its own ("ran the test suite", "by killing
    the database connection", "Ubuntu 22.04", a code span) makes it a report."""
    return "`" not in said and all(w in _GENERIC for w in _WORD.findall(said.lower()))


def unspecific_answer(text: str, pos: int) -> bool:
    """Whether ``pos`` is in a label's answer that is boilerplate (``boilerplate``: "Tested: Verified
    that the changes work as expected"): a testing phrase there earns no credit either."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = _LABEL.match(text, line_start)
    return m is not None and pos >= m.start(1) and boilerplate(m.group(1))
