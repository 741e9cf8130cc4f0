"""Human descriptions re-laid under the headings people, templates and agents all use.

In the training split almost every description under "## Summary" is an agent's: the human git
rows mostly carry squash lists or a few plain lines, the AIDev agent rows carry GitHub
descriptions in the house style of Codex, Copilot and Devin. So the model learns the heading
itself as agent evidence, and a person who writes "## Summary" above their own words is flagged
for the shape of the description (MODEL_CARD.md, "Known limits"). A copy of a human PR whose own
words stand under common headings shows the model people who write that way.

``LAYOUTS`` are the training copies' layouts (one per copy, chosen by a hash of its record id).
``PROBES`` measure the effect out of fold: "## Summary" (one of the training layouts), a layout
no copy uses, to see whether the lesson carries to headings the model was never shown, and the
same words followed by a careful AI disclosure (``DISCLOSURES``), which PR Sieve promises not to
flag for that alone. CV scores the probes as ``score()`` reads a PR: AI signals at 0.
"""

from __future__ import annotations

import hashlib
import re

MIN_CHARS = 40  # a description shorter than this has no words worth a heading
LAYOUTS: tuple[tuple[str, ...], ...] = (
    ("## Summary",),
    ("## Description",),
    ("## Summary", "## Changes"),
    ("## What this PR does",),
    ("## Motivation", "## Changes"),
)
PROBE_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("## Summary",),
    "unseen": ("### Why", "### What changed"),
}
# careful, disclosed AI use in a person's own words: what the product must not flag for that alone
DISCLOSURES = (
    "I used Claude Code to draft the tests; I reviewed and trimmed them and checked that each one fails "
    "without the fix.",
    "AI disclosure: GitHub Copilot suggested parts of this change. I reviewed every line and ran the test "
    "suite locally.",
    "Parts of this description were drafted with ChatGPT and edited by me.",
)
PROBES = (*PROBE_HEADINGS, "disclosed")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def eligible(description: str) -> bool:
    """Whether a description (as the model reads it) has words of its own and no heading yet."""
    text = description.strip()
    return len(text) >= MIN_CHARS and not text.startswith("#")


def relaid(body: str, headings: tuple[str, ...]) -> str:
    """``body`` under ``headings``: the first heading above its first paragraph, a second heading
    (if any) above the rest; a single paragraph goes under the first heading alone."""
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(body.strip()) if p.strip()]
    if len(headings) == 1 or len(paragraphs) < 2:
        return f"{headings[0]}\n\n{body.strip()}"
    rest = "\n\n".join(paragraphs[1:])
    return f"{headings[0]}\n\n{paragraphs[0]}\n\n{headings[1]}\n\n{rest}"


def layout_for(record_id: str, salt: str = "") -> tuple[str, ...]:
    """The training layout of a record's copy: fixed by its id (and a ``salt``, which deals the
    layouts out anew for a confirmation run), so every run builds the same copies."""
    return LAYOUTS[int(hashlib.sha1((salt + record_id).encode()).hexdigest(), 16) % len(LAYOUTS)]


def probe(name: str, body: str, record_id: str) -> str:
    """``body`` as probe ``name`` shows it (``PROBES``)."""
    if name in PROBE_HEADINGS:
        return relaid(body, PROBE_HEADINGS[name])
    pick = int(hashlib.sha1(record_id.encode()).hexdigest(), 16) % len(DISCLOSURES)
    return f"{body.strip()}\n\n{DISCLOSURES[pick]}"
