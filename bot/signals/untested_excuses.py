"""What makes a sentence of ``admits_untested``'s an account of something other than this change
(see ``bot.signals.untested``): a failure traced elsewhere or repaired by the PR, the time before
the change, the code's own reasoning, a removed thing, a check that fails only without the
change, CI the PR fixes, tests the PR adds. Each reads at most ``WINDOW`` characters around its
match, so a long line of excused sentences costs linear time.
"""

from __future__ import annotations

import re


WINDOW = 240  # characters before and after a match read for its sentence: each match costs the same

# A failing check the author traced to something other than the change, said in the failure's own
# clause: "fails on main too", "the pre-existing `x.sh` fails", "a known flaky test", "(unrelated to
# this change)". "Unrelated" as a plain adjective ("also fixed unrelated lint") is another matter.
_NOT_THIS_CHANGE = re.compile(
    r"\b(?:pre-?existing|not\s+related\s+to|independent\s+of|flak(?:y|es?|iness)"
    r"|(?:is|are|was|were|seems?|looks?)\s+unrelated"
    r"|unrelated(?=\s+to\b|\s*[)\].;,:!?]|\s*$|\s+(?:\w+\s+)?(?:errors?|failures?|tests?|issues?|problems?|bugs?"
    r"|reasons?|causes?|flakes?)\b)"
    r"|known\s+(?:issue|failure|bug|problem|flake)|already\s+fail"
    r"|fail(?:s|ed|ing)?\s+(?:also\s+|too\s+)?on\s+(?:an?\s+)?(?:(?:unchanged|clean|untouched|the)\s+)?"
    r"(?:main|master|develop|base)\b"
    r"|(?:on|with)\s+(?:an?\s+)?(?:unchanged|clean|untouched)\s+(?:main|master|checkout|tree|branch))",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[,;:!?](?=\s)|\.(?=\s)")
# the failure's clause ends at a new clause: "; I fixed …", "(also fixed …)", ", and I …"
_CLAUSE_END = re.compile(r"[;.!?](?=\s|$)|\(\s*(?:also|plus|and|separately)\b|,\s*(?:and|but)\s+(?:i|we)\b",
                         re.IGNORECASE)
# The time before the change, as the clause's own time adverbial, right before its subject
# ("Previously I could not run …"), or a world without the change ("Before this change we couldn't …")
_TIME_LEAD = re.compile(r"\b(?:previously|formerly|until\s+now|in\s+the\s+past)$", re.IGNORECASE)
_CHANGE_ABSENT = re.compile(r"\b(?:before|without|prior\s+to)\s+(?:this|the|my|these)\s+"
                            r"(?:changes?|prs?|pull\s+request|patch|fix|commit)\b", re.IGNORECASE)
# "Without the issuer's key we cannot verify the token, so `Validate` now returns early": the
# program's "we" verifying a thing of the domain, not the author testing the change
_WITHOUT = re.compile(r"\bwithout\b", re.IGNORECASE)
_SO = re.compile(r"\bso\b", re.IGNORECASE)
_NOW_OR_CODE = re.compile(r"\bnow\b|`", re.IGNORECASE)
_OBJECT_IS_CHANGE = re.compile(r"\s*(?:this|it|them|these|those|my|our|the\s+(?:change|pr|patch|fix|code|tests?))\b",
                               re.IGNORECASE)
# "Deletes the old target since it was untested": "it" is what the PR removes, in a causal clause
_REMOVAL = re.compile(r"\b(?:remov|delet|drop|deprecat|get(?:ting)?\s+rid\s+of|prun)\w*", re.IGNORECASE)
_BECAUSE_END = re.compile(r"\b(?:since|as|because)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")
# A check that fails only without the change, said after the failure: "`go test …` fails without this
# patch and passes with it", "failed before the fix", "fails on v1.4.2", "fails on the current release"
# ("before/without" must say when it fails, right after "fails", and the sentence or line goes on to
# say it passes with the change: "it passed before my change" is a regression the change made.
# A version must be called the released one: "fails on v1.22 of the toolchain" is not.)
_FAILS_WITHOUT_CHANGE = re.compile(
    r"^\W*(?:(?!(?:it|i|we|that|this|and|but|pass\w*|work\w*|ran|run)\b)\w+\W+){0,4}?"
    r"(?:without|before|prior\s+to)\s+(?:this|the|my)\s+(?:changes?|prs?|patch|fix|commit)\b"
    r"(?P<passes>)"  # the line must go on to say it passes with the change (_PASSES_WITH)
    r"|\bon\s+(?:v\d[\w.-]*+\s*+[(,]?\s*+(?:the\s+|a\s+)?released\b"
    r"|the\s+(?:released|current|latest|last)\s+release\b(?!\s+of\b)|the\s+released\s+version\b|released\b)"
    r"|\band\s+pass(?:es|ed)?\s+(?:with|after|now)\b",
    re.IGNORECASE,
)
_PASSES_WITH = re.compile(r"\bpass(?:es|ed)?\s+(?:with|after|now)\b|\bnow\s+pass", re.IGNORECASE)
_STILL_FAILS = re.compile(r"\bstill\s+fail", re.IGNORECASE)
# What the PR does about the failure, later on the line: "…; this PR fixes the flag", "This PR uses
# `path.join` instead"
# (a repair verb: "uses …" only with "instead"; what it repairs is read by _repairs_the_failure)
_PR_REPAIRS = re.compile(
    r"\bthis\s+(?:pr|pull\s+request|change|patch|fix|commit)\s+(?:now\s+)?(?:(?:fix|switch|correct|resolve"
    r"|address|solve|replace)\w*|us(?:es|ing|e)\b(?=(?:`[^`\n]{0,60}+`|[^.;`\n]){0,80}?\binstead\b))",
    re.IGNORECASE)
# the repair's object is the failure ("fixes it", "fixes the bug") or its cause
_REPAIR_OBJECT_IS_FAILURE = re.compile(
    r"\s*(?:it|this|that|them|(?:the|this|that)\s+(?:failure|issue|bug|problem|error|crash))\b"
    r"|\s*\w*\s*(?:to|with)?\s*`|(?:`[^`\n]{0,60}+`|[^.;`\n]){0,80}?\binstead\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z0-9_]{3,}")
_COMMON = frozenset(("this", "that", "with", "from", "into", "when", "then", "also", "fails", "failed",
                     "test", "tests", "because", "should", "would", "there", "their", "which", "where", "after",
                     "before", "change", "changes", "fixes", "fixed", "uses", "using", "instead", "locally"))
# a repair of CI itself: "… fixes the workflow trigger", "… switches to `pull_request_target`"
_CI_REPAIR = re.compile(
    r"[^.;\n]{0,80}?\b(?:ci|workflows?|triggers?|pipelines?|runners?|actions?|forks?|secrets?|jobs?"
    r"|pull_request\w*|ya?ml|permissions?|tokens?)\b", re.IGNORECASE)
_WITH_THIS_CHANGE = re.compile(r"\bwith\s+(?:this|my|the)\s+(?:changes?|pr|patch|fix)\b", re.IGNORECASE)
# the check could not run in CI or on forks: a CI-infrastructure PR describes its bug
_CI_PLACE = re.compile(r"\b(?:ci|workflows?|forks?|pipelines?|runners?|github\s+actions)\b", re.IGNORECASE)
# the adverbial alone before the subject: "Before, I couldn't run …", "…; before we couldn't …"
_LEAD_ALONE = ("before", "previously", "formerly")
# "It was previously untested": the word between the verb and "untested" puts it in the past
_PAST_WORD = re.compile(r"\b(?:previously|formerly|before|once)\s+(?:not\s+|un)", re.IGNORECASE)
# "Untested branches in `retry.go` are now covered by table tests": the PR adds the tests
# ("Untested" must head its noun phrase, and the sentence says it *now* has tests: not "Untested - I'm
# not sure how this module is tested", "this code path now has no tests", "covered by nothing")
_NOW_COVERED = re.compile(r"\b(?:are|is)\s+now\s+(?:covered|tested)\b(?!\s+by\s+(?:nothing|no\b|none))"
                          r"|\bnow\s+(?:have|has|get)\s+(?!no\b|zero\b)(?:\w+\s+)?tests?\b", re.IGNORECASE)
_NOUN_PHRASE_HEAD = re.compile(r"[ \t]+[a-z`]", re.IGNORECASE)

def _sentence(text: str, m: re.Match, line: tuple[int, int]) -> tuple[str, str]:
    """The words of the match's sentence before the match and from its end on, within its line
    and at most WINDOW characters each way."""
    before = text[max(line[0], m.start() - WINDOW):m.start()]
    after = text[m.end():min(line[1], m.end() + WINDOW)]
    last = None
    for last in _SENTENCE_END.finditer(before):
        pass
    stop = _SENTENCE_END.search(after)
    return before[last.end():] if last else before, after[:stop.start()] if stop else after


def _failure_not_this_changes(said: str, before: str, after: str) -> bool:
    """A failing check whose own clause traces it to something else: "`x` fails on main too"."""
    last = None
    for last in _CLAUSE_START.finditer(before):
        pass
    stop = _CLAUSE_END.search(after)
    clause = (before[last.end():] if last else before) + said + (after[:stop.start()] if stop else after)
    return bool(_NOT_THIS_CHANGE.search(clause))


def _before_the_change(before: str) -> bool:
    """"Previously I …" (the adverbial right before the subject) or "Before this change we …"."""
    lead = before.rstrip(" \t,")[-30:]
    return bool(lead.strip().lower() in _LEAD_ALONE or _TIME_LEAD.search(lead) or _CHANGE_ABSENT.search(before))


def _codes_reasoning(said: str, before: str, after: str) -> bool:
    """"Without X we cannot verify the token, so `Validate` now …": the program's "we" (never "I")
    verifying or running a thing other than the change, or a check failing, for a reason the
    sentence goes on to say the code now handles."""
    low = said.lower()
    programs_we = low.startswith("we") and low.endswith(("verify", "`")) and not _OBJECT_IS_CHANGE.match(after)
    if not (programs_we or said.startswith("`")):
        return False
    so = _SO.search(after) if _WITHOUT.search(before) else None
    return bool(so and _NOW_OR_CODE.search(after, so.end()))


def _removed_thing(said: str, before: str) -> bool:
    """"Removes X since it was untested": the subject is the thing the PR removes."""
    subject = said.split(None, 1)[0].lower()
    return subject in ("it", "this") and bool(_BECAUSE_END.search(before.rstrip()[-10:])) \
        and bool(_REMOVAL.search(before))


def _failure_the_pr_repairs(said: str, before: str, after: str, rest: str) -> bool:
    """A failing check the sentence says fails only without the change ("fails without this patch
    and passes with it", "fails on v1.4.2"), or a bug report about the check the PR then repairs
    ("`make test` fails on arm64 …; this PR fixes the flag"). "… with this change" stays an admission."""
    if not said.startswith("`") or _WITH_THIS_CHANGE.search(after):
        return False
    if _STILL_FAILS.search(rest):
        return False  # "fails before the fix is applied and still fails after it"
    fails = _FAILS_WITHOUT_CHANGE.search(after)
    if fails and (fails.group("passes") is None or _PASSES_WITH.search(rest, len(fails.group(0)))):
        return True
    return _repairs_the_failure(said, before, after, rest)


def _repairs_the_failure(said: str, before: str, after: str, rest: str) -> bool:
    """"… fails on arm64 because the linker flag is wrong; this PR fixes the flag": a repair verb
    whose object is the failure, a code span, "… instead", or a word of the failure's sentence
    ("this PR uses the new SDK so that might be why" repairs nothing)."""
    repair = _PR_REPAIRS.search(rest)
    if not repair:
        return False
    if _REPAIR_OBJECT_IS_FAILURE.match(rest, repair.end()):
        return True
    stop = _SENTENCE_END.search(rest, repair.end())
    obj = set(_WORD.findall(rest[repair.end():stop.start() if stop else len(rest)].lower())) - _COMMON
    return bool(obj & set(_WORD.findall((before + said + after).lower())))


def _ci_the_pr_repairs(said: str, after: str, rest: str) -> bool:
    """"Tests were not run on CI for forks. This PR fixes the workflow trigger.": the PR's subject.
    An "I" is the author ("I couldn't run the tests in CI; this PR fixes …" still admits)."""
    if said.lower().startswith("i ") or not _CI_PLACE.search(after):
        return False
    repair = _PR_REPAIRS.search(rest)  # what the PR repairs is CI: not "…, this PR fixes the login redirect"
    return bool(repair and _CI_REPAIR.match(rest, repair.end()))


def _tests_the_pr_adds(said: str, after: str) -> bool:
    """"It was previously untested", "Untested branches … are now covered by table tests"."""
    if _PAST_WORD.search(said):
        return True
    return "ntested" in said.lower() and bool(_NOUN_PHRASE_HEAD.match(after)) and bool(_NOW_COVERED.search(after))


def not_about_this_change(text: str, m: re.Match, line: tuple[int, int]) -> bool:
    """Whether the match describes something other than this change having gone untested: a
    failure that happens without the change too or that the PR repairs, the time before the
    change, tests the PR adds, the code's own reasoning, or a thing the PR removes. Reads at most
    WINDOW characters each side."""
    before, after = _sentence(text, m, line)
    said = m.group(0)
    rest = text[m.end():min(line[1], m.end() + WINDOW)]  # on past the sentence: "… This PR fixes …"
    if said.startswith("`") and _failure_not_this_changes(said, before, after):
        return True
    if _failure_the_pr_repairs(said, before, after, rest) or _ci_the_pr_repairs(said, after, rest) or _tests_the_pr_adds(said, after):
        return True
    return _before_the_change(before) or _codes_reasoning(said, before, after) or _removed_thing(said, before)
