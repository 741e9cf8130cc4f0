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
flag for that alone, the same words followed by a ticked checklist (``CHECKLISTS``), and the same
words filled into a project's PR template that the scorer does not know (``TEMPLATES``: what the
offline CLI sees on a repository with a template), and the same words followed by the author's
test output, plain (``OUTPUT``) or folded into ``<details>`` (``FOLDED``), and the same words
followed by a person's own paragraph on how they tested (``TESTED``: what moved demo PR #102,
models/HISTORY.md, "Sixteenth session"). CV scores the probes as ``score()`` reads a PR: AI
signals at 0.
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
# a project's checklist, ticked by the author
CHECKLISTS = (
    "- [x] I have read the contributing guidelines\n- [x] Tests pass locally\n- [ ] Documentation updated",
    "- [x] Tests added or updated\n- [x] `make lint` passes\n- [x] Signed the CLA",
    "- [x] My change follows the code style of this project\n- [ ] I have updated the changelog\n"
    "- [x] I have added tests that prove my fix is effective",
)
# the training copies' checklists (``ticked``): none is one of the probe's ``CHECKLISTS``
TICKED = (
    "- [x] Added a regression test\n- [x] Ran the full test suite",
    "- [x] I have signed off my commits\n- [x] I have added unit tests\n- [ ] I have updated the docs",
    "- [x] Code compiles without warnings\n- [x] Tested manually\n- [x] Linked the issue",
    "- [x] Self-reviewed the change\n- [ ] Breaking change\n- [x] CI passes",
)
# two common templates, the author's words in the first section ({words}); not known to the scorer
TEMPLATES = (
    "#### What type of PR is this?\n\n/kind bug\n\n#### What this PR does / why we need it:\n\n{words}\n\n"
    "#### Which issue(s) this PR fixes:\n\n#### Special notes for your reviewer:\n\n"
    "#### Does this PR introduce a user-facing change?\n\n```release-note\nNONE\n```",
    "## Description\n\n{words}\n\n## Type of change\n\n- [x] Bug fix (non-breaking change which fixes an issue)\n"
    "- [ ] New feature (non-breaking change which adds functionality)\n\n## How Has This Been Tested?\n\n"
    "Unit tests.\n\n## Checklist\n\n- [x] My code follows the style guidelines of this project\n"
    "- [x] I have performed a self-review of my code",
)
# the author's test output pasted after their words, folded into <details> or not
OUTPUT = "```\n$ go test ./...\nok  \texample.org/app/config\t0.412s\nok  \texample.org/app/server\t1.087s\n```"
FOLDED = f"<details>\n<summary>Test output</summary>\n\n{OUTPUT}\n</details>"
# how the author tested, in a person's own words (no heading, no checklist); no training copy uses them
TESTED = (
    "Tested with `go test ./internal/... -run TestReload -count=20` and by hand against a local kind cluster.",
    "I ran `pytest tests/unit -k cache` locally; the new test fails without the fix and passes with it.",
    "Tested manually: built with `cargo build --release`, started the server and checked that the 404 page "
    "renders again.",
    "Ran `npm test` and clicked through the settings page in Firefox and Chrome; no console errors.",
)
# the training copies' testing paragraphs (``tested``): none is one of the probe's ``TESTED``
TESTED_COPIES = (
    "Tested locally with `make test` and by running the CLI against a sample config.",
    "I verified the fix by reproducing the original crash with `./bin/server --config broken.yaml` before and "
    "after the change.",
    "Ran `go test ./pkg/... -race` a few times; also checked the metrics endpoint by hand with curl.",
    "Manually tested in the browser: the modal now closes on Escape and focus returns to the button.",
    "Tested with `python -m pytest -x tests/test_parser.py` plus a quick run over last week's logs.",
    "Ran the unit tests (`cargo test -p core`) and the integration suite against a local Postgres.",
    "I checked this on macOS and Linux; `npm run build` is clean and the docs page renders.",
    "Verified with `kubectl apply -f examples/` on a kind cluster; the pods come up and the probe passes.",
)
PROBES = (*PROBE_HEADINGS, "disclosed", "checklist", "template", "output", "folded", "tested")
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


def ticked(body: str, record_id: str, salt: str = "") -> str:
    """``body`` followed by a ticked checklist (``TICKED``), under "## Checklist" for half the
    records: a training copy, fixed by the record's id (and a ``salt``, as ``layout_for``)."""
    pick = int(hashlib.sha1((salt + "ticked:" + record_id).encode()).hexdigest(), 16)
    heading = "## Checklist\n\n" if pick % 2 else ""
    return f"{body.strip()}\n\n{heading}{TICKED[(pick // 2) % len(TICKED)]}"


def tested(body: str, record_id: str, salt: str = "") -> str:
    """``body`` followed by how the author tested, in their own words (``TESTED_COPIES``): a
    training copy, fixed by the record's id (and a ``salt``, as ``layout_for``)."""
    pick = int(hashlib.sha1((salt + "tested:" + record_id).encode()).hexdigest(), 16)
    return f"{body.strip()}\n\n{TESTED_COPIES[pick % len(TESTED_COPIES)]}"


def probe(name: str, body: str, record_id: str) -> str:
    """``body`` as probe ``name`` shows it (``PROBES``)."""
    if name in PROBE_HEADINGS:
        return relaid(body, PROBE_HEADINGS[name])
    pick = int(hashlib.sha1(record_id.encode()).hexdigest(), 16)
    if name == "template":
        return TEMPLATES[pick % len(TEMPLATES)].format(words=body.strip())
    if name in ("output", "folded"):
        return f"{body.strip()}\n\n{OUTPUT if name == 'output' else FOLDED}"
    added = CHECKLISTS if name == "checklist" else TESTED if name == "tested" else DISCLOSURES
    return f"{body.strip()}\n\n{added[pick % len(added)]}"
