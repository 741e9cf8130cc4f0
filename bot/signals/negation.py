"""Whether a statement about tests says they were *not* written: negated ("I didn't add tests",
"There are no new tests"), deferred ("I'll add tests in a follow-up", "TODO: add tests",
"Adding tests is tracked in #12") or offered ("I can add tests if needed", "Happy to add tests").

A careful person writes these to say what the PR lacks. ``claims_tests_without_tests`` must not
quote them back as claims: its ask tells the author they misrepresented the PR.

Only the clause before the claim is read: the text since the last sentence end, comma, semicolon
or joining word ("and", "but"), so "No API change, added unit tests" and "Fixed the crash when no
config is set and added tests" stay claims. A colon ends the clause too, except after a deferral
label ("TODO: add tests", "Follow-up: add integration tests", "Next steps: write tests").
"""

from __future__ import annotations

import re

CLAUSE_LIMIT = 60  # characters before the claim read for a negation or a deferral

_APOSTROPHE = "['\u2019]"
# A word (or phrase) that, before the claim in its clause, makes it a non-claim
_NOT_DONE = re.compile(
    rf"(?:\b(?:no|not|never|none|nor|without|cannot|can|could|would|will|shall|should|might|may|must|gonna"
    rf"|going\s+to|plan(?:s|ned|ning)?\s+to|intend(?:s|ed)?\s+to|want(?:s|ed)?\s+to|need(?:s|ed)?\s+to"
    rf"|(?:happy|glad|willing|unable|hard|difficult|impossible|yet)\s+to|tr(?:y|ied|ying)\s+to|forgot\s+to"
    rf"|to\s+be|todo|to-do|follow[- ]?ups?|later|if|whether|instead\s+of|rather\s+than|skip(?:ped|ping)?"
    rf"|let\s+me\s+know|feel\s+free\s+to)\b"
    rf"|n{_APOSTROPHE}t\b|{_APOSTROPHE}ll\b)",
    re.IGNORECASE,
)
# "This PR will add tests" states what the PR does; "I will add tests" defers
_PR_WILL = re.compile(r"\b(?:this|the)\s+(?:pr|pull\s+request|change|commit|patch)\s+will\s*$", re.IGNORECASE)
# Words right after the claim that take it back: "Adding tests is tracked in #123", "tests … later"
_NOT_DONE_AFTER = re.compile(
    r"[ \t]*(?:(?:is|are|was|were|will\s+be|to\s+be|have\s+been|has\s+been)[ \t]+)?"
    r"(?:not\b|yet\b|later\b|pending\b|tracked\b|to\s+follow\b|(?:in|as|for)\s+a\s+(?:follow|separate|future"
    r"|later|subsequent|next)\b|(?:left|out\s+of\s+scope)\b)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;!?,\n(]|\s[-\u2013\u2014]\s|\b(?:and|but|so|then|also|while|whereas)\b", re.IGNORECASE)
_WORD_TAIL = re.compile(r"[\w'\u2019]*")
_DEFERRAL_LABEL = re.compile(
    r"(?:\b(?:todo|to-do|follow[- ]?ups?|future(?:\s+work)?|next\s+steps?|later|pending|remaining|not\s+(?:done|included)"
    r"|out\s+of\s+scope|not\s+in\s+this\s+pr|left\s+to\s+do)\b)[*_ \t]*$",
    re.IGNORECASE,
)


def declined(text: str, start: int, end: int) -> bool:
    """Whether the test claim ``text[start:end]`` is negated, deferred or offered rather than made."""
    clause = _clause_before(text, start)
    head, colon, tail = clause.rpartition(":")
    if colon and _DEFERRAL_LABEL.search(head):
        return True
    tail = tail if colon else clause
    if _PR_WILL.search(tail):
        return False
    return bool(_NOT_DONE.search(tail)) or bool(_NOT_DONE_AFTER.match(text, end))


def _clause_before(text: str, start: int) -> str:
    """The text of the claim's clause before ``start``: from the last clause end, at most
    ``CLAUSE_LIMIT`` characters."""
    lo = max(0, start - CLAUSE_LIMIT)
    window = text[lo: start]
    cut = 0
    if lo and text[lo - 1].isalnum():  # the window cuts a word: "…nnot add" is not "not add"
        cut = _WORD_TAIL.match(window).end()
    for m in _CLAUSE_END.finditer(window):
        cut = m.end()
    return window[cut:]
