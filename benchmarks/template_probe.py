"""How the classifier reads a known PR template: its lines removed, or kept as training read them.

Fills training-split PRs into the real kubernetes/kubernetes PR template
(``kubernetes_pr_template.md`` beside this script: that repository's
``.github/PULL_REQUEST_TEMPLATE.md``, Apache-2.0): the description as the author's "What this PR
does / why we need it", ``/kind bug``, "Fixes #" left as is and a ``NONE`` release note. Scores each with ``score_many``
and the template known, two ways in one process (same signals, same model):

* ``removed``: the classifier reads the description without the template's lines (v4-v9's
  ``bot.written.as_written`` until the twenty-fifth session);
* ``kept``: it reads the description as written, as it reads one whose template is unknown and
  as training read every row (the twenty-fifth session's ``as_written``).

Prints, for every merged ``human`` git PR of the training repositories and a seeded draw of
training-split agent PRs with a description, the share in ``medium`` or above and in ``high``
under each reading (models/HISTORY.md, "Twenty-fifth session")::

    SIEVE_SHARED_DIR=../shared python benchmarks/template_probe.py [--agents 600] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import scoring  # noqa: E402
from bot.model.data import training_examples  # noqa: E402
from bot.model.features import texts_of  # noqa: E402
from bot.model.relaid import eligible  # noqa: E402
from bot.signals.hits import without_template  # noqa: E402
from bot.written import as_written  # noqa: E402

TEMPLATE = (Path(__file__).with_name("kubernetes_pr_template.md")).read_text(encoding="utf-8")
WHAT = "#### What this PR does / why we need it:\n"
KIND = "#### What type of PR is this?\n"


def filled(description: str) -> str:
    """``description`` filled into the Kubernetes template as its author would."""
    body = TEMPLATE.replace(WHAT, WHAT + "\n" + description.strip() + "\n", 1)
    body = body.replace(KIND, KIND + "\n/kind bug\n", 1)
    return body.replace("```release-note\n\n```", "```release-note\nNONE\n```", 1)


def removed_reading(snapshot):
    """The reading until the twenty-fifth session: the known template's lines removed."""
    read = as_written(replace(snapshot, pr_template=None))
    return replace(read, body=without_template(read.body or "", snapshot.pr_template)) if snapshot.pr_template else read


def kept_reading(snapshot):
    return as_written(replace(snapshot, pr_template=None))


def bands(snapshots, reading) -> dict:
    original = scoring.as_written
    scoring.as_written = reading
    try:
        results = scoring.score_many(snapshots)
    finally:
        scoring.as_written = original
    n = len(results)
    return {"n": n, "medium_or_above": round(sum(r.band != "low" for r in results) / n, 4),
            "high": round(sum(r.band == "high" for r in results) / n, 4),
            "mean_score": round(sum(r.score for r in results) / n, 2)}


def pools(shared: Path, agents: int, seed: int):
    examples = training_examples(shared)
    humans = [e for e in examples if e.source == "git_prs" and e.label == 0 and e.weight == 1.0]
    agent_pool = [e for e in examples if e.label == 1 and e.source in ("git_prs", "aidev_agent")
                  and eligible(texts_of(e.snapshot).body)]
    drawn = random.Random(seed).sample(agent_pool, min(agents, len(agent_pool)))
    own = {e.record_id for e in humans if eligible(texts_of(e.snapshot).body)}
    return humans, drawn, own


def templated(examples) -> list:
    return [replace(e.snapshot, body=filled(e.snapshot.body or ""), pr_template=TEMPLATE) for e in examples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    humans, agents, own = pools(Path(os.environ.get("SIEVE_SHARED_DIR", ROOT.parent / "shared")), args.agents, args.seed)
    groups = {"humans": humans, "humans_with_own_description": [e for e in humans if e.record_id in own],
              "agents": agents}
    report = {}
    for name, members in groups.items():
        snaps = templated(members)
        report[name] = {"removed": bands(snaps, removed_reading), "kept": bands(snaps, kept_reading)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
