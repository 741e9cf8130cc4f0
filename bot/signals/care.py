"""``explains_testing`` (kind "care"): the description says how the change was tested, with
something specific a reviewer can repeat: a test command (``go test ./...``, ``pytest -k``,
``npm test``, ``cargo test``, ``curl …``), a first-person "tested locally / I ran …", or a
testing section that reports, with specifics (a code span or a number), that something was
run, passed or verified. Commands reported as failing or not runnable ("`pytest` *(fails:
…)*") are not care; ``admits_untested`` reads those. A failure word counts as the command's
outcome only outside its span and not in "fails before this change and passes after" (a
regression test checked both ways). "Manually verified in Chrome …", "Verified locally that …" and
"Checked on an iPhone …" say how it was tested too: the author as subject and a place to test in, not
"signatures are now verified in the middleware" nor "… are verified by the middleware", "Each webhook is verified by
computing an HMAC", "Payloads are verified with Ed25519 signatures" (what the code does:
``verified_agent``), nor a check negated or still to come ("This was not verified by running the e2e
suite", "Not yet verified on a device": ``negation.declined``). So does a report after a label ("Tested:
locally with Postgres 16, …", "How I tested: ran the suite and clicked through the settings page":
``testing_label``) and a check against a version ("This was verified against the 1.4.2 release").

This is a sign of care: it lowers the score, including for disclosed AI-assisted PRs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.result import SignalHit
from bot.signals import hits, testing_label
from bot.signals.caseless import Caseless
from bot.signals.negation import declined
from bot.signals.verified_agent import ENVIRONMENT, code_does
from bot.snapshot import PRSnapshot

NAME = "explains_testing"
KIND = "care"

_COMMAND = Caseless(
    r"\b(?:go\s+test|go\s+run|pytest|tox\b|nox\b|(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?(?:test|lint|build|e2e)"
    r"|cargo\s+(?:test|run|clippy|nextest)|make\s+[\w-]*(?:test|check|lint)[\w-]*|mvn\s+\S*\s*(?:test|verify)"
    # gradle, gradlew, ./gradlew: \b holds before the "g" (not before a "./", which follows a space or `)
    r"|gradlew?\s+\S*test|jest\b|vitest\b|bazel\s+(?:test|run)|ctest\b|phpunit\b|rspec\b"
    r"|mix\s+test|dotnet\s+test|python3?\s+-m\s+\w+|curl\s+-|kubectl\s+\w+|docker\s+(?:run|compose)"
    r"|hatch\s+(?:run|test)|uv\s+run|poetry\s+run)"
)
_SECTION = Caseless(
    r"^\s{0,3}#{1,6}\s*+(?:\W\s*+)?(?:testing|tests?|test\s+plan|how\s+(?:was|has|is)\s+this\s+(?:\w+\s+)?tested\??"
    r"|how\s+to\s+test|verification|manual\s+testing|testing\s+done|validation)\b.*$",
    re.MULTILINE,
)
_OWN_SUBJECT = (r"(?:^[ \t]{0,3}+(?:[-*+][ \t]++|\d{1,3}[.)][ \t]++)?(?:\[[ x]\][ \t]++)?|(?<=[.!?]\s)"
                r"|\b(?:i|we)\s+(?:(?:have|had|also|then|successfully)\s+)?(?:manually\s+)?|\bmanually\s+)")
_PHRASE = Caseless(
    r"\b(?:tested\s+(?:this\s+|it\s+)?(?:locally|manually|on|with|against|using|by|in)"
    r"|i\s+(?:ran(?!\s+(?:into|across|out\s+of)\b)|have\s+run|reproduced|verified|confirmed|benchmarked)"
    r"|verified\s+(?:that|by|with)"
    r"|reproduc(?:ed|ible)\s+(?:with|by|on|using)|steps\s+to\s+reproduce)\b"
    # "Manually verified in Firefox", "Checked on an iPhone 13 and a Pixel 7": the author's own subject
    # (first person, "manually", or the verb opening a sentence or list item) and a place to test in
    # (a browser, device, OS, environment or a version number): not "signatures are now verified in
    # the middleware", "the flag is also checked on every config reload" ("checked in" commits)
    rf"|{_OWN_SUBJECT}(?:verified|checked)\s+(?:it\s+|this\s+)?(?:(?:on|in)\s+{ENVIRONMENT}|locally\b|by\s+hand\b)"
    # "This was verified against the 1.4.2 release", "… against Postgres 16": a version or a place to test in
    rf"|\bverified\s+against\s+{ENVIRONMENT}"
    rf"|{_OWN_SUBJECT}checked\s+(?:it\s+|this\s+)?against\b",
    re.MULTILINE,
)
_CODE_SPAN = re.compile(r"`((?:[^`\n]|\n(?!\n)){2,200})`|^[ \t]*\$[ \t]+(.+)$", re.MULTILINE)
_FENCED = re.compile(r"```[^\n]*\n(.*?)(?:```|$)", re.DOTALL)
_RAN = re.compile(r"\b(?:ran|run|running|tested|passe[sd]?|passing|executed|verified)\b|\u2705|\u274c", re.IGNORECASE)
_FAILED = re.compile(
    r"\bfail(?:s|ed|ing)?\b|\bnot\s+found\b|\u274c|\bcould\s*n[o']t\b|\bunable\s+to\b|\berror\b", re.IGNORECASE
)
# "it fails before this change and passes after": how a regression test was checked, not a failure
_FAILS_THEN_PASSES = re.compile(r"\bfail(?:s|ed)?\s+(?:before|without)\s+(?:this|the|my)\s+(?:changes?|patch|fix|pr|commit)\b"
    r"[^.\n]{0,40}?\bpass(?:es|ed)?\b",
                                re.IGNORECASE)
_SPAN_TEXT = re.compile(r"`[^`\n]*+`")
_INSTRUCTION = re.compile(r"\b(?:please|you\s+(?:can|should|must)|make\s+sure)\b", re.IGNORECASE)
# "- fixes `make test` since …": the command is what the change repairs, not how it was tested
_REPAIRS = re.compile(r"^[\s>*+-]*(?:fix(?:es|ed)?|repair(?:s|ed)?)\b", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)
# A command that runs tests: the line it is on says how the change was tested, which a bug report
# that mentions `kubectl describe node` does not
_TEST_COMMAND = re.compile(
    r"\b(?:go\s+test|pytest|tox\b|nox\b|(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?(?:test|e2e)|cargo\s+(?:test|nextest)"
    r"|make\s+[\w-]*test[\w-]*|mvn\s+\S*\s*(?:test|verify)|gradlew?\s+\S*test|jest\b|vitest\b|bazel\s+test"
    r"|ctest\b|phpunit\b|rspec\b|mix\s+test|dotnet\s+test|python3?\s+-m\s+(?:pytest|unittest)|hatch\s+test)",
    re.IGNORECASE)


def _section_text(text: str, m: re.Match) -> str:
    nxt = _HEADER_LINE.search(text, m.end())
    return text[m.end(): nxt.start() if nxt else len(text)].strip()



def _command_quote(text: str, line: str) -> str:
    """The line with the command, cut around the command's code span (a long line's quote used to
    stop before the command it was quoted for); a fenced line stands alone."""
    at = text.find(line) if "`" in line else -1
    if at < 0:
        return hits.quote(line)
    span = next((m for m in _CODE_SPAN.finditer(line) if _COMMAND.search(m.group(0))), None)
    start, end = (at + span.start(), at + span.end()) if span else (at, at + len(line))
    return f"'{hits.excerpt_around(text, start, end)}'"


def _unless_command(span: re.Match) -> str:
    """A code span kept as it is, but for a command: its words are no outcome (`FAIL: TestX` is)."""
    return " " if _COMMAND.regex.search(span.group(0)) else span.group(0)


def _reports_failure(line: str) -> bool:
    """Whether a command's line says it failed: read outside commands' spans (`pytest test_errors.py`)
    and past a "fails before/without … and passes" (a regression test checked both ways). A
    compound such as "the error-path tests" names the tests, not an outcome."""
    said = _SPAN_TEXT.sub(_unless_command, line) if "`" in line else line
    said = _FAILS_THEN_PASSES.sub(" ", said)
    return any(m.group(0).lower() != "error" or not said.startswith("-", m.end()) for m in _FAILED.finditer(said))


def _command_line(text: str) -> str:
    """A test/run command the author shows: in a code span, a fenced block or after ``$ ``,
    with arguments or on a line saying it was run; template instructions do not count. Of the
    spans that count, the first on a line that says it ran or that holds a test command is the
    one quoted ("Unit tests: `go test ./pkg/kubelet/status/...`", not an earlier "`kubectl
    describe node` kept showing them" from the bug report), else the first."""
    if not ("`" in text or "$" in text) or not _COMMAND.search(text):
        return ""  # a command in a span, a fence or after "$ " is a command found in the whole text
    command = _COMMAND.regex  # spans and lines are short: no lower-cased copy for them
    # a line's (not care, says it ran, says it ran or holds a test command): read once however many spans it holds
    lines: dict[str, tuple[bool, bool, bool]] = {}
    first = ""
    for m in _CODE_SPAN.finditer(text):
        span = (m.group(1) or m.group(2) or "").strip()
        if not command.search(span):
            continue  # most code spans are names, not commands: the cheap test goes first
        line = hits.line_at(text, m.start())
        if line not in lines:
            ran = bool(_RAN.search(line))
            lines[line] = (_reports_failure(line) or bool(_REPAIRS.match(line) or _INSTRUCTION.search(line)),
                           ran, ran or bool(_TEST_COMMAND.search(line)))
        not_care, ran, tested = lines[line]
        context = text[max(0, m.start() - 150): m.start()]  # instructions wrap over lines
        if not_care or _INSTRUCTION.search(context):
            continue  # "`pytest` *(fails: …)*" reports that testing did not happen
        if " " in span or ran:
            if tested:
                return line
            first = first or line
    if first:
        return first
    for m in _FENCED.finditer(text):
        for line in m.group(1).splitlines():
            if command.search(line) and not _FAILED.search(line):
                return line
    return ""


def _tester_phrase(text: str) -> re.Match | None:
    """The first testing phrase that reports a tester's check, not what the code does, nor a check
    negated or still to come ("This was not verified by running …", "Not yet verified on a device":
    ``negation.declined``), nor one in a label's answer that names nothing ("Tested: Verified that the
    changes work as expected": ``testing_label.unspecific_answer``)."""
    return next((m for m in _PHRASE.finditer(text)
                 if not code_does(text, m) and not declined(text, m.start(), m.end())
                 and not testing_label.unspecific_answer(text, m.start())), None)


_PHRASE_NEEDS = ("tested", "ran", "run", "reproduc", "verified", "confirmed", "benchmarked", "checked")  # one per alternative


# a checklist item left unticked, as ``hits.without_unchecked_boxes`` reads one ("- [ ]", "[]", "[-]",
# "[NA]", "[Not needed]"): a ticked "[x]", "[✔]", "[done]", "[Y]", a "[core]" tag or a "[Notes](#notes)"
# link is the author's item, and the command under it is how they tested
_UNTICKED_ITEM = re.compile(r"^([ \t]*)(?:~{1,2}[ \t]*)?(?:[-*+]|\d+[.)])[ \t]+~{0,2}" + hits.UNTICKED_MARK,
                            re.IGNORECASE)
_TEMPLATE_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)")


