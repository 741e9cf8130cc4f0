"""A careful Kubernetes PR, its template known (the App's path), is read as the model was trained.

The real kubernetes/kubernetes template (``benchmarks/kubernetes_pr_template.md``) filled in
properly around a 3-line nil check. With the template's lines removed before the model read the
description, this PR scored 77 (``medium``) from the model alone, against 13 with the template
unknown (models/HISTORY.md, "Twenty-fifth session")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.scoring import ScoreConfig, batch_score, score
from bot.snapshot import Commit, FileChange, PRSnapshot

TEMPLATE = (Path(__file__).resolve().parents[2] / "benchmarks" / "kubernetes_pr_template.md").read_text()
PATCH = ("@@ -55,6 +55,9 @@ func nodeAddress(node *v1.Node) string {\n+\tif node == nil || len(node.Status.Addresses) == 0 {\n"
         "+\t\treturn \"\"\n+\t}\n \tfor _, a := range node.Status.Addresses {")


def filled() -> str:
    body = TEMPLATE.replace("#### What type of PR is this?\n", "#### What type of PR is this?\n\n/kind bug\n", 1)
    body = body.replace("#### What this PR does / why we need it:\n", "#### What this PR does / why we need it:\n\n"
                        "Fix nil pointer dereference when the node has no `Status.Addresses`.\n", 1)
    body = body.replace("Fixes #\n", "Fixes #125100\n", 1)
    return body.replace("```release-note\n\n```", "```release-note\nNONE\n```", 1)


def pr(template: str | None) -> PRSnapshot:
    return PRSnapshot(title="Fix nil pointer in nodeAddress", body=filled(), pr_template=template,
                      files=(FileChange("pkg/controller/nodeipam/util.go", additions=3, patch=PATCH),),
                      commits=(Commit("Fix nil pointer in nodeAddress\n\nSigned-off-by: Jane Doe <jane.doe@example.com>"),))


def test_a_filled_kubernetes_template_is_low_whether_or_not_it_is_known(shipped_model):
    config = ScoreConfig(model_path=str(shipped_model))
    known, unknown = score(pr(TEMPLATE), config), score(pr(None), config)
    assert known.band == "low" and known.probability == pytest.approx(unknown.probability, abs=1e-12)
    assert batch_score([pr(TEMPLATE)], model_path=str(shipped_model))[0] == pytest.approx(known.probability, abs=1e-12)


def test_the_layout_signals_still_leave_the_known_templates_headings_out(shipped_model):
    config = ScoreConfig(model_path=str(shipped_model))
    fired = {s.name for s in score(pr(TEMPLATE), config).fired}
    assert "template_weight" not in fired
    assert "template_weight" in {s.name for s in score(pr(None), config).fired}  # six headings, a 3-line change
