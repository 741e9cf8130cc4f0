"""The E1+-like reading of the training CV: merged records with their attribution lines put back.

The protocol's E1+ scores the evaluation's merged records with their ``removed_lines`` appended,
so the ``ai`` signals fire as they would on GitHub. The training CV had no such view, and the
nineteenth session's v7 lost 0.031 on E1+ where no rule could look (models/HISTORY.md). Every
training now scores each held-out fold a second time with the training git merged records read
that way (``view``), and reports their E1-like figures under ``cv.markers_back`` (``report``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from bot.model import data, metadata


def view(X, feats, examples: list[data.Example], shared: Path, small: bool = False, as_features=None):
    """``X`` with the rows of git merged records that had attribution lines removed featurised
    again with them put back (``as_features(feats, examples)``, ``bot.model.train.features``)."""
    restored = data.merged_with_markers(shared, small=small)
    rows = [i for i, e in enumerate(examples) if e.source == "git_prs" and e.record_id in restored]
    if not rows:
        return X
    again = [replace(examples[i], snapshot=restored[examples[i].record_id]) for i in rows]
    return with_rows(X, rows, as_features(feats, again))


def with_rows(X, rows: list[int], replacement) -> sp.csr_matrix:
    """``X`` with ``rows`` (in order) replaced by the rows of ``replacement``."""
    X = sp.csr_matrix(X)
    n = X.shape[0]
    keep = np.ones(n)
    keep[rows] = 0.0
    place = sp.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(n, len(rows)))
    return (sp.diags(keep) @ X + place @ sp.csr_matrix(replacement)).tocsr()


def report(examples: list[data.Example], p: np.ndarray, seen: np.ndarray) -> dict:
    """E1-like figures of the markers-back probabilities ``p``: pooled, per repository, and their mean."""
    full = metadata.cv_report(examples, p, seen)
    per_repo = {repo: r["E1_like_auc"] for repo, r in full["per_repo"].items()}
    known = [a for a in per_repo.values() if a is not None]
    return {"E1_like": full["E1_like"], "per_repo_E1_like_auc": per_repo,
            "mean_per_repo_E1_like": round(float(np.mean(known)), 4) if known else None}
