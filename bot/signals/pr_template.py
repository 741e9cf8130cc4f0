"""``template_sections_ignored`` (kind "effort"): the repository's PR template is known and the
description deletes its sections or leaves them unfilled (placeholder text or only the
template's HTML comments kept, every checkbox unchecked). Quiet when no template is known.

The value is the share of template sections that are deleted or unfilled. Not every section asks
for an answer, and an author who fills the rest has not ignored the template:

* a section the template marks optional ("optional", "if applicable", "can be blank" in its
  heading or its comments: Kubernetes' "Additional documentation") is never counted;
* a *silent* section, one that shows nothing under its heading on GitHub (no placeholder, no
  checkbox, at most a hidden comment: Kubernetes' "Special notes for your reviewer"), counts only
  when the author filled no section at all. A section that shows only an issue-link stub
  ("Fixes #", "Closes #<issue>": Kubernetes' "Which issue(s) this PR fixes:") is silent too: there
  is nothing to link when no issue exists (a cleanup, a typo, a Go bump), and the stub left as it
  is says just that.

A section whose heading is gone still counts as filled when the description holds its fenced
block (a bare "```release-note … ```" block). Cherry-picks and backports ("Automated cherry pick
of #N" titles, "Cherry pick of #N on release-X.Y." bodies) are copies of a PR already reviewed,
written by a script: quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.result import SignalHit
from bot.signals import hits
from bot.snapshot import PRSnapshot

NAME = "template_sections_ignored"
KIND = "effort"
PREAMBLE = "(text before the first heading)"
MAX_SECTIONS = 40

# A heading line; its closing hashes and spaces are stripped in Python (a lazy group before
# "\s*#*\s*$" backtracked cubically on a long run of spaces inside a hostile heading)
_HEADER = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
_CHECKBOX = re.compile(r"^\s*[-*+]\s+\[([ xX])\]")
_NON_WORD = re.compile(r"[\W_]+")  # Unicode: "変更内容", "Описание" keep their letters
_OPTIONAL = re.compile(
    r"\b(?:optional(?:ly)?|if (?:applicable|any|needed|relevant|necessary)|can be (?:left )?(?:blank|empty)"
    r"|leave (?:it |this )?(?:blank|empty)|not required)\b", re.IGNORECASE)
# "Fixes #", "Closes: #<issue number>", "- Resolves #XXX": a link to fill in only when there is an issue
_ISSUE_STUB = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?|related(?:\s+to)?|part\s+of|issues?)"
    r"\s*:?\s*#[ \t]*(?:<[^>\n]*>|\([^)\n]*\)|\[[^\]\n]*\]|_+|x+|n+|\.\.\.|\u2026)?\s*$", re.IGNORECASE)
_FENCE_INFO = re.compile(r"^\s{0,3}(?:```|~~~)[ \t]*([A-Za-z][\w-]*)[ \t]*$")  # "```release-note"
# A copy of a reviewed PR made by a script (Kubernetes' hack/cherry_pick_pull.sh, backport bots)
_CHERRY_PICK_TITLE = re.compile(
    r"^\W*(?:\[[^\]\n]{0,60}\]\W*)?(?:automated\s+)?(?:cherry[- ]?pick|backport)\s+of\s+#\d+", re.IGNORECASE)
_CHERRY_PICK_BODY = re.compile(r"^\s*(?:automated\s+)?(?:cherry[- ]?pick|backport)\s+of\s+#\d+", re.IGNORECASE)


@dataclass
class _Section:
    title: str
    lines: list[str]  # as GitHub shows them (HTML comments removed)
    optional: bool = False  # templates only: the section says it may stay blank
    silent: bool = False  # templates only: nothing shows under the heading


def _key(text: str) -> str:
    """The words of ``text`` in any script, case folded, joined by single spaces."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _heading_key(title: str) -> tuple[str, bool]:
    """A heading's key and whether it holds words: a heading of symbols only ("## ✅") is keyed
    by itself, so two such headings match only when they are the same."""
    key = _key(title)
    return (key, True) if key else (title.strip(), False)


