"""The description as its author wrote it, for the classifier.

A project's template puts its own headings and placeholders into every description
(Kubernetes': six headings, a release-note block, hidden tips). The classifier reads them as
written, template known or not: that is how every training row was read (none has a known
template), and v5-v9 were trained on people's words laid under headings, Kubernetes-style
templates among them (``bot.model.relaid``). Until the twenty-fifth session it read a known
template's description without the lines it shares with the template; a properly filled
Kubernetes description then shrank to one sentence, "Fixes #N" and a loose "NONE", a shape no
training row had, and careful PRs went from ``low`` to ``medium`` or ``high`` (models/HISTORY.md,
"Twenty-fifth session"). The layout signals still read the description without the template's
lines (``hits.own_body``); ``template_sections_ignored`` compares it with the template.

Command lines for bots (Prow's ``/kind bug``, ``/sig node``, ``/assign``, ``/ok-to-test``,
``/cherry-pick``, PR Sieve's own ``/sieve``) are instructions to a project's tooling, not the
author's description, and the classifier never reads them, template or not. Kubernetes asks
every author for ``/kind`` and ``/sig`` lines.

Nor does it read the sentences that disclose AI use (``bot.signals.disclosure``): a disclosure
says who wrote the code, not how carefully, and the ``ai`` signals already count for nothing in
``score()``. Read as text, one careful disclosure sentence took human PRs from 3.3 % to 8.4 %
above the medium threshold out of fold (models/HISTORY.md, thirteenth session).

Nor does it read what GitHub does not show as the author's (``bot.botblocks``): review bots'
summaries between their marker comments (CodeRabbit, Ellipsis, cubic, Cursor Bugbot…) and HTML
comments (a template's instructions), whether or not the template is known; and it reads
``<details>`` unfolded, as GitHub shows it once opened (tags gone, words kept). In the training
data these come almost only with agent PRs, so read as text they say "agent" about anyone whose
repository runs such a bot, keeps comments in its template or folds a log (models/HISTORY.md,
fourteenth session).

Nor does it read commit messages' attribution lines (``Co-Authored-By: Claude``, "Generated
with …") or their disclosure sentences ("I used Claude to …", for the reasons above). The text
blocks never read the attribution lines, but the commit numbers (multi-line share, mean length) read
the raw messages, where a trailer made a one-line message a long multi-line one and moved a
careful PR by 0.07 in probability (models/HISTORY.md, fourteenth session).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.botblocks import as_rendered
from bot.signals.disclosure import without_disclosures
from bot.signals.hits import ATTRIBUTION_NEEDLES, lacks_all
from bot.snapshot import Commit, PRSnapshot
from bot.text import strip_attribution


# Prow's commands (prow.k8s.io/command-help), the cherry-pick bots' and PR Sieve's own: a whole line,
# the command first, at most three spaces before it (four make indented code)
_BOT_COMMAND = re.compile(
    r"^[ ]{0,3}/(?:kind|sig|area|priority|triage|lifecycle|assign|unassign|cc|uncc|lgtm|approve|hold|unhold"
    r"|retest|test|ok-to-test|release-note(?:-none|-edit)?|milestone|label|remove-[a-z-]+|close|reopen"
    r"|cherry-?pick|backport|sieve)(?![\w/.-])[^\n]*(?:\n|$)", re.IGNORECASE | re.MULTILINE)


def without_bot_commands(text: str) -> str:
    """``text`` without its command lines for bots (``_BOT_COMMAND``)."""
    return _BOT_COMMAND.sub("", text) if "/" in text else text


def without_attribution_lines(commit: Commit) -> Commit:
    """``commit`` without its message's attribution lines; the same object when it has none (its
    message is then left exactly as it is, line ends and all)."""
    if lacks_all(commit.message, ATTRIBUTION_NEEDLES):
        return commit
    kept, removed = strip_attribution(commit.message)
    return replace(commit, message=kept) if removed else commit


def as_committed(commit: Commit) -> Commit:
    """``commit`` without its message's attribution lines and AI disclosure sentences (as the
    description loses them); the same object when it has neither."""
    cleaned = without_attribution_lines(commit)
    message = without_disclosures(cleaned.message)
    return cleaned if message == cleaned.message else replace(cleaned, message=message)


def as_written(snapshot: PRSnapshot) -> PRSnapshot:
    """``snapshot`` with its description as the author wrote it: without review-bot blocks, HTML
    comments and ``<details>`` tags, bot command lines and AI disclosure sentences (a known
    template's visible lines stay, as in training); and with its commit messages without their
    attribution lines and disclosure sentences (``as_committed``)."""
    body = without_disclosures(without_bot_commands(as_rendered(snapshot.body or "")))
    commits = tuple(map(as_committed, snapshot.commits))
    changes = {"body": body} if body != (snapshot.body or "") else {}
    if any(a is not b for a, b in zip(commits, snapshot.commits)):
        changes["commits"] = commits
    return replace(snapshot, **changes) if changes else snapshot
