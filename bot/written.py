"""The description as its author wrote it, for the classifier: without the repository's PR
template.

A project's template puts its own headings and placeholders into every description
(Kubernetes': six headings, a release-note block, hidden tips). The classifier was trained on
descriptions whose templates are unknown, and reads a heavily structured description as
agent-like, so on a project with such a template it would judge the project's form instead of
the author's words. When the template is known (the App reads it from the default branch;
``sieve score --git --body-file`` from the base revision), the classifier reads the description
without its HTML comments (GitHub does not show them) and without the lines it shares, word for
word, with the template. An author's own text, a ticked checkbox or a filled-in line stays.
The layout signals read it the same way (``hits.own_body``); ``template_sections_ignored``
reads the whole description, which it compares with the template.
"""

from __future__ import annotations

from dataclasses import replace

from bot.signals.hits import without_template
from bot.snapshot import PRSnapshot


def as_written(snapshot: PRSnapshot) -> PRSnapshot:
    """``snapshot`` with its description as the author wrote it (unchanged when no template is known)."""
    if not snapshot.pr_template:
        return snapshot
    return replace(snapshot, body=without_template(snapshot.body, snapshot.pr_template))