def _split(text: str) -> tuple[list[_Section], list[str]]:
    """The sections of ``text`` (the preamble first) with the lines GitHub shows, and each
    section's raw text, HTML comments included. A heading inside a comment is not a heading."""
    sections, raw = [_Section(PREAMBLE, [])], [[]]
    hidden = False
    for line in text.splitlines():
        m = None if hidden else _HEADER.match(line)
        if m:
            sections.append(_Section(m.group(1).rstrip().rstrip("#").rstrip(), []))
            raw.append([])
        else:
            raw[-1].append(line)
        hidden = _inside_comment_after(line, hidden)
    texts = ["\n".join(lines) for lines in raw]
    for section, section_text in zip(sections, texts):
        section.lines = hits.without_comments(section_text).splitlines()
    return sections[:MAX_SECTIONS], texts[:MAX_SECTIONS]


def _sections(text: str) -> list[_Section]:
    return _split(text)[0]


def _slots(template: str) -> list[_Section]:
    """The template sections the author is expected to keep and fill. The text before the
    first heading is one of them when it holds anything, even only an HTML comment."""
    sections, texts = _split(template)
    for section, text in zip(sections, texts):
        section.optional = bool(_OPTIONAL.search(section.title + "\n" + text))
        section.silent = all(not line.strip() or _ISSUE_STUB.match(line) for line in section.lines)
    return sections if texts[0].strip() else sections[1:]


def _inside_comment_after(line: str, hidden: bool) -> bool:
    """Whether an HTML comment is still open at the end of ``line``."""
    pos = 0
    while True:
        pos = line.find("-->" if hidden else "<!--", pos)
        if pos < 0:
            return hidden
        pos, hidden = pos + (3 if hidden else 4), not hidden


def _find(title: str, sections: list[_Section]) -> _Section | None:
    key, words = _heading_key(title)
    for s in sections:
        other, other_words = _heading_key(s.title)
        if other == key or (words and other_words and (key in other or other in key)):
            return s
    return None


def _state(tmpl: _Section, got: _Section | None, body: str = "") -> str:
    placeholders = {_key(line) for line in tmpl.lines if line.strip()}
    if got is None:
        return _fenced_state(tmpl, body, placeholders) or "deleted"
    boxes = [m.group(1) for m in map(_CHECKBOX.match, got.lines) if m]
    own = [line for line in got.lines if line.strip() and not _CHECKBOX.match(line)
           and _key(line) not in placeholders]
    if own or any(b in "xX" for b in boxes):
        return "filled"
    return "all boxes unchecked" if boxes else "left unfilled"


def _fenced_state(tmpl: _Section, body: str, placeholders: set[str]) -> str | None:
    """The state of a section whose heading the description lacks, read from the fenced block
    the template puts under it ("```release-note"): "filled" when the description holds that
    block with something of its own in it, "left unfilled" when it holds it empty, else None."""
    infos = [m.group(1) for m in map(_FENCE_INFO.match, tmpl.lines) if m]
    state = None
    for info in infos:
        if info.lower() not in body.lower():
            continue
        block = re.compile(rf"^\s{{0,3}}(```|~~~)[ \t]*{re.escape(info)}[ \t]*\n(.*?)^\s{{0,3}}\1",
                           re.MULTILINE | re.DOTALL | re.IGNORECASE)
        for m in block.finditer(body):
            if any(line.strip() and _key(line) not in placeholders for line in m.group(2).splitlines()):
                return "filled"
            state = "left unfilled"
    return state


def _cherry_pick(snapshot: PRSnapshot, body: str) -> bool:
    return bool(_CHERRY_PICK_TITLE.match(snapshot.title or "")
                or _CHERRY_PICK_BODY.match(hits.without_comments(body)))


def template_sections_ignored(snapshot: PRSnapshot) -> SignalHit:
    template = (snapshot.pr_template or "")[: hits.TEMPLATE_LIMIT]
    if not template.strip():
        return hits.quiet(NAME, KIND)
    slots = [s for s in _slots(template) if not s.optional]
    text = hits.body(snapshot)
    if not slots or _cherry_pick(snapshot, text):
        return hits.quiet(NAME, KIND)
    body = _sections(text)
    visible = hits.without_comments(text)
    states = [(s, _state(s, _find(s.title, body), visible)) for s in slots]
    answered = any(st == "filled" for _, st in states)
    bad = [(s.title, st) for s, st in states if st != "filled" and not (answered and s.silent)]
    if not bad:
        return hits.quiet(NAME, KIND)
    shown = "; ".join(f"{hits.quote(t, 40)} {st}" for t, st in bad[:3]) + (" …" if len(bad) > 3 else "")
    return hits.fired(NAME, KIND, len(bad) / len(slots),
                      f"{len(bad)} of {len(slots)} template sections ignored: {shown}")