def _testing_text(snapshot: PRSnapshot) -> str:
    """The author's own words about testing: the description without HTML comments, unchecked boxes
    and what hangs under an unchecked box ("- [ ] I have run lint and test steps" and its "  - for
    `jaeger`: `make lint test`" are the template's instructions), nor, when the template is known,
    the lines the author kept from it or only ticked ("- [x] I have run `make test` locally": the
    template's words; its headings stay: a testing section is the author's answer). The template is
    read as ``hits.without_template`` reads it: its first ``TEMPLATE_LIMIT`` characters, no comments."""
    return _own_words(hits.body(snapshot), snapshot.pr_template or "")


@lru_cache(maxsize=64)
def _own_words(text: str, template: str) -> str:
    text = _without_unticked_children(hits.without_comments(text))
    template = template[: hits.TEMPLATE_LIMIT]  # as ``hits.without_template`` reads it
    if template.strip():
        items = hits.without_comments(template)
        text = hits.without_template(_without_template_items(text, items), _without_headings(template))
    return hits.without_unchecked_boxes(text)


# a checklist item's box, ticked or not, and its words: "- [x] I have run `make test` locally" (the
# words run to the line's end, white space and all: ``_item_words`` splits them; a lazy match that
# stops before trailing white space was quadratic in a long run of spaces)
_ITEM_WORDS = re.compile(r"[ \t]*+(?:[-*+]|\d+[.)])[ \t]+\[[^\]\n]{0,12}\][ \t]*+(\S.*)")


