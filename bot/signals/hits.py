"""Building ``SignalHit`` values with bounded evidence and bounded inputs.

Every signal goes through ``fired``/``quiet`` so values stay in [0, 1], evidence stays short
and a giant PR (a 1 MB body, 5,000 files) never makes a signal scan more than a fixed budget.

Text several signals derive from the same description (``author_body``, ``folded``) is
computed once per text: the helpers are memoised on the text itself (a str, so the cache
key is cheap and two snapshots with the same body share the work). Signals stay pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.botblocks import without_bot_blocks
from bot.result import Kind, SignalHit
from bot.signals.caseless import folded
from bot.snapshot import FileChange, PRSnapshot
from bot.text import strip_attribution

EVIDENCE_LIMIT = 160  # characters of evidence shown to a person
TEMPLATE_LIMIT = 8_000  # characters of the PR template a signal reads
BODY_LIMIT = 8_000  # characters of the description a signal scans (head and tail)
BODY_TAIL = 2_000
MESSAGE_LIMIT = 4_000  # characters of one commit message
MAX_FILES = 1_000  # files a signal looks at
MAX_COMMITS = 50
PATCH_LIMIT = 20_000  # characters of one file's patch a signal scans
PATCH_BUDGET = 200_000  # characters of patch text a signal scans over all files


# Control characters left once white space is joined: ESC would let a PR's text drive the terminal
# that shows ``sieve score``'s table (clear it, recolour it, set its title)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clip(text: str, limit: int = EVIDENCE_LIMIT) -> str:
    """One line of printable text, at most ``limit`` characters, ending in an ellipsis when cut."""
    flat = _CONTROL.sub("", " ".join((text or "").split()))
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def quote(text: str, limit: int = 100) -> str:
    return f"'{clip(text, limit)}'"


def fired(name: str, kind: Kind, value: float, evidence: str) -> SignalHit:
    value = min(1.0, max(0.0, float(value)))
    return SignalHit(name=name, value=value, evidence=clip(evidence) if value > 0 else "", kind=kind)


@lru_cache(maxsize=256)  # a SignalHit is frozen: one quiet hit per signal serves every PR
def quiet(name: str, kind: Kind) -> SignalHit:
    return SignalHit(name=name, value=0.0, evidence="", kind=kind)


def body(snapshot: PRSnapshot) -> str:
    """The description, or for a very long one its head and its tail (footers and trailers
    such as "Generated with …" sit at the end), without the summaries review bots put between
    their marker comments (``bot.botblocks``): no signal reads a bot's words as the author's."""
    text = snapshot.body or ""
    if len(text) > BODY_LIMIT:
        text = text[: BODY_LIMIT - BODY_TAIL] + "\n" + text[-BODY_TAIL:]
    return _without_bot_blocks(text) if "<!--" in text else text


@lru_cache(maxsize=64)  # every signal reads the description: the blocks are found once per text
def _without_bot_blocks(text: str) -> str:
    return without_bot_blocks(text)


def own_body(snapshot: PRSnapshot) -> str:
    """``body``, without the lines the repository's PR template put there when the template is
    known (``without_template``): the layout an author chose, not the one the project asks for."""
    return without_template(body(snapshot), snapshot.pr_template)


def without_template(text: str, template: str | None) -> str:
    """``text`` without HTML comments and without the lines it shares, word for word, with
    ``template`` (headings, placeholders, unticked items), runs of blank lines closed up;
    unchanged when no template is known."""
    if not template or not template.strip():
        return text
    shared = {line.strip() for line in without_comments(template[:TEMPLATE_LIMIT]).splitlines() if line.strip()}
    kept: list[str] = []
    for line in without_comments(text).splitlines():
        if line.strip() not in shared and (line.strip() or (kept and kept[-1].strip())):
            kept.append(line)  # one blank line where removed lines leave several
    return "\n".join(kept).strip()


def messages(snapshot: PRSnapshot) -> tuple[str, ...]:
    return tuple((c.message or "")[:MESSAGE_LIMIT] for c in snapshot.commits[:MAX_COMMITS])


def files(snapshot: PRSnapshot) -> tuple[FileChange, ...]:
    return snapshot.files[:MAX_FILES]


def files_complete(snapshot: PRSnapshot) -> bool:
    """True when ``files`` lists every changed file (so "absent from the diff" means something)."""
    n = len(snapshot.files)
    return 0 < n <= MAX_FILES and (snapshot.files_changed is None or snapshot.files_changed <= n)


def whole_patch(change: FileChange) -> bool:
    """Whether ``change.patch`` is the file's whole patch (known, and not cut by an export)."""
    return change.patch is not None and not change.patch_truncated


