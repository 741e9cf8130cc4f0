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
from bot.signals import untested_excuses as excuses
from bot.signals.caseless import Caseless
from bot.snapshot import PRSnapshot

NAME = "admits_untested"
KIND = "effort"
QUOTE_LIMIT = 100  # characters of the admission's line quoted, around the admission

_FIRST_PERSON_NOT = (
    r"(?:i|we)\s+(?:have\s*n[o'\u2019]t|did\s*n[o'\u2019]t|did\s+not|could\s*n[o'\u2019]t|could\s+not"
    r"|can\s*n[o'\u2019]t|can['\u2019]t|cannot"  # "can't", and typed with a curly apostrophe: "didn’t"
    r"|(?:was|were|am|are)\s+(?:not\s+able|unable)\s+to|wasn['\u2019]t\s+able\s+to)\s+(?:\w+\s+)?"
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
    r"|(?:could\s*n[o'\u2019]t|could\s+not|unable\s+to|not\s+able\s+to)\s+(?:be\s+)?(?:test|run|verif|execut))",
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

_NEGATION = ("not", "n't", "n\u2019t", "unable")
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


def _admission(text: str) -> re.Match | None:
    if _cannot_admit(text):
        return None
    lines = _Lines(text)
    for m in _ADMISSION.finditer(text):
        line = lines.at(m.start())
        if not lines.explains_testing() and not excuses.not_about_this_change(text, m, line):
            return m
    return None


def admits_untested(snapshot: PRSnapshot) -> SignalHit:
    text = _own_words(hits.author_body(snapshot))
    m = _admission(text)
    if not m:
        return hits.quiet(NAME, KIND)
    said = hits.excerpt_around(text, m.start(), m.end(), QUOTE_LIMIT)  # the admission's words, not the line's start
    return hits.fired(NAME, KIND, 1.0, f"says {hits.quote(said, QUOTE_LIMIT)}")
