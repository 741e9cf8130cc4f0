"""Whether a statement about tests says they were *not* written: negated ("I didn't add tests",
"There are no new tests"), deferred ("I'll add tests in a follow-up", "TODO: add tests",
"Adding tests is tracked in #12") or offered ("I can add tests if needed").

A careful person writes these to say what the PR lacks. ``claims_tests_without_tests`` must not
quote them back as claims: its ask tells the author they misrepresented the PR.

The negation must govern the claim's own verb. A word that merely stands near the claim is part of
the description of the code ("Fix the panic that would occur on nil maps with new regression
tests", "Use a map instead of a list with new unit tests", "The function will now retry failed
writes with new unit tests"), and those are claims. So only these count:

- a negator right before the verb or its auxiliary: "didn't add", "have not added", "never wrote",
  "no new tests", "without adding"; "- [x] No new tests added" (the passive, with "no" on its subject);
- a modal after a first-person subject or at the clause's start: "I'll add", "we can add",
  "Will write tests once …", "… and will add tests" ("These changes will add tests" is a claim);
- a deferral label right before the claim: "TODO: add tests", "Follow-up: add integration tests",
  or over the list the claim is an item of: "## TODO\n- Add tests", "**Next steps:**\n- add tests";
- a negated need: "doesn't need new tests", "New tests aren't needed", "weren't required";
- right after the claim, a deferral of the tests themselves: "… is tracked in #12", "… is pending",
  "… in a separate PR" (a separate commit is this PR's), "… not yet added", "… later." at the
  clause's end after a verb that is not in the past tense ("added unit tests later." is a claim);
- right after the claim, other work: "… added in #4512", "… in the previous PR", "… upstream";
  but an item ticked done ("- [x] Added unit tests") under a to-do heading is a claim;
- a question with the modal first: "Shall I add unit tests?"
("How to add tests", "happy to add tests", "no time to add tests" and "plan to add tests" are read
by the caller as the object of a preposition.)
"""

from __future__ import annotations

import re

WINDOW = 80  # characters before the claim read for its negation

_A = "['\u2019]"  # an apostrophe
# Words that may stand between a negator or modal and the verb: "haven't yet added", "will also add"
_FILLER = (r"(?:(?:yet|been|be|have|had|any|even|really|actually|ever|also|then|later|still|probably|maybe"
           r"|perhaps|definitely|eventually|first|soon|just|happily|gladly|go\s+ahead\s+and)\s+)*")
_TEST_WORDS = r"(?:(?:new|additional|more|extra|further|unit|integration|regression|e2e|specific)\s+)*"
_NEGATED_VERB = re.compile(
    rf"(?:\b(?:not|cannot|never|no|nor|without|rather\s+than|instead\s+of)|n{_A}t)\s+{_FILLER}$"
    rf"|\bno\s+{_TEST_WORDS}(?:tests?|test\s+cases?|specs?)\s+(?:(?:were|was|are|is|have\s+been|has\s+been|been)\s+)?$"
    rf"|\bno\s+{_TEST_WORDS}$"
    rf"|(?:\bnot|n{_A}t)\s+{_FILLER}(?:need|require)(?:s|d|ed)?\s+(?:any\s+)?$",  # "doesn't need new tests"
    re.IGNORECASE,
)
_MODAL = r"(?:will|shall|can|could|would|should|might|may|must)"
_OFFERED_VERB = re.compile(
    rf"(?:(?:^|[,;:(]|\b(?:and|but|or|so|then))\s*|\b(?:i|we)\s+){_MODAL}\s+{_FILLER}$"  # "I can add", "Will add"
    rf"|\b(?:i|we){_A}(?:ll|d)\s+{_FILLER}$"  # "I'll add", "we'd add"
    rf"|\b{_MODAL}\s+(?:i|we)\s+{_FILLER}$",  # a question: "Shall I add unit tests for …?"
    re.IGNORECASE,
)
_LINE_START = re.compile(r"[.!?]\s|\n")  # a sentence end; the clause-initial modal is read after it
_LEAD = re.compile(r"^\s*(?:[-*+>]+|#+)?\s*(?:\[[^\]\n]{0,12}\]\s*)?")  # a bullet, a heading's or a ticked box's marks
_DEFERRAL_LABEL = re.compile(
    r"\b(?:todo|to-do|follow[- ]?ups?|future(?:\s+work)?|next\s+steps?|later|pending|remaining|not\s+(?:done|included)"
    r"|out\s+of\s+scope|not\s+in\s+this\s+pr|left\s+to\s+do)[*_ \t]*:[*_ \t]*$",
    re.IGNORECASE,
)
# Not "commit": a commit is part of this PR ("added unit tests in a separate commit" claims them)
_PR_NOUN = r"(?:pr|pull\s+request|mr|merge\s+request|change|changeset|patch|iteration|issue|ticket)"
# another PR whose tests these are: not an iteration or a patch, this PR's own earlier revision
_OTHER_PR = r"(?:pr|pull\s+request|mr|merge\s+request|issue|ticket)"
_DEFERRED_AFTER = re.compile(
    r"[ \t]*(?:"
    r"(?:is|are|was|were|will\s+be|to\s+be|have\s+been|has\s+been)[ \t]+(?:still[ \t]+)?"
    r"(?:not\b|yet\b|pending\b|tracked\b|left\b|planned\b|deferred\b|postponed\b|missing\b|tbd\b|todo\b"
    r"|to\s+(?:follow|come)\b|out\s+of\s+scope\b)"
    rf"|(?:is|are|was|were)n{_A}t[ \t]+(?:really[ \t]+)?(?:needed|required|necessary|added|included|written)\b"
    r"|not\s+(?:yet\s+)?(?:added|included|written|done|provided)\b"
    r"|to\s+(?:follow|come)\b|(?:tbd|todo)\b"
    rf"|(?:in|as|for|with)\s+(?:a|the)\s+(?:separate|follow[- ]?up|future|later|subsequent|next|another)\s+{_PR_NOUN}\b"
    r"|(?:in|as)\s+a\s+follow[- ]?up(?=[ \t]*(?:[.;!)\n]|$))"
    r"|(?P<later>later|afterwards|eventually|next|in\s+the\s+future)(?=[ \t]*(?:[.;!)\n]|$|,|\b(?:once|when|if|after)\b))"
    # other work: "The new tests added in #4512 …", "Tests were added in #4410", "Unit tests were written
    # for this in the previous PR", "new regression tests upstream in golang/go"; not "tests from #4410"
    # (taken from it into this PR), "by #12 reporter's steps", "in the last iteration" (this PR's
    # previous revision) or "upstream of the tokenizer" (a place in this code)
    r"|(?:(?:added|written|introduced|merged|landed)[ \t]+)?(?:for[ \t]+(?:this|it|that)[ \t]+)?"
    r"(?:in[ \t]+(?:PR[ \t]*)?(?:[\w.-]+/[\w.-]+)?#\d+\b"
    r"|by[ \t]+(?:PR[ \t]*)?(?:[\w.-]+/[\w.-]+)?#\d+\b(?=[ \t]*(?:[.;,!)\n]|$))"
    rf"|in[ \t]+(?:the|an?)[ \t]+(?:previous|earlier|last|prior|original|other|parent|upstream)[ \t]+{_OTHER_PR}\b"
    r"|upstream\b(?=[ \t]*(?:[.;,!)\n]|$)|[ \t]+(?:in|at|on)\b))"
    r")",
    re.IGNORECASE,
)


