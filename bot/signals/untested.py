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
)

# A failing check the author traced to something other than the change: "fails on main too",
# "pre-existing", "unrelated", "flaky", "a local untracked `.venv`". Read only for a failure report.
_NOT_THIS_CHANGE = Caseless(
    r"\b(?:pre-?existing|unrelated|not\s+related\s+to|independent\s+of|flak(?:y|es?|iness)|untracked"
    r"|known\s+(?:issue|failure|bug|problem|flake)|already\s+fail"
    r"|fail(?:s|ed|ing)?\s+(?:also\s+|too\s+)?on\s+(?:an?\s+)?(?:(?:unchanged|clean|untouched|the)\s+)?(?:main|master|develop|base)\b"
    r"|(?:on|with)\s+(?:an?\s+)?(?:unchanged|clean|untouched)\s+(?:main|master|checkout|tree|branch))"
)
# The sentence speaks of the time before the change or of a world without it: "Before this change
# we couldn't test the parser in isolation", "Previously I could not run the tests on Windows"
_BEFORE_CHANGE = Caseless(
    r"\b(?:previously|formerly|until\s+now|used\s+to|in\s+the\s+past"
    r"|(?:before|without|prior\s+to)\s+(?:this|the|my|these)\s+(?:changes?|prs?|pull\s+request|patch|fix|commit)\b)"
)
# "Without the issuer's key we cannot verify the token, so `Validate` now returns early": the
# sentence explains what the code does, not what the author did
_WITHOUT = Caseless(r"\bwithout\b")
_SO = Caseless(r"\bso\b")
_NOW_OR_CODE = Caseless(r"\bnow\b|`")
# "Deletes the old target since it was untested": "it" is what the PR removes
_REMOVAL = Caseless(r"\b(?:remov|delet|drop|deprecat|get(?:ting)?\s+rid\s+of|prun)\w*")
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")

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


def _explains_testing(text: str, m: re.Match) -> bool:
    """Whether the admission's line also says how the change was tested (a partial admission)."""
    start, end = hits.line_span(text, m.start())
    line = text[start:end]
    return bool(_CONTRAST.search(line)) and bool(_TESTED.search(line))


def _sentence(text: str, m: re.Match) -> tuple[str, str]:
    """The words of the match's sentence (within its line) before the match and from its end on."""
    start, end = hits.line_span(text, m.start())
    before = text[start:m.start()]
    ends = list(_SENTENCE_END.finditer(before))
    after = text[m.end():end]
    stop = _SENTENCE_END.search(after)
    return before[ends[-1].end():] if ends else before, after[:stop.start()] if stop else after


def _not_about_this_change(text: str, m: re.Match) -> bool:
    """Whether the match describes something other than this change having gone untested: a
    failure that happens without the change too, the time before the change, the code's own
    reasoning, or a thing the PR removes."""
    before, after = _sentence(text, m)
    said = m.group(0)
    if said.startswith("`"):  # a failing check: traced to something other than the change?
        start, end = hits.line_span(text, m.start())
        if _NOT_THIS_CHANGE.search(text[start:end]):
            return True
    if _BEFORE_CHANGE.search(before):
        return True
    so = _SO.search(after) if _WITHOUT.search(before) else None
    if so and _NOW_OR_CODE.search(after[so.end():]):  # "…, so `Validate` now returns early"
        return True
    subject = said.split(None, 1)[0].lower()
    return subject in ("it", "this") and bool(_REMOVAL.search(before))


def _admission(text: str) -> re.Match | None:
    if _cannot_admit(text):
        return None
    for m in _ADMISSION.finditer(text):
        if not _explains_testing(text, m) and not _not_about_this_change(text, m):
            return m
    return None


def admits_untested(snapshot: PRSnapshot) -> SignalHit:
    text = _own_words(hits.author_body(snapshot))
    m = _admission(text)
    if not m:
        return hits.quiet(NAME, KIND)
    said = hits.excerpt_around(text, m.start(), m.end(), QUOTE_LIMIT)  # the admission's words, not the line's start
    return hits.fired(NAME, KIND, 1.0, f"says {hits.quote(said, QUOTE_LIMIT)}")
