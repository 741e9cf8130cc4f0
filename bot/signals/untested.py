"""``admits_untested`` (kind "effort"): the author says in their own words that the change was
not tested or that the tests could not run: "I haven't tested this", "this is untested", "we
couldn't run the tests", "`pytest` *(fails: ModuleNotFoundError)*", "needs to be tested after
merging", "❌ Not tested locally".

What is not an admission, so the comment never tells a contributor their change was untested
when they did not say so:

- descriptions of code or of behaviour: "the previously untested branch", "the tool cannot run
  `gh`", "with this change we cannot execute arbitrary shell commands" (a first-person "run" or
  "execute" counts only with a test, a check, a command or the change as its object), and a ❌
  list item that reports an outcome or a feature's output ("❌ for zero tests", "❌ **Timeout**:
  Test times out", "❌ 0% test coverage") rather than a check left unrun;
- quoted lines ("> I couldn't test this on Windows"): the issue's or a reviewer's words;
- a sentence about something other than this change: a failing check whose own clause traces it
  elsewhere ("`x` fails on main too", "the pre-existing `y.sh` fails", "(unrelated to this
  change)"), the time before the change as the subject's adverbial ("Previously I could not run
  …", "Before this change we couldn't …"), the program's "we" ("Without the key we cannot verify
  the token, so `Validate` now …"; an "I" is always the author) and a removed thing as the subject
  of a causal clause ("Deletes the target since it was untested");
- a check that fails only without the change ("`go test …` fails without this patch and passes
  with it", "fails on v1.4.2 (the released version)"; not "it passed before my change" nor "fails
  on v20"), a bug report about a check the PR repairs ("`make test` fails on arm64 …; this PR
  fixes the flag": the repair names the failure or its cause), tests not run in CI or on forks
  when the PR fixes CI, and tests the PR adds ("It was previously untested", "Untested branches
  … are now covered"). Each match reads at most
  ``WINDOW`` characters around it, so a long line of excused sentences costs linear time;
- a partial admission that says on the same line how the change was tested: "I couldn't test
  on macOS, but I ran `go test ./...` on Linux and it passes". ``explains_testing`` reads that
  sentence as care; telling its author to "run the tests before review" would ask for what
  they did, so the signal stays quiet rather than firing weakly (any fired effort signal is
  listed in the comment with the same wording, whatever its value).

Saying so is honest, and the comment should thank the author for it; it is still a change
that nobody has run, which is what reviewers most need to know.
"""

from __future__ import annotations

import re

from bot.result import SignalHit
from bot.signals import hits
from bot.signals.caseless import Caseless
from bot.snapshot import PRSnapshot

NAME = "admits_untested"
KIND = "effort"
QUOTE_LIMIT = 100  # characters of the admission's line quoted, around the admission

_FIRST_PERSON_NOT = (
    r"(?:i|we)\s+(?:have\s*n[o']t|did\s*n[o']t|did\s+not|could\s*n[o']t|could\s+not|can\s*n[o']t|cannot"
    r"|(?:was|were|am|are)\s+(?:not\s+able|unable)\s+to|wasn't\s+able\s+to)\s+(?:\w+\s+)?"
)
# "run"/"execute" admit only with a check as their object ("run the tests", "run `make lint`",
# "run it locally"): "we cannot execute arbitrary shell commands" describes the change
_RUN_OBJECT = (
    r"(?:run|execute)\s+(?:(?:the|any|all|these|those|my|our|full|unit|integration|e2e)\s+){0,2}"
    r"(?:tests?\b|test\s+suite|specs?\b|suite\b|it\b|this\b|them\b|locally\b|`|checks?\b|lint|builds?\b"
    r"|benchmarks?\b|ci\b|code\b|changes?\b)"
)
_ADMISSION = Caseless(  # only where a match starts is read, so the \b is shared (a faster scan)
    r"\b(?:"
    rf"{_FIRST_PERSON_NOT}(?:test|verify|{_RUN_OBJECT})"
    r"|(?:this|it|the\s+(?:change|pr|patch|fix|code))\s+(?:is|was|has|remains)\s+(?:\w+\s+)?"
    r"(?:not\s+(?:yet\s+|been\s+)?tested|untested)"
    r"|needs?\s+(?:to\s+be\s+)?(?:tested|testing)\s+(?:after|once|manually|by\s+someone)"
    r"|without\s+running\s+(?:the\s+)?tests?\b|tests?\s+(?:were|was)\s+not\s+run\b)"
    r"|^[^\w\n]*(?:not\s+(?:yet\s+)?tested|untested)\b"  # within its line: a run of blank lines is read once
    # a code span naming a check, then "fails": the span is read once (possessive), its word by lookahead
    r"|`(?=[^`\n]*\b(?:test|pytest|tox|jest|vitest|lint|check|build|verify)\b)[^`\n]*+`\s*+\*?\(?\s*+(?:fails?|failed)\b"
    # a ❌ item says a check was left unrun ("❌ Tests not run: no network"), not what the feature outputs
    r"|\u274c[^\n]*?\b(?:not\s+(?:yet\s+)?(?:been\s+)?(?:tested|run|verified)\b|untested\b"
    r"|(?:could\s*n[o']t|could\s+not|unable\s+to|not\s+able\s+to)\s+(?:be\s+)?(?:test|run|verif|execut))",
    re.MULTILINE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)