def declined(text: str, start: int, end: int) -> bool:
    """Whether the test claim ``text[start:end]`` (``start`` at its verb) is negated, deferred or
    offered rather than made."""
    lo = max(0, start - WINDOW)
    before = text[lo: start]
    if _NEGATED_VERB.search(before) or _DEFERRAL_LABEL.search(before):
        return True
    if _OFFERED_VERB.search(_clause_start(before, cut_off=lo > 0)):
        return True
    after = _DEFERRED_AFTER.match(text, end)
    if after and not (after.group("later") and _PAST_VERB.search(text, start, end)):
        return True
    return _under_deferral_heading(text, start)


# "I fixed the race first and added unit tests later.": done, only after something else
_PAST_VERB = re.compile(r"\b(?:added|wrote|written|created|included|implemented|extended|introduced)\b",
                        re.IGNORECASE)


_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]")
# A heading or label over a to-do list: "## TODO", "**Next steps:**", "### Remaining work", "Follow-ups:"
_DEFERRAL_HEADING = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+)?[*_]{0,2}[ \t]*(?:todos?|to-?dos?|to\s+do|follow[- ]?ups?|future\s+work|next\s+steps?"
    r"|remaining(?:\s+(?:work|tasks|items))?|not\s+(?:done|included)(?:\s+yet)?|out\s+of\s+scope|left\s+to\s+do"
    r"|later|pending)[ \t]*[*_]{0,2}[ \t]*:?[ \t]*[*_]{0,2}[ \t]*",
    re.IGNORECASE,
)
_TICKED = re.compile(r"[ \t]*\[[xX]\]")
HEADING_LOOKBACK = 30  # lines of a list read up to its heading


def _under_deferral_heading(text: str, start: int) -> bool:
    """The claim is an item of a list right under a deferral heading or label ("## TODO\n- Add tests"),
    items and blank lines between them."""
    pos = text.rfind("\n", 0, start) + 1
    item = _LIST_ITEM.match(text, pos)
    if not item or _TICKED.match(text, item.end()):  # "- [x] Added unit tests": done, whatever the heading
        return False
    for _ in range(HEADING_LOOKBACK):
        if pos == 0:
            return False
        prev = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev: pos - 1]
        if line.strip() and not _LIST_ITEM.match(line) and not line[:1].isspace():
            return bool(_DEFERRAL_HEADING.fullmatch(line))
        pos = prev
    return False


def _clause_start(before: str, cut_off: bool) -> str:
    """``before`` from its last sentence start, without a leading bullet or box, so that a
    clause-initial modal ("- Will add tests once …") sits at ``^``; when the window cut the
    sentence, its start is unknown and ``^`` is no clause start."""
    cut = None
    for m in _LINE_START.finditer(before):
        cut = m.end()
    if cut is None:
        return "\u2026" + before if cut_off else before[_LEAD.match(before).end():]
    tail = before[cut:]
    return tail[_LEAD.match(tail).end():]
