"""``admits_untested`` (kind "effort"): the description itself says the change was not tested
or that the tests could not run: "I haven't tested this", "this is untested", "we couldn't run
the tests", "`pytest` *(fails: ModuleNotFoundError)*", "needs to be tested after merging", a ❌
next to a test command. Descriptions of code ("the previously untested branch", "the tool
cannot run `gh`") are not admissions.

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

_ADMISSION = Caseless(  # only where a match starts is read, so the \b is shared (a faster scan)
    r"\b(?:"
    r"(?:i|we)\s+(?:have\s*n[o']t|did\s*n[o']t|did\s+not|could\s*n[o']t|could\s+not|can\s*n[o']t|cannot"
    r"|(?:was|were|am|are)\s+(?:not\s+able|unable)\s+to|wasn't\s+able\s+to)\s+(?:\w+\s+)?(?:test|run|verify|execute)"
    r"|(?:this|it|the\s+(?:change|pr|patch|fix|code))\s+(?:is|was|has|remains)\s+(?:\w+\s+)?"
    r"(?:not\s+(?:yet\s+|been\s+)?tested|untested)"
    r"|needs?\s+(?:to\s+be\s+)?(?:tested|testing)\s+(?:after|once|manually|by\s+someone)"
    r"|without\s+running\s+(?:the\s+)?tests?\b|tests?\s+(?:were|was)\s+not\s+run\b)"
    r"|^[^\w\n]*(?:not\s+(?:yet\s+)?tested|untested)\b"  # within its line: a run of blank lines is read once
    # a code span naming a check, then "fails": the span is read once (possessive), its word by lookahead
    r"|`(?=[^`\n]*\b(?:test|pytest|tox|jest|vitest|lint|check|build|verify)\b)[^`\n]*+`\s*+\*?\(?\s*+(?:fails?|failed)\b"
    r"|\u274c[^\n]*\b(?:test|pytest|tox|jest|vitest|lint|build|verify)",
    re.MULTILINE,
)


_NEGATION = ("not", "n't", "unable")
_ACTION = ("test", "run", "verify", "execute")


def _cannot_admit(text: str) -> bool:
    """True when ``_ADMISSION`` surely finds nothing (checked without running it): every
    alternative needs a negation and an action word, "tested", "need" + "test", "without",
    "fail" + a backtick, or a ❌."""
    low = hits.folded(text)
    if low is None:
        return False
    has = low.__contains__
    return not ((any(map(has, _NEGATION)) and any(map(has, _ACTION))) or has("tested") or has("without")
                or (has("need") and has("test")) or (has("fail") and has("`")) or has("\u274c"))


def admits_untested(snapshot: PRSnapshot) -> SignalHit:
    text = hits.author_body(snapshot)
    m = None if _cannot_admit(text) else _ADMISSION.search(text)
    if not m:
        return hits.quiet(NAME, KIND)
    return hits.fired(NAME, KIND, 1.0, f"says {hits.quote(hits.excerpt(text, m.start()))}")
