"""``commit_message_uniformity`` (kind "effort"): commit messages that read as produced, not
written: generic subjects ("Update file.py", "Initial plan", "wip"), or many long commits
that share one bullet-list shape and length.

The value is the larger of two parts: the share of generic subjects, and (from three
commits on) how uniform the long, bulleted messages are.
"""

from __future__ import annotations

import re
import statistics

from bot.result import SignalHit
from bot.signals import hits
from bot.snapshot import PRSnapshot

NAME = "commit_message_uniformity"
KIND = "effort"

_GENERIC = re.compile(
    r"^(?:(?:update|create|add|delete|remove|modify|edit|change|rename)\s+[\w./-]+\.\w+"
    r"|initial\s+(?:plan|commit)|wip|fix|fixes|fixed|update|updates|changes|minor\s+(?:changes|fixes)"
    r"|\.|commit|test|tmp|temp|save|stuff|done|final|cleanup|misc)\s*\.?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\S", re.MULTILINE)
_TRAILER = re.compile(r"^[A-Za-z-]+-by:.*$", re.MULTILINE | re.IGNORECASE)
MIN_UNIFORM = 3


def _subject(message: str) -> str:
    return message.strip().split("\n", 1)[0].strip()


def _generic_part(msgs: tuple[str, ...]) -> tuple[float, str]:
    generic = [s for s in map(_subject, msgs) if _GENERIC.match(s)]
    if not generic:
        return 0.0, ""
    share = len(generic) / len(msgs)
    return share, f"{len(generic)} of {len(msgs)} commit subjects are generic (e.g. {hits.quote(generic[0], 60)})"


def _uniform_part(msgs: tuple[str, ...]) -> tuple[float, str]:
    bodies = [_TRAILER.sub("", m).strip() for m in msgs]
    bulleted = [b for b in bodies if len(_BULLET.findall(b)) >= 3]
    if len(bulleted) < MIN_UNIFORM or len(bulleted) < 0.6 * len(msgs):
        return 0.0, ""
    lengths = [len(b) for b in bulleted]
    mean = statistics.fmean(lengths)
    spread = statistics.pstdev(lengths) / mean if mean else 1.0
    if mean < 200 or spread > 0.5:
        return 0.0, ""
    bullets = statistics.median(len(_BULLET.findall(b)) for b in bulleted)
    value = min(1.0, (len(bulleted) / len(msgs)) * (1.0 - spread))
    return value, (f"{len(bulleted)} of {len(msgs)} commits have the same long bullet-list body "
                   f"(~{int(bullets)} bullets, ~{int(mean)} characters each)")


def commit_message_uniformity(snapshot: PRSnapshot) -> SignalHit:
    msgs = tuple(m for m in hits.messages(snapshot) if m.strip())
    if not msgs:
        return hits.quiet(NAME, KIND)
    value, evidence = max(_generic_part(msgs), _uniform_part(msgs))
    return hits.fired(NAME, KIND, value, evidence) if value > 0 else hits.quiet(NAME, KIND)