def _item_words(line: str) -> str | None:
    """The words of a checklist item, whatever its box holds, in lower case; None for another line."""
    item = _ITEM_WORDS.match(line)
    return " ".join(item.group(1).lower().split()) if item else None


def _without_template_items(text: str, template: str) -> str:
    """``text`` without the template's own checklist items the author ticked ("- [ ] I have run `make
    test` locally" ticked "[x]"): a ticked box is no report in the author's words. An item the author
    wrote or reworded ("- [x] Ran `make test` on Linux") stays."""
    items = {words for line in template.split("\n") if (words := _item_words(line))}
    if not items or "[" not in text:
        return text
    return "\n".join(line for line in text.split("\n") if _item_words(line) not in items)


def _without_unticked_children(text: str) -> str:
    """``text`` without the lines indented under an unticked checklist item (to the next line that
    is not indented deeper than the item's marker; blank lines, kept, do not end them)."""
    if "[" not in text:
        return text
    kept: list[str] = []
    parent: int | None = None  # the indent of the unticked item whose children are being dropped
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" \t"))
        if parent is not None and (not line.strip() or indent > parent):
            if not line.strip():
                kept.append(line)  # paragraphs stay apart
            continue
        item = _UNTICKED_ITEM.match(line)
        parent = len(item.group(1)) if item else None
        kept.append(line)
    return "\n".join(kept)