def patch(change: FileChange) -> str | None:
    return None if change.patch is None else change.patch[:PATCH_LIMIT]


def within_patch_budget(changes) -> list[FileChange]:
    """The leading files whose patches fit in PATCH_BUDGET characters together."""
    out, used = [], 0
    for change in changes:
        used += min(len(change.patch or ""), PATCH_LIMIT)
        if used > PATCH_BUDGET:
            break
        out.append(change)
    return out


def changed_lines(snapshot: PRSnapshot) -> int | None:
    """Lines added plus deleted, or None when the snapshot carries no diff statistics.
    Files known only by their patch (no counts) are counted from the patch."""
    if not snapshot.files and not snapshot.files_changed and not (snapshot.additions or snapshot.deletions):
        return None  # no file, no count: an export without diff statistics, not a 0-line change
    if snapshot.additions is not None or snapshot.deletions is not None:
        return (snapshot.additions or 0) + (snapshot.deletions or 0)
    if not snapshot.files:
        return None
    return sum(file_changed_lines(f) for f in files(snapshot))


def file_changed_lines(change: FileChange) -> int:
    if change.additions or change.deletions or change.patch is None:
        return change.additions + change.deletions
    return sum(1 for line in (patch(change) or "").splitlines() if line[:1] in "+-")


_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def without_comments(text: str) -> str:
    """Text with HTML comments removed (an unclosed one runs to the end, as GitHub renders it)."""
    return _HTML_COMMENT.sub("", text) if "<!--" in text else text


