"""The fast paths of the signals and features must find exactly what the plain code finds.

- ``Caseless`` (lower-cased, case-sensitive scan) gives the same matches as ``re.IGNORECASE``;
  the Unicode facts its proof rests on are re-checked against this Python's tables.
- Pre-checks that skip a regex (``lacks_all``, ``_cannot_admit``) never skip a real match.
- ``without_attribution`` equals ``bot.text.strip_attribution``.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import text as text_mod
from bot.model import features
from bot.signals import care, claims, disclosure, hits, phrasing, untested
from bot.signals.caseless import ODD_FOLDS, Caseless, folded

ALL = "".join(map(chr, range(sys.maxunicode + 1)))
PATTERNS = {
    "admission": untested._ADMISSION, "phrase": care._PHRASE, "command": care._COMMAND,
    "section": care._SECTION, "keyword": disclosure._KEYWORD, "opening": phrasing._OPENING,
    "stock_heading": phrasing._STOCK_HEADING, "filler": phrasing._FILLER, "issue_ref": features._ISSUE_REF,
    "test_claim": claims._TEST_CLAIM, "instruction": claims._INSTRUCTION,
}
FRAGMENTS = [
    "I", "we", "We", "haven't", "did not", "could not", "cannot", "was unable to", "not", "NOT", "yet",
    "tested", "Tested", "UNTESTED", "test", "tests", "run", "running", "verify", "without", "needs", "to be",
    "testing", "after", "`pytest -k x`", "`make test`", "*(fails: boom)*", "failed", "\u274c", "\u2705",
    "this", "is", "The change", "was", "I ran", "tested locally", "steps to reproduce", "go test ./...",
    "## Testing", "### Summary", "## Key Features", "This PR adds", "comprehensive", "Robust", "ensures",
    "used", "Copilot", "AI-assisted", "ChatGPT", "gpt-4", "Claude Code", "with the help of", "LLM", "ai",
    "Fixes", "#12", "closes", "resolved", "Co-authored-by: Claude <noreply@anthropic.com>",
    "Signed-off-by: A <a@b.c>", "Generated with [Claude Code](https://claude.ai/code)",
    "<!-- START COPILOT CODING AGENT TIPS -->", "Requested by: x", "Please", "you should", "make sure",
    "added unit tests", "- [X] Added tests", "* [x] new test", "Tests were added", "improved test coverage",
    "```\n", "```bash\n", "$ ", "`npm run test`", "pytest", "kubectl get pods", "Cargo Test",
    "\u0130", "\u0131", "\u017f", "\u212a", "K", "S", "\u00e9", "\u2014", "$", "-", "*", "`", "(", ".",
]
SEPARATORS = [" ", " ", "\n", "\n\n", "  ", "\t", "\r\n", "\u2028", "", "- ", "# "]
TEXTS = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(f + s for f, s in parts))


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def test_only_four_non_ascii_characters_fold_onto_ascii():
    assert set(re.findall(r"(?i)[\x00-\x7f]", ALL)) - set(map(chr, range(128))) == set(ODD_FOLDS)
    assert not [c for c in ALL if c not in ODD_FOLDS and not c.isascii() and c.lower().isascii()]


def test_lower_case_keeps_lengths_and_character_classes_outside_the_odd_four():
    plain = ALL.translate({ord(c): None for c in ODD_FOLDS})
    lowered = plain.lower()
    assert len(lowered) == len(plain)  # str.lower never deletes, so each character maps to one
    for cls in (r"\w", r"\s", r"\d", r"\n"):
        assert [m.start() for m in re.finditer(cls, plain)] == [m.start() for m in re.finditer(cls, lowered)]


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_caseless_matches_like_ignorecase(text):
    for rx in PATTERNS.values():
        assert _spans(rx.finditer(text)) == _spans(rx.regex.finditer(text))
        assert rx.findall(text) == rx.regex.findall(text)
        found, plain = rx.search(text), rx.regex.search(text)
        assert (found and _spans([found])) == (plain and _spans([plain]))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_pre_checks_never_skip_a_match(text):
    if untested._cannot_admit(text):
        assert untested._ADMISSION.regex.search(text) is None
    if hits.lacks_all(text, care._PHRASE_NEEDS):
        assert care._PHRASE.regex.search(text) is None
    if hits.lacks_all(text, phrasing._FILLER_STEMS):
        assert phrasing._FILLER.regex.search(text) is None
    if "`" in text or "$" in text:
        assert care._COMMAND.search(text) or not any(care._COMMAND.regex.search(part) for part in _shown_code(text))
    assert hits.without_attribution(text) == text_mod.strip_attribution(text)[0]
    assert claims._without_instructions(text) == "\n".join(
        line for line in text.splitlines() if not claims._INSTRUCTION.regex.search(line))


def _shown_code(text: str) -> list[str]:
    spans = [(m.group(1) or m.group(2) or "").strip() for m in care._CODE_SPAN.finditer(text)]
    return spans + [line for m in care._FENCED.finditer(text) for line in m.group(1).splitlines()]


def test_every_attribution_pattern_needs_one_of_the_needles():
    assert "-by:" in text_mod._TRAILER.pattern
    for alternative in _top_level_alternatives(text_mod._ATTRIBUTION_LINE.pattern):
        literal = alternative.replace("\\", "").lower()
        assert any(n in literal for n in hits.ATTRIBUTION_NEEDLES), alternative


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 2 if c == "\\" else 1
    return parts + [pattern[start:]]


def test_odd_folds_fall_back_to_ignorecase():
    assert folded("Fixes #1") == "fixes #1" and folded("\u212aelvin") is None
    assert _spans(Caseless("kelvin").finditer("\u212aELVIN")) == [(0, 6, "\u212aELVIN")]
    assert not hits.lacks_all("\u212aelvin", ("kelvin",)) and hits.lacks_all("Kelvin", ("copilot",))


def test_patterns_with_upper_case_letters_are_refused():
    for bad in (r"[A-Z]x", "Test", "\u00c9t\u00e9"):
        try:
            Caseless(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")
    Caseless(r"\W\S\b\d\B ok")  # upper-case escapes are classes, not letters