def _without_headings(template: str) -> str:
    return "\n".join(line for line in template.split("\n") if not _TEMPLATE_HEADING.match(line))


def explains_testing(snapshot: PRSnapshot) -> SignalHit:
    text = _testing_text(snapshot)  # unchecked boxes are to-dos, a template's lines its instructions
    command = _command_line(text)
    if command:
        return hits.fired(NAME, KIND, 1.0, f"says how it was tested: {_command_quote(text, command)}")
    phrase = None if hits.lacks_all(text, _PHRASE_NEEDS) else _tester_phrase(text)
    if phrase:
        said = hits.excerpt_around(text, phrase.start(), phrase.end())  # the words that fired, not the line's start
        return hits.fired(NAME, KIND, 0.7, f"says how it was tested: '{said}'")
    label = testing_label.labelled_report(text) if ":" in text else None
    if label:  # "Tested: locally with Postgres 16, migrations apply cleanly"
        said = hits.excerpt_around(text, label.start(), label.end())
        return hits.fired(NAME, KIND, 0.7, f"says how it was tested: '{said.strip()}'")
    for m in (_SECTION.finditer(text) if "#" in text else ()):
        content = _section_text(text, m)
        specific = "`" in content or re.search(r"\d", content)
        if specific and _RAN.search(content) and not _FAILED.search(content):
            return hits.fired(NAME, KIND, 0.5, f"has a testing section: {hits.quote(content)}")
    return hits.quiet(NAME, KIND)