# the same line goes on to say how it was tested: "…, but I ran `go test ./...` and it passes"
_CONTRAST = Caseless(r"\b(?:but|however|though|although|instead)\b")
_TESTED = Caseless(
    r"\b(?:i|we)\s+(?:(?:also|then|have|did|successfully|only)\s+)?(?:ran|tested|verified)\b(?!\s+into)"
    r"|\b(?:tests?|it|they|everything|ci)\s+(?:all\s+|still\s+)?pass(?:es|ed)?\b"
    # a command the author ran, then its outcome: "however `cargo test` and the emulator run pass"
    # (a test command, and "passes" said as its outcome: not "`validate()` should pass", "`make build` passes")
    r"|`(?=[^`\n]*\b(?:test|tests|pytest|tox|nox|jest|vitest|spec|rspec|ctest|phpunit|check|e2e)\b)[^`\n]*+`"
    r"(?:(?!\b(?:should|would|will|must|may|might|to|could|can)\b)[^.;`\n]){0,60}?\bpass(?:es|ed)?\b"
    # subject-less after the contrast: "Not tested on Windows, but tested on Linux and macOS"
    r"|\b(?:but|however|though|although)\b[,\s]*+(?:(?:it|this|i|we)\s+)?(?:(?:was|is|have|has|had|did)\s+)?"
    r"(?:been\s+)?(?:tested|verified|checked)\s+(?:on|with|in|against|locally|manually|it|this)\b"
)

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

_NEGATION = ("not", "n't", "unable")
_ACTION = ("test", "run", "verif", "execut")  # stems: "could not be verified"


def _cannot_admit(text: str) -> bool:
    """True when ``_ADMISSION`` surely finds nothing (checked without running it): every
    alternative needs a negation and an action word, "tested", "need" + "test", "without" or
    "fail" + a backtick."""
    low = hits.folded(text)
    if low is None:
        return False
    has = low.__contains__
    return not ((any(map(has, _NEGATION)) and any(map(has, _ACTION))) or has("tested") or has("without")
                or (has("need") and has("test")) or (has("fail") and has("`")))


def _own_words(text: str) -> str:
    """``text`` without quoted lines ("> …"): the issue's or a reviewer's words, not the author's."""
    return _QUOTED_LINE.sub("", text) if ">" in text else text


class _Lines:
    """The line of each match, found once per line (matches come in order), and whether it also
    says how the change was tested (a partial admission), read once per line."""

    def __init__(self, text: str):
        self.text, self.start, self.end, self._tested = text, 0, -1, None

    def at(self, pos: int) -> tuple[int, int]:
        if pos > self.end:
            self.start, self.end = hits.line_span(self.text, pos)
            self._tested = None
        return self.start, self.end

    def explains_testing(self) -> bool:
        if self._tested is None:
            line = self.text[self.start:self.end]
            self._tested = bool(_CONTRAST.search(line)) and bool(_TESTED.search(line))
        return self._tested


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


def _not_about_this_change(text: str, m: re.Match, line: tuple[int, int]) -> bool:
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


def _admission(text: str) -> re.Match | None:
    if _cannot_admit(text):
        return None
    lines = _Lines(text)
    for m in _ADMISSION.finditer(text):
        line = lines.at(m.start())
        if not lines.explains_testing() and not _not_about_this_change(text, m, line):
            return m
    return None


def admits_untested(snapshot: PRSnapshot) -> SignalHit:
    text = _own_words(hits.author_body(snapshot))
    m = _admission(text)
    if not m:
        return hits.quiet(NAME, KIND)
    said = hits.excerpt_around(text, m.start(), m.end(), QUOTE_LIMIT)  # the admission's words, not the line's start
    return hits.fired(NAME, KIND, 1.0, f"says {hits.quote(said, QUOTE_LIMIT)}")
