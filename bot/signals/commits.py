"""``commit_message_uniformity`` (kind "effort"): commit messages that read as produced, not
written: generic subjects ("Initial plan", "wip", "fix", "update"), or many long commits that
share one bullet-list shape and length.

The value is the larger of two parts: the share of generic subjects (under a quarter of the
commits it stays quiet, except for agent placeholder commits such as "Initial plan", which count
0.5 however many follow), and (from three commits on) how uniform the long, bulleted messages are.

GitHub's web-editor default subjects ("Update app.go", "Create README.md", "Delete foo.txt", "Add
files via upload", "Rename x to y", "Update and rename …") are no evidence either way: people
editing on github.com write them, and in the training split 82 of this signal's 98 firings on
human PRs rested on them alone. ``_GENERIC`` holds none of them (each names a file or an upload).
"""

from __future__ import annotations

import re
import statistics

from bot.result import SignalHit
from bot.signals import hits
from bot.snapshot import PRSnapshot
from bot.text import LineStartCount

NAME = "commit_message_uniformity"
KIND = "effort"

_GENERIC = re.compile(
    r"^(?:initial\s+(?:plan|commit)|wip|fix|fixes|fixed|update|updates|changes|minor\s+(?:changes|fixes)"
    r"|\.|commit|test|tmp|temp|save|stuff|done|final|cleanup|misc|checkpoint|changes\s+before\s+error\s+encountered)"
    r"\s*\.?$",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"^(?:initial\s+plan|changes\s+before\s+error\s+encountered|checkpoint)\.?$", re.IGNORECASE)
MIN_GENERIC_SHARE = 0.25
PLACEHOLDER_FLOOR = 0.5  # an empty "Initial plan" commit counts however many commits follow
_BULLET = LineStartCount(r"[^\S\n]*(?:[-*+]|\d+\.)\s+\S")  # indentation within the line: a run of blank lines is read once
_TRAILER = re.compile(r"^[A-Za-z-]+-by:.*$", re.MULTILINE | re.IGNORECASE)
MIN_UNIFORM = 3


def _subject(message: str) -> str:
    return message.strip().split("\n", 1)[0].strip()


def _generic_part(msgs: tuple[str, ...]) -> tuple[float, str]:
    """Share of generic subjects (web-editor defaults are not generic: they name the file)."""
    generic = [s for s in map(_subject, msgs) if _GENERIC.match(s)]
    share = len(generic) / len(msgs)
    placeholders = [x for x in generic if _PLACEHOLDER.match(x)]
    if placeholders:
        share = max(share, PLACEHOLDER_FLOOR)
    elif share < MIN_GENERIC_SHARE:
        return 0.0, ""
    example = hits.quote((placeholders or generic)[0], 60)
    if len(msgs) == 1:
        return share, f"the only commit subject is generic: {example}"
    n = len(generic)
    return share, f"{n} of {len(msgs)} commit subjects {'is' if n == 1 else 'are'} generic (e.g. {example})"


def _uniform_part(msgs: tuple[str, ...]) -> tuple[float, str]:
    # Three bullets start three lines: a message with fewer than two line breaks has no bulleted
    # body (removing trailers and stripping only drop characters), so only the others are read.
    multiline = [m for m in msgs if m.count("\n") >= 2]
    if len(multiline) < MIN_UNIFORM or len(multiline) < 0.6 * len(msgs):
        return 0.0, ""
    return uniform_bodies([_TRAILER.sub("", m).strip() for m in multiline], len(msgs))


def uniform_bodies(bodies: list[str], n_msgs: int) -> tuple[float, str]:
    """Value and evidence for ``n_msgs`` commits whose trailer-less bodies include ``bodies``."""
    bulleted = [b for b in bodies if _BULLET.count(b) >= 3]
    if len(bulleted) < MIN_UNIFORM or len(bulleted) < 0.6 * n_msgs:
        return 0.0, ""
    lengths = [len(b) for b in bulleted]
    mean = statistics.fmean(lengths)
    spread = statistics.pstdev(lengths) / mean if mean else 1.0
    if mean < 200 or spread > 0.5:
        return 0.0, ""
    bullets = statistics.median(_BULLET.count(b) for b in bulleted)
    value = min(1.0, (len(bulleted) / n_msgs) * (1.0 - spread))
    return value, (f"{len(bulleted)} of {n_msgs} commits have long bullet-list bodies of one shape "
                   f"(~{int(bullets)} bullets, ~{int(mean)} characters each)")


# What a review fix-up commit is called before a squash ("fix", "address review comments"); the
# other generic subjects ("wip", "tmp", "Initial plan") are not read as fix-ups
_FIXUP = re.compile(r"^(?:fix|fixes|fixed|fix\s+(?:tests?|lint|typo|build|ci)|update|updates|changes|cleanup|misc"
                    r"|minor\s+(?:changes|fixes)|address(?:ed)?\s+(?:review|comments|feedback)[\w\s]*|review\s+(?:comments|feedback))"
                    r"\s*\.?$", re.IGNORECASE)


def only_fixups(snapshot: PRSnapshot) -> bool:
    """Whether this signal fired only on review fix-ups: a descriptive first commit, then only
    fix-up subjects ("fix", "address review comments") among the generic ones, and no uniform
    bullet bodies. A routine sight before a squash, not a sign of low effort: ``score()`` shows
    the signal quiet and counts nothing for it; its value, which the model reads, is unchanged."""
    msgs = tuple(m for m in hits.messages(snapshot) if m.strip())
    subjects = [_subject(m) for m in msgs]
    if len(subjects) < 2 or _GENERIC.match(subjects[0]) or _uniform_part(msgs)[0] > 0:
        return False
    generic = [x for x in subjects[1:] if _GENERIC.match(x)]
    return bool(generic) and all(_FIXUP.match(x) for x in generic)


def commit_message_uniformity(snapshot: PRSnapshot) -> SignalHit:
    msgs = tuple(m for m in hits.messages(snapshot) if m.strip())
    if not msgs:
        return hits.quiet(NAME, KIND)
    value, evidence = max(_generic_part(msgs), _uniform_part(msgs))
    return hits.fired(NAME, KIND, value, evidence) if value > 0 else hits.quiet(NAME, KIND)