def line_span(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the line of ``text`` that contains position ``pos``."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, end if end >= 0 else len(text)


def line_at(text: str, pos: int) -> str:
    """The whole line of ``text`` that contains position ``pos``."""
    start, end = line_span(text, pos)
    return text[start:end]


# Hard-wrapped prose (descriptions made from commit messages, ``gh pr create``, 80-column
# editors): a quoted line can be part of a sentence. A person reading a quote must see that.
_BLOCK_START = re.compile(r"^\s*(?:[-*+>|]|\d+[.)]\s|#{1,6}(?:\s|$)|```|~~~)")  # list item, quote, table, heading, fence
_OWN_BLOCK = re.compile(r"^\s*(?:[|]|#{1,6}(?:\s|$)|```|~~~)")  # a line nothing else continues: table row, heading, fence
_SENTENCE_END = re.compile(r"[.!?:;][\"')\]*_`]*\s*$")


def continues_before(text: str, line_start: int) -> bool:
    """Whether the line starting at ``line_start`` carries on a sentence from the line above."""
    if line_start <= 0 or _BLOCK_START.match(text[line_start: line_start + 12]):
        return False
    above = line_at(text, line_start - 1)
    return bool(above.strip()) and not _OWN_BLOCK.match(above) and not _SENTENCE_END.search(above)


def continues_after(text: str, line_end: int) -> bool:
    """Whether the sentence on the line ending at ``line_end`` goes on to the next line."""
    if line_end >= len(text):
        return False
    line, below = line_at(text, max(0, line_end - 1)), line_at(text, line_end + 1)
    return (bool(below.strip()) and not _BLOCK_START.match(below) and not _OWN_BLOCK.match(line)
            and not _SENTENCE_END.search(line))


def excerpt(text: str, pos: int) -> str:
    """``line_at(text, pos)``, marked with "…" where its sentence comes from the line above or
    goes on to the line below (evidence only: no value depends on it)."""
    return marked(text, *line_span(text, pos))


def marked(text: str, start: int, end: int) -> str:
    """``text[start:end]`` (from a line start, or mid-line, to a line end), with "…" for a sentence
    that starts on an earlier line or goes on to the next one."""
    lead = "…" if (start == 0 or text[start - 1] == "\n") and continues_before(text, start) else ""
    trail = "…" if continues_after(text, end) else ""
    return lead + text[start:end].strip() + trail


# "~- [ ] Tests written/updated~" and "- ~[ ] Tests written/updated~": a template item struck
# through as not applicable (celestia-core's checklist asks for it) is no statement either.
# Authors mark an item they leave out in other ways too: "[]", "[-]", "[~]", "[/]", "[NA]",
# "[N/A]", "[Not needed]", "[skip]". Only these marks count: "- [core] Added tests" is a tag
# on a statement and "- [Docs](https://…)" a link.
UNTICKED_MARK = (r"\[[ \t]*+(?:|-|~|/|n/?a|n\.a\.?|none|no|skip(?:ped)?|not[ \t_-]+(?:needed|applicable|required|relevant))"
                 r"[ \t]*+\](?!\()")
_UNCHECKED_BOX = re.compile(r"^[ \t]*+(?:~{1,2}[ \t]*+)?[-*+][ \t]+~{0,2}" + UNTICKED_MARK + ".*$",
                            re.MULTILINE | re.IGNORECASE)  # possessive: linear


def without_unchecked_boxes(text: str) -> str:
    """Text without unchecked checklist lines (struck through or not, however marked): those are
    a template's to-dos or items the author left out, not statements."""
    return _UNCHECKED_BOX.sub("", text) if "[" in text else text  # every such line holds "["


def author_body(snapshot: PRSnapshot) -> str:
    """The description as the author's own statements: ``body`` without HTML comments and
    unchecked boxes (a template's instructions and to-dos)."""
    return _author_body(body(snapshot))


@lru_cache(maxsize=64)
def _author_body(text: str) -> str:
    return without_unchecked_boxes(without_comments(text))


def lacks_all(text: str, needles: tuple[str, ...]) -> bool:
    """True only when ``text`` surely holds none of the lower-case ASCII ``needles`` in any
    case (as ``re.IGNORECASE`` reads case): a cheap exact pre-check before a costly search.
    False whenever ``folded`` cannot stand in for ``re``'s case folding."""
    low = folded(text)
    return low is not None and not any(map(low.__contains__, needles))


# Every line ``bot.text.strip_attribution`` removes holds one of these (its trailer pattern needs
# "-by:", each footer pattern, ``bot.text.AGENT_FOOTER`` included, one of the others; a test in
# tests/perf keeps the two in step).
ATTRIBUTION_NEEDLES = ("-by:", "generated with", "generated by", "description was", "claude.ai/code",
                       "chatgpt.com/codex", "app.devin.ai/sessions", "link to devin run", "requested by:", "copilot",
                       "firewall rules blocked me")


def without_attribution(text: str) -> str:
    """``strip_attribution(text)[0]``, without its line-by-line scan when no line can be one."""
    if lacks_all(text, ATTRIBUTION_NEEDLES):
        return "\n".join(text.splitlines()).strip()  # what strip_attribution keeps: every line
    return strip_attribution(text)[0]


def excerpt_around(text: str, start: int, end: int, limit: int = 100) -> str:
    """``excerpt(text, start)`` cut to fit ``limit`` characters around ``text[start:end]`` (the
    words a signal matched), with "…" on each side that is cut: a quote never stops before the
    words that made a signal fire. A match longer than the room keeps its start and its end."""
    line_start, line_end = line_span(text, start)
    end = min(max(end, start), line_end)
    room = limit - 2  # for the two "…"
    if len(" ".join(text[line_start:line_end].split())) <= room:
        return excerpt(text, start)
    if end - start > room:
        head = text[start: start + room // 2].rstrip()
        tail = text[end - (room - room // 2 - 1): end].lstrip()
        return ("…" if start > line_start else "") + head + "…" + tail + ("…" if end < line_end else "")
    spare = room - (end - start)
    after = min(line_end - end, spare - min(start - line_start, spare // 3))
    lo, hi = start - min(start - line_start, spare - after), end + after
    lo = _word_start(text, lo, start) if lo > line_start else lo
    hi = _word_end(text, hi, end) if hi < line_end else hi
    lead = "…" if lo > line_start else ("…" if continues_before(text, line_start) else "")
    trail = "…" if hi < line_end else ("…" if continues_after(text, line_end) else "")
    return lead + " ".join(text[lo:hi].split()) + trail


def _word_start(text: str, lo: int, start: int) -> int:
    """``lo`` moved past a word it cuts, but not past ``start``."""
    space = text.find(" ", lo, start)
    return space + 1 if space >= 0 and text[lo - 1:lo] not in (" ", "") else lo


def _word_end(text: str, hi: int, end: int) -> int:
    """``hi`` moved back before a word it cuts, but not before ``end``."""
    space = text.rfind(" ", end, hi)
    return space if space >= 0 and text[hi:hi + 1] not in (" ", "") else hi
